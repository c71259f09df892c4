"""The publishing rule, written once.

An edition is visible when it is published or scheduled and its time has
come; visibility is computed from the clock, so a scheduled edition needs no
running process. A release is published when one of its editions is visible
and it has not been withdrawn. Every public entry point starts from
`Release.objects.published()`.
"""

from django.conf import settings
from django.db import models
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, Subquery
from django.db.models.query import ModelIterable
from django.utils import timezone

from releases.states import EDITABLE_STATES, HAS_BEEN_PUBLIC_STATES, PUBLIC_STATES, State

SOURCE_LANGUAGE = "ar"
# The fields a translation must fill before it can be public.
REQUIRED_TRANSLATED_FIELDS = ("headline", "body", "dateline_place")
# What a release's page shows beside an edition's own columns, fetched with it: each speaker's posts
# (their titles only: the page names no organisation), the programmes, the attachments.
DETAIL_LOOKUPS = ("speakers__appointments", "programmes", "attachments")
# What a card shows (home, lists, speaker and programme pages), in the page's language only.
CARD_COLUMNS = ("id", "release_id", "number", "state", "published_at", "dateline_date", "lead_image")
CARD_TEXT = ("headline", "summary", "dateline_place", "dateline_source", "lead_image_alt", "lead_image_caption")


def card_fields(language, *, body=False):
    """The edition columns a card reads in `language`; feeds and the API also give the body."""
    return [*CARD_COLUMNS, *(f"{name}_{language}" for name in CARD_TEXT + (("body",) if body else ()))]


def visible_q(now=None, prefix=""):
    """Editions that had gone public by `now`; of a release's, the newest is the one shown."""
    now = now or timezone.now()
    return Q(**{f"{prefix}state__in": HAS_BEEN_PUBLIC_STATES, f"{prefix}published_at__lte": now})


def complete_q(language, prefix=""):
    """Editions whose required fields are filled in `language`."""
    if language == SOURCE_LANGUAGE:
        return Q()
    condition = Q()
    for name in REQUIRED_TRANSLATED_FIELDS:
        condition &= Q(**{f"{prefix}{name}_{language}__gt": ""})
    return condition


def translation_languages():
    return [code for code, _name in settings.LANGUAGES if code != SOURCE_LANGUAGE]


class EditionQuerySet(models.QuerySet):
    def visible(self, now=None):
        return self.filter(visible_q(now))

    def latest_first(self):
        return self.order_by("-published_at", "-number")

    def public_of(self, release_ids):
        """The published and scheduled editions of these releases, found through the release's index.

        In two look-ups on purpose: given `state IN (...)` beside `release_id IN (...)`,
        SQLite without statistics walks the state index, every published edition of
        the archive, for a handful of releases. The first query reads the index alone.
        """
        pks = [pk for pk, state in self.filter(release_id__in=release_ids).order_by().values_list("pk", "state")
               if state in PUBLIC_STATES]
        return self.filter(pk__in=pks)

    def public_page(self, release_id, now=None):
        """The edition the page of release `release_id` shows at `now`, with its release, or None when
        that page isn't up.

        One query for both, by the rule of `Release.objects.reachable()` and `with_public_edition()`:
        a release's page is up while it has an edition that went public by `now` (withdrawn or not),
        and the newest such edition is the one shown.
        """
        # `release__pk`, not `release_id`: a number too large for the column then matches nothing
        # (Django's integer look-up), where the foreign key's own would raise OverflowError.
        edition = self.filter(release__pk=release_id).visible(now).latest_first().select_related("release").first()
        if edition is not None:
            edition.release.visible_editions = [edition]
        return edition

    def complete_in(self, language):
        return self.filter(complete_q(language))

    # The desk's queues (releases/admin_queues.py) are built from these, and so are its list filters.
    def open(self):
        """Editions still being written or reviewed: the only ones whose text can change."""
        return self.filter(state__in=EDITABLE_STATES)

    def incomplete_in(self, language):
        return self.exclude(complete_q(language))

    def stale_in(self, language):
        """Translations made from Arabic that has changed since."""
        return self.filter(stale_languages__regex=rf"(^|,){language}(,|$)")

    def upcoming(self, now=None):
        """Scheduled editions whose time has not come yet."""
        return self.filter(state=State.SCHEDULED, published_at__gt=now or timezone.now())

    def overdue(self, now=None):
        """Scheduled editions already public by the clock that `publish_scheduled` has not recorded yet."""
        return self.filter(state=State.SCHEDULED, published_at__lte=now or timezone.now())

    def awaiting_second_look(self):
        """Force-published editions that no second editor has marked as reviewed."""
        return self.exclude(force_publish_reason="").filter(force_reviewed_by__isnull=True, published_at__isnull=False)


class CorrectionQuerySet(models.QuerySet):
    def public(self, now=None):
        """Corrections whose time has come: a scheduled edition's note waits for its edition."""
        return self.filter(published_at__lte=now or timezone.now())


class ReleaseQuerySet(models.QuerySet):
    # Set by with_public_edition(): loads the chosen editions once the releases are fetched.
    _edition_loader = None

    def _clone(self):
        clone = super()._clone()
        clone._edition_loader = self._edition_loader
        return clone

    def _fetch_all(self):
        fresh = self._result_cache is None
        super()._fetch_all()
        if fresh and self._edition_loader and self._iterable_class is ModelIterable and self._result_cache:
            self._edition_loader(self._result_cache)

    def _current_edition(self, now):
        from .releases import Edition

        return Edition.objects.filter(release=OuterRef("pk")).visible(now).latest_first()

    def _current_edition_matches(self, condition, now):
        """Releases whose current public edition satisfies `condition`."""
        from .releases import Edition

        return self.alias(_current_pk=Subquery(self._current_edition(now).values("pk")[:1])).filter(
            Exists(Edition.objects.filter(condition, pk=OuterRef("_current_pk")))
        )

    def reachable(self, now=None):
        """Releases whose page is up: published ones, and withdrawn ones with their notice."""
        return self.filter(Exists(self._current_edition(now or timezone.now())))

    def published(self, now=None):
        """Releases that are public and not withdrawn: lists, feeds, the sitemap, search.

        A public release has been published, so its `first_published_at` is set; saying so changes no
        answer, but PostgreSQL sorts NULLs first in a descending index, and without it every newest-first
        page read through all the drafts of the archive before its first public release.
        """
        return self.reachable(now).filter(withdrawn_at__isnull=True, first_published_at__isnull=False)

    def in_language(self, language, now=None):
        """Releases whose current public edition is complete in `language`."""
        if language == SOURCE_LANGUAGE:
            return self
        return self._current_edition_matches(complete_q(language), now or timezone.now())

    def with_public_columns(self, now=None):
        """Columns of the current public edition, without loading it: `public_at` (when it went
        public) and, for each translation, `complete_<language>`. For the sitemap's rows."""
        from .releases import Edition

        now = now or timezone.now()
        current = self._current_edition(now)
        annotated = self.alias(_current_pk=Subquery(current.values("pk")[:1])).annotate(
            public_at=Subquery(current.values("published_at")[:1]),
        )
        for code in translation_languages():
            annotated = annotated.annotate(**{
                f"complete_{code}": Exists(Edition.objects.filter(complete_q(code), pk=OuterRef("_current_pk"))),
            })
        return annotated

    def with_public_edition(self, now=None, lookups=DETAIL_LOOKUPS, fields=None):
        """Attach the edition the public sees at `now` to each release, as `public_edition()`.

        `fields` (see `card_fields()`) loads only those columns of the editions, for cards: the
        edition then knows the languages it is complete in from the query, not from its texts.

        The edition is chosen in the same query as the releases, then loaded
        by id. A public edition's content never changes, so an edition
        published between the two queries can't leave a release without its
        text: the page shows one consistent snapshot.
        """
        from .releases import Edition

        now = now or timezone.now()
        chosen = self.annotate(public_edition_pk=Subquery(self._current_edition(now).values("pk")[:1]))

        def load(releases):
            ids = {release.public_edition_pk for release in releases if release.public_edition_pk}
            # By id, in no order: the releases are already in theirs.
            editions = Edition.objects.filter(pk__in=ids).order_by().prefetch_related(*lookups)
            if fields is not None:
                editions = editions.only(*fields).annotate(**{
                    f"is_complete_in_{language}": ExpressionWrapper(complete_q(language), output_field=BooleanField())
                    for language in translation_languages()
                })
            editions = editions.in_bulk()
            for release in releases:
                edition = editions.get(release.public_edition_pk)
                if edition is not None:
                    edition.release = release
                release.visible_editions = [edition] if edition else []

        chosen._edition_loader = load
        return chosen

    def for_speaker(self, speaker, now=None):
        return self._current_edition_matches(Q(speakers=speaker), now or timezone.now())

    def for_programme(self, programme, now=None):
        return self._current_edition_matches(Q(programmes=programme), now or timezone.now())

    def of_kind(self, kind):
        return self.filter(kind=kind)

    def in_year(self, year):
        return self.filter(first_published_at__year=year)

    def newest_first(self):
        return self.order_by("-first_published_at", "-pk")
