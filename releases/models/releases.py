from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from releases.addresses import release_path
from releases.fields import (
    ContentTypedFileField, ContentTypedImageField, PublicCharField, PublicTextField, TextJSONEncoder,
)
from releases.states import HAS_BEEN_PUBLIC_STATES, PUBLIC_STATES, State
from releases.uploads import unguessable_path, validate_attachment, validate_image

from .people import Speaker
from .programmes import Programme
from .querysets import (
    REQUIRED_TRANSLATED_FIELDS, SOURCE_LANGUAGE, CorrectionQuerySet, EditionQuerySet, ReleaseQuerySet, complete_q,
    translation_languages,
)


class Release(models.Model):
    """The identity of one statement: its public URL, and which edition is live."""

    class Kind(models.TextChoices):
        STATEMENT = "statement", _("Statement")
        NEWS = "news", _("News")
        PRESS_RELEASE = "press_release", _("Press release")
        SPEECH = "speech", _("Speech")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NEWS)
    slug = models.SlugField(
        _("slug"), max_length=200, allow_unicode=True, blank=True,
        help_text=_("Cosmetic part of the address. The number before it is what identifies the release."),
    )
    first_published_at = models.DateTimeField(_("first published at"), null=True, blank=True, editable=False)
    live_edition = models.ForeignKey(
        "Edition", models.SET_NULL, null=True, blank=True, related_name="+",
        editable=False, verbose_name=_("live edition"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)
    withdrawal_notice = PublicTextField(_("withdrawal notice"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Set by the importer: a hash of the imported text, so the same file is never imported twice.
    source_fingerprint = models.CharField(
        _("source fingerprint"), max_length=64, blank=True, editable=False
    )

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        ordering = ["-first_published_at", "-pk"]
        indexes = [
            # Every public list, newest first: a page reads its rows in order and stops.
            models.Index(fields=["-first_published_at", "-id"], name="release_newest_first"),
            # The importer finds a file imported before by its fingerprint. (The unique constraint's
            # index leaves out releases without one, and so can't answer "= %s" on SQLite.)
            models.Index(fields=["source_fingerprint"], name="release_source_fingerprint"),
        ]
        constraints = [
            # Two imports of the same folder at once must create each release once: the database decides.
            models.UniqueConstraint(
                fields=["source_fingerprint"], condition=~models.Q(source_fingerprint=""),
                name="unique_source_fingerprint",
            ),
        ]

    def __str__(self):
        edition = self.latest_edition
        return edition.headline if edition else f"#{self.pk}"

    def get_absolute_url(self):
        return release_path(self.pk, self.slug)

    @property
    def latest_edition(self):
        return self.editions.order_by("-number").first()

    def public_edition(self, now=None):
        """The edition the public sees now, or None.

        After `with_public_edition(now)`, it is the edition chosen with the
        release, in one snapshot; it isn't checked again, since a publish
        committing meanwhile may already have superseded it.
        """
        editions = getattr(self, "visible_editions", None)
        if editions is None:
            editions = list(self.editions.visible(now).latest_first()[:1])
        return editions[0] if editions else None

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    def is_published(self, now=None):
        """The instance twin of `Release.objects.published()`; a test holds them together."""
        return not self.is_withdrawn and any(edition.is_visible(now) for edition in self.editions.all())


def validate_dateline_date(value):
    """A dateline from before the mission's archive begins, or from next year, is a typo."""
    import datetime

    from django.core.exceptions import ValidationError

    latest = timezone.localdate() + datetime.timedelta(days=366)
    if not (datetime.date(1900, 1, 1) <= value <= latest):
        raise ValidationError(
            _("Enter a date between 1 January 1900 and %(latest)s.") % {"latest": latest.isoformat()},
            code="out_of_range",
        )


def make_slug(headline, max_length=60):
    """A short readable slug: whole words only, cut before `max_length`."""
    slug = slugify(headline, allow_unicode=True)
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug or "-"


# Stored text, not interface text: the Arabic default must not depend on a catalogue.
DEFAULT_DATELINE_SOURCE = {"ar": "المكتب الإعلامي", "en": "Media Office"}


def default_dateline_source(language):
    return DEFAULT_DATELINE_SOURCE.get(language, "")


class Edition(models.Model):
    """One version of a release's content. Once published it is never changed again."""

    release = models.ForeignKey(Release, models.CASCADE, related_name="editions", verbose_name=_("release"))
    number = models.PositiveIntegerField(_("edition number"), default=1, editable=False)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT, editable=False)

    headline = PublicCharField(_("headline"), max_length=300)
    summary = PublicTextField(_("summary"), blank=True, help_text=_(
        "One or two sentences under the headline, also used in search results, feeds and alerts. "
        "Bold, italic and links only."))
    body = PublicTextField(_("body"), help_text=_("Paste plain text or HTML; it is cleaned on save."))
    dateline_place = PublicCharField(_("dateline place"), max_length=100)
    dateline_source = PublicCharField(_("dateline source"), max_length=100, blank=True)
    dateline_date = models.DateField(_("dateline date"), validators=[validate_dateline_date])
    occasion = PublicCharField(_("occasion"), max_length=300, blank=True, help_text=_("The meeting at which it was delivered."))

    lead_image = ContentTypedImageField(
        _("lead image"), upload_to=unguessable_path("images"), blank=True, validators=[validate_image]
    )
    lead_image_alt = PublicCharField(_("lead image alt text"), max_length=300, blank=True)
    lead_image_caption = PublicCharField(_("lead image caption"), max_length=300, blank=True)

    speakers = models.ManyToManyField(Speaker, blank=True, related_name="editions", verbose_name=_("speakers"))
    programmes = models.ManyToManyField(Programme, blank=True, related_name="editions", verbose_name=_("programmes"))

    change_note = PublicTextField(_("change note"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
        editable=False, verbose_name=_("author"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
        editable=False, verbose_name=_("submitted by"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
        editable=False, verbose_name=_("reviewer"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(
        _("public from"), null=True, blank=True, editable=False,
        help_text=_("A published or scheduled edition is public from this time on, and never before."),
    )
    force_publish_reason = models.TextField(_("force publish reason"), blank=True, editable=False)
    force_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
        editable=False, verbose_name=_("reviewed after force publish by"),
    )
    # The Arabic text each translation was made from, by language: when the
    # Arabic moves on, the translation is stale and we can say which fields changed.
    translation_basis = models.JSONField(_("translation basis"), default=dict, blank=True, editable=False,
                                         encoder=TextJSONEncoder)
    stale_languages = models.CharField(_("stale translations"), max_length=50, blank=True, editable=False)
    preview_generation = models.PositiveIntegerField(_("preview links generation"), default=0, editable=False)
    # Optimistic locking: a save over someone else's newer save is refused.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = EditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("edition")
        permissions = [
            ("publish_edition", _("Can publish, schedule and withdraw")),
            ("edit_source_edition", _("Can edit the Arabic text of editions")),
        ]
        verbose_name_plural = _("editions")
        ordering = ["release", "-number"]
        indexes = [
            # A release's public edition: the newest that went public by now (`querysets.visible_q`),
            # answered from the index alone, without reading the rows and their bodies.
            models.Index(fields=["release", "published_at", "number", "state", "id"], name="edition_public_by_time"),
            # Scheduled editions coming due (`publish_due`, the next time a cached count expires).
            models.Index(fields=["state", "published_at"], name="edition_state_time"),
            # The importer's look-alike check compares a file with the editions of its date.
            models.Index(fields=["dateline_date"], name="edition_dateline_date"),
            # The editions complete in each translation (`in_language`): PostgreSQL answers from this
            # index instead of reading every body. (SQLite can't prove a query's bound parameters
            # imply an index's condition, and reads the rows.)
            *(models.Index(fields=["id"], condition=complete_q(language), name=f"edition_complete_{language}")
              for language in translation_languages()),
        ]
        constraints = [
            models.UniqueConstraint(fields=["release", "number"], name="unique_edition_number"),
        ]

    def __str__(self):
        # In the admin's English, an edition not yet translated is still named (by its Arabic headline).
        return self.headline or getattr(self, f"headline_{SOURCE_LANGUAGE}") or f"#{self.pk}"

    def is_visible(self, now=None):
        now = now or timezone.now()
        return self.state in HAS_BEEN_PUBLIC_STATES and self.published_at is not None and self.published_at <= now

    def status_label(self):
        """The state as the office would say it: a withdrawn release's live edition is "Withdrawn"."""
        if self.state in PUBLIC_STATES and self.release.withdrawn_at is not None:
            return _("Withdrawn")
        if self.state == State.SCHEDULED and self.is_visible():
            return _("Published")
        return self.get_state_display()

    def is_complete_in(self, language):
        if language == SOURCE_LANGUAGE:
            return True
        known = self.__dict__.get(f"is_complete_in_{language}")
        if known is not None:  # loaded for a card, with `complete_q`: the same rule, in the query
            return known
        return all((getattr(self, f"{name}_{language}") or "").strip() for name in REQUIRED_TRANSLATED_FIELDS)

    def complete_languages(self):
        """The languages this edition is public in once published: the source, and each complete translation."""
        return [code for code, _name in settings.LANGUAGES if self.is_complete_in(code)]

    def source_values(self):
        from modeltranslation.translator import translator

        fields = translator.get_options_for_model(Edition).fields
        return {name: getattr(self, f"{name}_{SOURCE_LANGUAGE}") or "" for name in fields if name != "change_note"}

    def changed_source_fields(self, language):
        """Arabic fields that changed since the `language` translation was made."""
        basis = self.translation_basis.get(language)
        if basis is None:
            return []
        return [name for name, value in self.source_values().items() if basis.get(name, "") != value]

    def refresh_translation_status(self, changed_translations=()):
        """Record the Arabic a translation was made from, and which translations are now stale."""
        from .querysets import translation_languages

        stale = []
        for language in translation_languages():
            if language in changed_translations or (
                language not in self.translation_basis and self.is_complete_in(language)
            ):
                self.translation_basis[language] = self.source_values()
            if self.is_complete_in(language) and self.changed_source_fields(language):
                stale.append(language)
        self.stale_languages = ",".join(stale)

    def is_stale_in(self, language):
        return language in self.stale_languages.split(",")

    def speakers_with_posts(self):
        """Each speaker with the post held on the dateline date."""
        return [(speaker, speaker.post_on(self.dateline_date)) for speaker in self.speakers.all()]

    def prepare_write(self):
        """What every write of an edition does first, one by one or in bulk: the rich text (bodies and
        summaries) cleaned, and a release that has no slug yet named after this headline. Returns whether
        the slug was set."""
        from releases.sanitise import RICH_TEXT_TAGS, sanitise_field

        for name in RICH_TEXT_TAGS:
            for code, _name in settings.LANGUAGES:
                field = f"{name}_{code}"
                setattr(self, field, sanitise_field(field, getattr(self, field)))
        if not self.release.slug:
            self.release.slug = make_slug(self.headline_en or self.headline_ar or "")
            return True
        return False

    def save(self, *args, **kwargs):
        if self.prepare_write():
            self.release.save(update_fields=["slug"])
        super().save(*args, **kwargs)


class Attachment(models.Model):
    edition = models.ForeignKey(Edition, models.CASCADE, related_name="attachments", verbose_name=_("edition"))
    title = PublicCharField(_("title"), max_length=200)
    file = ContentTypedFileField(_("file"), upload_to=unguessable_path("attachments"), validators=[validate_attachment])

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title


class Correction(models.Model):
    """A dated public note on a release."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        UPDATE = "update", _("Update")

    release = models.ForeignKey(Release, models.CASCADE, related_name="corrections", verbose_name=_("release"))
    edition = models.ForeignKey(
        Edition, models.CASCADE, null=True, blank=True, related_name="corrections", verbose_name=_("edition")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CORRECTION)
    note = PublicTextField(_("note"))
    published_at = models.DateTimeField(_("published at"))

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["-published_at"]

    def __str__(self):
        return self.note[:60]
