"""Second factors: who needs one, enrolment, recovery codes, and checking a code.

A TOTP app is the second factor; recovery codes (django-otp static tokens)
stand in for a lost phone, each usable once.
"""

import re
from base64 import b32encode

from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user, user_has_device, verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

PUBLISH_PERMISSION = "releases.publish_edition"
TOTP_CODE = re.compile(r"^\d{6}$")


def otp_required(user):
    """Editors (whoever may publish) and superusers must use a second factor, unless it is switched off."""
    if not settings.PRESSOFFICE_OTP_REQUIRED or not user.is_authenticated:
        return False
    return user.is_superuser or user.has_perm(PUBLISH_PERMISSION)


def needs_second_factor(request):
    user = request.user
    is_verified = getattr(user, "is_verified", None)
    return otp_required(user) and not (is_verified and is_verified())


def has_second_factor(user):
    return user_has_device(user, confirmed=True)


def normalise_code(code):
    return "".join((code or "").split()).lower()


def check_code(user, code):
    """The device that accepts `code` (a six-digit TOTP code or a recovery code), or None.

    Only the matching kind of device is tried, so a mistyped recovery code
    doesn't count against the authenticator's throttle, and the reverse.
    """
    code = normalise_code(code)
    if not code:
        return None
    kind = TOTPDevice if TOTP_CODE.match(code) else StaticDevice
    for device in devices_for_user(user, confirmed=True):
        if isinstance(device, kind):
            matched = verify_token(user, device.persistent_id, code)
            if matched is not None:
                return matched
    return None


def pending_device(user):
    """The authenticator being set up: unconfirmed until its first code is entered."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def secret_for_display(device):
    key = b32encode(device.bin_key).decode()
    return " ".join(key[i:i + 4] for i in range(0, len(key), 4))


@transaction.atomic
def recovery_codes_replace(*, user):
    """New recovery codes; the old ones stop working. Returns the codes, to show once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.PRESSOFFICE_RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def second_factor_confirm(*, device):
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return recovery_codes_replace(user=device.user)


@transaction.atomic
def second_factor_remove(*, user):
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
