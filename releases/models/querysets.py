"""The publishing rule, written once.

An edition is visible when it is published or scheduled and its time has
come; visibility is computed from the clock, so a scheduled edition needs no
running process. A release is published when one of its editions is visible
and it has not been withdrawn. Every public entry point starts from
`Release.objects.published()`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from releases.states import PUBLIC_STATES

SOURCE_LANGUAGE = "ar"
# The fields a translation must fill before it can be public.
REQUIRED_TRANSLATED_FIELDS = ("headline", "body", "dateline_place")


def visible_q(now=None, prefix=""):
    now = now or timezone.now()
    return Q(**{f"{prefix}state__in": PUBLIC_STATES, f"{prefix}published_at__lte": now})


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

    def complete_in(self, language):
        return self.filter(complete_q(language))


class ReleaseQuerySet(models.QuerySet):
    def _current_edition(self, now):
        from .releases import Edition

        return Edition.objects.filter(release=OuterRef("pk")).visible(now).latest_first()

    def reachable(self, now=None):
        """Releases whose page is up: published ones, and withdrawn ones with their notice."""
        now = now or timezone.now()
        return self.filter(Exists(self._current_edition(now)))

    def published(self, now=None):
        """Releases that are public and not withdrawn: lists, feeds, the sitemap, search."""
        return self.reachable(now).filter(withdrawn_at__isnull=True)

    def in_language(self, language, now=None):
        """Releases whose current public edition is complete in `language`."""
        if language == SOURCE_LANGUAGE:
            return self
        now = now or timezone.now()
        current = self._current_edition(now)
        return self.alias(
            _current_edition_id=Subquery(current.values("pk")[:1])
        ).filter(
            Exists(
                current.model.objects.filter(pk=OuterRef("_current_edition_id")).filter(complete_q(language))
            )
        )

    def with_public_edition(self, now=None):
        """Prefetch what a public page shows, in a constant number of queries."""
        from .people import Speaker
        from .releases import Edition

        editions = (
            Edition.objects.visible(now)
            .latest_first()
            .prefetch_related(
                Prefetch(
                    "speakers",
                    queryset=Speaker.objects.prefetch_related("appointments__organisation"),
                ),
                "programmes",
            )
        )
        return self.prefetch_related(Prefetch("editions", queryset=editions, to_attr="visible_editions"))

    def _with_visible_edition(self, condition, now=None):
        from .releases import Edition

        return self.filter(Exists(Edition.objects.filter(condition, visible_q(now), release=OuterRef("pk"))))

    def for_speaker(self, speaker, now=None):
        return self._with_visible_edition(Q(speakers=speaker), now)

    def for_programme(self, programme, now=None):
        return self._with_visible_edition(Q(programmes=programme), now)

    def of_kind(self, kind):
        return self.filter(kind=kind)

    def in_year(self, year):
        return self.filter(first_published_at__year=year)

    def newest_first(self):
        return self.order_by("-first_published_at", "-pk")
