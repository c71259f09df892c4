"""Signed links: one to confirm a sign-up, one to manage or cancel a subscription.

A confirmation link carries the whole sign-up, so nothing about an address is
stored until its owner confirms. A management link never expires, so that an
old email can still unsubscribe; it names the subscriber and a fingerprint of
the address, so it stops working when the subscriber is deleted.
"""

import hashlib

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "releases.alerts.confirm"
MANAGE_SALT = "releases.alerts.manage"


def confirm_token(*, email, languages, scope):
    return signing.dumps({"e": email, "l": list(languages), "s": scope}, salt=CONFIRM_SALT, compress=True)


def read_confirm_token(token):
    """The sign-up in a confirmation link, or None if it is forged, damaged or expired."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=settings.PRESSOFFICE_ALERTS_CONFIRM_MAX_AGE)
    except (signing.BadSignature, ValueError):
        return None
    if not isinstance(data, dict) or not all(isinstance(data.get(k), t) for k, t in (("e", str), ("l", list), ("s", str))):
        return None
    return data


def _fingerprint(email):
    return hashlib.sha256(email.lower().encode()).hexdigest()[:16]


def manage_token(subscriber):
    return signing.Signer(salt=MANAGE_SALT).sign_object([subscriber.pk, _fingerprint(subscriber.email)])


def subscriber_from_token(token):
    from releases.models import Subscriber

    try:
        pk, fingerprint = signing.Signer(salt=MANAGE_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    subscriber = Subscriber.objects.filter(pk=pk).first() if isinstance(pk, int) else None
    if subscriber is None or _fingerprint(subscriber.email) != fingerprint:
        return None
    return subscriber
