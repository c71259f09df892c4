"""Shareable preview links: signed, for one edition, expiring, and revocable."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "releases.preview"


def preview_token(edition):
    # The edition's preview_generation is in the signed value: bumping it revokes old links.
    return signing.TimestampSigner(salt=SALT).sign_object({"e": edition.pk, "g": edition.preview_generation})


def preview_url(edition):
    return reverse("releases:preview", kwargs={"token": preview_token(edition)})


def edition_from_token(token):
    """The edition a token opens, or None when it is forged, expired or revoked."""
    from .models import Edition

    try:
        data = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=settings.PRESSOFFICE_PREVIEW_MAX_AGE)
    except (signing.BadSignature, signing.SignatureExpired):
        return None
    edition = Edition.objects.filter(pk=data.get("e")).select_related("release").first()
    if edition is None or edition.preview_generation != data.get("g"):
        return None
    return edition
