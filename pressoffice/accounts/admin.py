"""Unlocking accounts, and second-factor changes made by an administrator, both audited."""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from axes.utils import reset
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _, ngettext
from django_otp.plugins.otp_static.admin import StaticDeviceAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit


class UnlockingAccessAttemptAdmin(AccessAttemptAdmin):
    actions = ["unlock"]

    @admin.action(description=_("Unlock the selected accounts and addresses"), permissions=["delete"])
    def unlock(self, request, queryset):
        count = 0
        for attempt in queryset:
            count += reset(ip=attempt.ip_address, username=attempt.username) or 0
            audit.account_event(audit.UNLOCK, request=request, user=request.user,
                                reason=f"{attempt.username or '-'} / {attempt.ip_address or '-'}")
        self.message_user(request, ngettext("%(count)d lockout lifted.", "%(count)d lockouts lifted.", count)
                          % {"count": count}, messages.SUCCESS)


class AuditedDeviceAdmin:
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.confirmed:
            audit.account_event(audit.OTP_ENROLLED, request=request, user=obj.user,
                                reason=f"by {request.user.get_username()} in the admin")

    def delete_model(self, request, obj):
        audit.account_event(audit.OTP_REMOVED, request=request, user=obj.user,
                            reason=f"by {request.user.get_username()} in the admin")
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for device in queryset:
            audit.account_event(audit.OTP_REMOVED, request=request, user=device.user,
                                reason=f"by {request.user.get_username()} in the admin")
        super().delete_queryset(request, queryset)


class AuditedTOTPDeviceAdmin(AuditedDeviceAdmin, TOTPDeviceAdmin):
    pass


class AuditedStaticDeviceAdmin(AuditedDeviceAdmin, StaticDeviceAdmin):
    pass


for model, model_admin in ((AccessAttempt, UnlockingAccessAttemptAdmin), (TOTPDevice, AuditedTOTPDeviceAdmin),
                           (StaticDevice, AuditedStaticDeviceAdmin)):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)
