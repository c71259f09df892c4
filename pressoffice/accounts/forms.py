from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _

from . import audit
from .otp import check_code, has_second_factor, recovery_codes_left

CODE_WIDGET = forms.TextInput(attrs={
    "autocomplete": "one-time-code", "inputmode": "text", "dir": "ltr", "spellcheck": "false",
    "autocapitalize": "off", "size": 12,
})


class StaffLoginForm(AdminAuthenticationForm):
    """Password, then the code from the authenticator app (or a recovery code), in one form.

    A wrong code counts as a failed login, so django-axes throttles guessing
    codes exactly as it throttles guessing passwords.
    """

    code = forms.CharField(
        label=_("Authentication code"), required=False, max_length=32, widget=CODE_WIDGET,
        help_text=_("The six-digit code from your authenticator app, or one of your recovery codes. "
                    "Leave it empty if you have not set up two-factor authentication yet."),
    )
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "code": _("Enter the six-digit code from your authenticator app, or one of your recovery codes."),
    }

    def clean(self):
        cleaned = super().clean()
        user = self.user_cache
        if user is not None and has_second_factor(user):
            device = check_code(user, cleaned.get("code"))
            if device is None:
                self.request.login_failure_reason = "wrong or missing authentication code"
                user_login_failed.send(
                    sender=__name__, credentials={"username": user.get_username()}, request=self.request
                )
                raise forms.ValidationError(self.error_messages["code"], code="code")
            # django-otp marks the session as verified when it sees this at login.
            user.otp_device = device
            if device.__class__.__name__ == "StaticDevice":
                audit.account_event(
                    audit.RECOVERY_CODE_USED, request=self.request, user=user,
                    reason=f"{recovery_codes_left(user)} left",
                )
        return cleaned


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Authentication code"), max_length=32, widget=CODE_WIDGET)

    def __init__(self, *args, device_check, **kwargs):
        super().__init__(*args, **kwargs)
        self.device_check = device_check

    def clean_code(self):
        device = self.device_check(self.cleaned_data["code"])
        if device is None:
            raise forms.ValidationError(
                _("That code is not right. Check that the clock of your phone is correct, and enter "
                  "the code that your app shows now."), code="code",
            )
        self.device = device
        return self.cleaned_data["code"]
