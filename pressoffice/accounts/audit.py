"""Account events in the audit trail: logins, failed logins, lockouts and second-factor changes.

They are AuditEntry rows that name no release and no edition; `subject`
holds the account name as typed, so a failed login for an account that
doesn't exist is recorded too.
"""

import unicodedata

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from .client import client_ip

LOGIN, LOGIN_FAILED, LOCKOUT, UNLOCK = "login", "login_failed", "lockout", "unlock"
OTP_ENROLLED, OTP_REMOVED, RECOVERY_CODE_USED, RECOVERY_CODES_REPLACED = (
    "otp_enrolled", "otp_removed", "recovery_code_used", "recovery_codes_replaced",
)
ACCOUNT_ACTIONS = (LOGIN, LOGIN_FAILED, LOCKOUT, UNLOCK, OTP_ENROLLED, OTP_REMOVED, RECOVERY_CODE_USED,
                   RECOVERY_CODES_REPLACED)


def _printable(text, limit=150):
    # The name is typed by anyone: keep control and format characters out of the trail.
    return "".join(c for c in str(text or "") if unicodedata.category(c)[0] != "C")[:limit]


def account_event(action, *, request=None, user=None, subject="", reason=""):
    from releases.models import AuditEntry

    details = [reason] if reason else []
    if request is not None:
        details.append(f"{client_ip(request)}")
    account = user if user is not None and user.pk else None
    return AuditEntry.objects.create(
        release=None, edition=None, user=account, action=action,
        subject=_printable(subject or (account.get_username() if account else "")),
        reason=" · ".join(details),
    )


def _account(username):
    model = get_user_model()
    if not username:
        return None
    return model._default_manager.filter(**{model.USERNAME_FIELD: username}).first()


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    device = getattr(user, "otp_device", None)
    factor = type(device).__name__ if device is not None else "password only"
    account_event(LOGIN, request=request, user=user, reason=factor)
    if getattr(request, "session", None) is not None:
        from .middleware import renew

        renew(request.session)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    username = credentials.get("username", "")
    reason = getattr(request, "login_failure_reason", "") if request is not None else ""
    account_event(LOGIN_FAILED, request=request, user=_account(username), subject=username, reason=reason)


@receiver(user_locked_out)
def _locked_out(sender, request, username, ip_address, **kwargs):
    account_event(LOCKOUT, request=request, user=_account(username), subject=username or ip_address)
