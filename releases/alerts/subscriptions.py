"""Signing up, confirming, changing and cancelling: one service each.

A sign-up stores nothing: it queues a confirmation email whose signed link
carries the request. The request does the same work whether or not the address
is already subscribed, so neither the page nor its timing can tell.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from releases.models import Scope, Subscriber

from . import scopes
from .tokens import confirm_token


class TooManySignups(Exception):
    pass


def normalise_email(email):
    # Compared without case: no mail provider we send to treats "Jane@" and "jane@" as two people.
    return email.strip().lower()


def _allowed(kind, value, limit_and_window):
    limit, window = limit_and_window
    key = f"alerts:signup:{kind}:{hashlib.sha256(value.encode()).hexdigest()}"
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    return count <= limit


def subscription_request(*, email, languages, scope_key, client, language):
    """Queue a confirmation email for a sign-up, within the rate limits."""
    from .tasks import send_confirmation

    email = normalise_email(email)
    # Both counters always move, so a refusal costs the same as a success.
    by_address = _allowed("address", email, settings.PRESSOFFICE_ALERTS_SIGNUPS_PER_ADDRESS)
    by_client = _allowed("client", client or "unknown", settings.PRESSOFFICE_ALERTS_SIGNUPS_PER_CLIENT)
    if not (by_address and by_client):
        raise TooManySignups
    token = confirm_token(email=email, languages=languages, scope=scope_key)
    send_confirmation.enqueue(email=email, token=token, language=language)


@transaction.atomic
def subscriber_confirm(*, email, languages, scope_key, now=None):
    """Record a confirmed sign-up. Returns the subscriber, or None if the address is suppressed."""
    now = now or timezone.now()
    email = normalise_email(email)
    fields = scopes.scope_fields(scope_key)
    subscriber = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
    if subscriber is None:
        try:
            with transaction.atomic():
                subscriber = Subscriber.objects.create(email=email, confirmed_at=now)
        except IntegrityError:  # a second click on the same link, at the same moment
            subscriber = Subscriber.objects.select_for_update().get(email__iexact=email)
    if subscriber.suppressed_at:
        return None
    subscriber.set_languages(set(subscriber.language_codes) | set(languages))
    subscriber.confirmed_at = subscriber.confirmed_at or now
    subscriber.save(update_fields=["languages", "confirmed_at"])
    if fields is not None:
        Scope.objects.get_or_create(subscriber=subscriber, key=scope_key, defaults={**fields, "added_at": now})
    return subscriber


@transaction.atomic
def subscriber_update(*, subscriber, languages, scope_ids):
    """Keep only the chosen languages and scopes; with none of either left, cancel."""
    subscriber.scopes.exclude(pk__in=scope_ids).delete()
    subscriber.set_languages(languages)
    if not subscriber.languages or not subscriber.scopes.exists():
        subscriber_cancel(subscriber=subscriber)
        return None
    subscriber.save(update_fields=["languages"])
    return subscriber


@transaction.atomic
def subscriber_cancel(*, subscriber):
    """Unsubscribe from everything: the address, its choices and its delivery records are deleted."""
    if subscriber.suppressed_at:
        # A suppressed address is kept so that it is never mailed again; it has no choices left.
        subscriber.scopes.all().delete()
        return
    Subscriber.objects.filter(pk=subscriber.pk).delete()


@transaction.atomic
def subscriber_suppress(*, subscriber, now=None):
    Subscriber.objects.filter(pk=subscriber.pk, suppressed_at__isnull=True).update(suppressed_at=now or timezone.now())
    subscriber.refresh_from_db(fields=["suppressed_at"])
    return subscriber
