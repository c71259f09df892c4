"""Setting up, renewing and removing a second factor, from the admin's user menu."""

import segno
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_protect
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit
from .forms import CodeForm
from .otp import (
    check_code, has_second_factor, needs_second_factor, otp_required, pending_device, recovery_codes_left,
    recovery_codes_replace, second_factor_confirm, second_factor_remove, secret_for_display,
)


def _private(response):
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@csrf_protect
def two_factor(request, site):
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return redirect_to_login(request.get_full_path(), "admin:login")
    context = {**site.each_context(request), "title": _("Two-factor authentication"),
               "is_required": otp_required(user)}
    if not has_second_factor(user):
        return _private(_enrol(request, context))
    if needs_second_factor(request):
        # Enrolled, but this session hasn't passed the second factor: sign in with it first.
        return redirect_to_login(request.get_full_path(), "admin:login")
    return _private(_manage(request, context))


def _enrol(request, context):
    user = request.user
    device = pending_device(user)
    form = CodeForm(request.POST or None, device_check=lambda code: device if device.verify_token(
        "".join(code.split())) else None)
    if request.method == "POST" and form.is_valid():
        codes = second_factor_confirm(device=device)
        otp_login(request, device)
        audit.account_event(audit.OTP_ENROLLED, request=request, user=user)
        return TemplateResponse(request, "accounts/recovery_codes.html", {
            **context, "codes": codes, "just_enrolled": True,
        })
    qr = segno.make(device.config_url, error="m")
    return TemplateResponse(request, "accounts/two_factor_enrol.html", {
        **context, "form": form, "qr_svg": qr.svg_inline(scale=5, dark="#000", light="#fff", title=_("QR code")),
        "secret": secret_for_display(device),
    })


def _manage(request, context):
    user = request.user
    action = request.POST.get("action") if request.method == "POST" else None
    form = CodeForm(request.POST if action else None, device_check=lambda code: check_code(user, code))
    if action and form.is_valid():
        if action == "recovery_codes":
            codes = recovery_codes_replace(user=user)
            audit.account_event(audit.RECOVERY_CODES_REPLACED, request=request, user=user)
            return TemplateResponse(request, "accounts/recovery_codes.html", {**context, "codes": codes})
        if action == "remove":
            second_factor_remove(user=user)
            audit.account_event(audit.OTP_REMOVED, request=request, user=user, reason="by the account holder")
            return redirect("admin:two_factor")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return TemplateResponse(request, "accounts/two_factor_manage.html", {
        **context, "form": form, "action": action, "device": device,
        "codes_left": recovery_codes_left(user),
    })
