"""Who is owed which email, decided from the database and the clock alone.

Running the planner again creates nothing new: every delivery has a unique key
per (kind of send, release or correction, language, subscriber). The rules:

- a release is sent in a language once it is public in that language
  (`Release.objects.published().in_language()`), to confirmed subscribers of that
  language whose scope matches its public edition and who followed that scope
  before it went public in that language;
- a public correction or update on a new edition is sent to those who had been
  sent the release before the correction was published;
- a withdrawal is sent to those who had been sent the release;
- nothing older than PRESSOFFICE_ALERTS_MAX_AGE is sent, so that importing an
  archive, or a worker that was down for a week, mails nobody a backlog.
"""

import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from releases.models import Correction, Delivery, Edition, Release, Scope, Subscriber
from releases.models.querysets import complete_q
from releases.states import PUBLIC_STATES, State

from .scopes import matching_q

EVER_PUBLIC_STATES = (*PUBLIC_STATES, State.SUPERSEDED)


def _window_start(now):
    return now - datetime.timedelta(seconds=settings.PRESSOFFICE_ALERTS_MAX_AGE)


def recent_release_ids(*, now=None):
    """Releases with something that may still be owed to someone: for a sweep without an event."""
    now = now or timezone.now()
    since = _window_start(now)
    went_public = Edition.objects.filter(
        release=OuterRef("pk"), state__in=EVER_PUBLIC_STATES, published_at__gte=since, published_at__lte=now
    )
    corrected = Correction.objects.filter(release=OuterRef("pk"), published_at__gte=since, published_at__lte=now)
    return list(
        Release.objects.filter(Exists(went_public) | Exists(corrected) | Q(withdrawn_at__gte=since))
        .values_list("pk", flat=True)
    )


def public_since(release, language, now):
    """When the release first became public in `language`: its earliest public edition complete in it."""
    return (
        release.editions.filter(complete_q(language), state__in=EVER_PUBLIC_STATES, published_at__lte=now)
        .order_by("published_at").values_list("published_at", flat=True).first()
    )


def _not_yet(kind, release, language, correction=None):
    return ~Exists(Delivery.objects.filter(
        subscriber=OuterRef("pk"), release=release, kind=kind, language=language, correction=correction,
    ))


def _create(kind, release, language, subscriber_ids, now, correction=None):
    owner = f"{correction.pk}" if correction else f"{release.pk}"
    deliveries = [
        Delivery(
            key=f"{kind}:{owner}:{language}:{pk}", kind=kind, release=release, correction=correction,
            language=language, subscriber_id=pk, next_attempt_at=now,
        )
        for pk in subscriber_ids
    ]
    # A second worker or a second click planning the same release at the same moment collides on the key.
    Delivery.objects.bulk_create(deliveries, ignore_conflicts=True, batch_size=500)
    return len(deliveries)


def _sent_release(release, language, before=None):
    sent = Delivery.objects.filter(
        subscriber=OuterRef("pk"), release=release, kind=Delivery.Kind.RELEASE, language=language,
        status=Delivery.Status.SENT,
    )
    if before is not None:
        sent = sent.filter(sent_at__lt=before)
    return Exists(sent)


def plan_release(release, *, now):
    since = _window_start(now)
    receiving = Subscriber.objects.receiving()
    created = 0
    if release.withdrawn_at:
        if since <= release.withdrawn_at <= now:
            for language, _name in settings.LANGUAGES:
                ids = receiving.filter(_sent_release(release, language), _not_yet(Delivery.Kind.WITHDRAWAL, release, language))
                created += _create(Delivery.Kind.WITHDRAWAL, release, language, ids.values_list("pk", flat=True), now)
        return created
    edition = release.public_edition(now)
    if edition is None:
        return 0
    corrections = list(release.corrections.filter(published_at__gte=since, published_at__lte=now, edition__isnull=False))
    for language, _name in settings.LANGUAGES:
        if not Release.objects.published(now).in_language(language, now).filter(pk=release.pk).exists():
            continue
        first_public = public_since(release, language, now)
        if first_public >= since:
            scoped = Scope.objects.filter(matching_q(release, edition, added_before=first_public), subscriber=OuterRef("pk"))
            ids = receiving.in_language(language).filter(Exists(scoped), _not_yet(Delivery.Kind.RELEASE, release, language))
            created += _create(Delivery.Kind.RELEASE, release, language, ids.values_list("pk", flat=True), now)
        for correction in corrections:
            ids = receiving.in_language(language).filter(
                _sent_release(release, language, before=correction.published_at),
                _not_yet(Delivery.Kind.CORRECTION, release, language, correction),
            )
            created += _create(Delivery.Kind.CORRECTION, release, language, ids.values_list("pk", flat=True), now, correction)
    return created


def deliveries_plan(*, release_ids=None, now=None):
    """Create the deliveries owed for these releases (or every recent one). Idempotent; returns how many."""
    now = now or timezone.now()
    ids = recent_release_ids(now=now) if release_ids is None else release_ids
    releases = Release.objects.filter(pk__in=ids)
    return sum(plan_release(release, now=now) for release in releases)
