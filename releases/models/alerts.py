"""Email alerts: who asked for what, and what was sent to whom.

Personal data is kept to the address, the choices and the confirmation time.
Nothing is stored before an address is confirmed: the sign-up travels in the
signed confirmation link. Deleting a subscriber deletes their scopes and their
delivery records with them.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from .people import Speaker
from .programmes import Programme
from .releases import Correction, Edition, Release


class SubscriberQuerySet(models.QuerySet):
    def receiving(self):
        """Addresses that may be sent alerts: confirmed and not suppressed."""
        return self.filter(confirmed_at__isnull=False, suppressed_at__isnull=True)

    def in_language(self, language):
        # Codes are stored comma-separated with commas at both ends, so "en" never matches "en-gb".
        return self.filter(languages__contains=f",{language},")


class Subscriber(models.Model):
    email = models.EmailField(_("email address"), max_length=254)
    languages = models.CharField(
        _("languages"), max_length=100, editable=False,
        help_text=_("The languages in which this person receives releases."),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True, editable=False)
    suppressed_at = models.DateTimeField(
        _("suppressed at"), null=True, blank=True, editable=False,
        help_text=_("A suppressed address is never sent anything again, and cannot sign up again."),
    )

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["email"]
        permissions = [("export_subscriber", _("Can export subscribers"))]
        constraints = [models.UniqueConstraint(Lower("email"), name="unique_subscriber_email")]

    def __str__(self):
        return self.email

    @property
    def language_codes(self):
        return [code for code in self.languages.split(",") if code]

    def set_languages(self, codes):
        known = [code for code, _name in settings.LANGUAGES if code in set(codes)]
        self.languages = "," + ",".join(known) + "," if known else ""


class Scope(models.Model):
    """One thing a subscriber follows: everything, a speaker, a programme or a kind of release."""

    class Kind(models.TextChoices):
        EVERYTHING = "all", _("Everything")
        SPEAKER = "speaker", _("A speaker")
        PROGRAMME = "programme", _("A programme")
        RELEASE_KIND = "kind", _("A kind of release")

    subscriber = models.ForeignKey(Subscriber, models.CASCADE, related_name="scopes", verbose_name=_("subscriber"))
    kind = models.CharField(_("scope"), max_length=20, choices=Kind.choices)
    speaker = models.ForeignKey(Speaker, models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("speaker"))
    programme = models.ForeignKey(
        Programme, models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("programme")
    )
    release_kind = models.CharField(_("kind of release"), max_length=20, choices=Release.Kind.choices, blank=True)
    # "all", "speaker:12", "programme:3" or "kind:news": one row per thing followed.
    key = models.CharField(_("key"), max_length=60, editable=False)
    # Releases public before this are never sent for this scope, so a new subscriber gets no backlog.
    added_at = models.DateTimeField(_("added at"), editable=False)

    class Meta:
        verbose_name = _("scope")
        verbose_name_plural = _("scopes")
        constraints = [models.UniqueConstraint(fields=["subscriber", "key"], name="unique_subscriber_scope")]

    def __str__(self):
        return str(self.target or self.get_kind_display())

    @property
    def target(self):
        if self.kind == self.Kind.SPEAKER:
            return self.speaker
        if self.kind == self.Kind.PROGRAMME:
            return self.programme
        if self.kind == self.Kind.RELEASE_KIND:
            return Release.Kind(self.release_kind).label
        return None


class Delivery(models.Model):
    """One email to one subscriber, in one language, about one release: the unit of idempotency."""

    class Kind(models.TextChoices):
        RELEASE = "release", _("Release")
        CORRECTION = "correction", _("Correction or update")
        WITHDRAWAL = "withdrawal", _("Withdrawal")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    key = models.CharField(_("idempotency key"), max_length=120, unique=True, editable=False)
    release = models.ForeignKey(Release, models.CASCADE, related_name="deliveries", verbose_name=_("release"))
    correction = models.ForeignKey(
        Correction, models.CASCADE, null=True, blank=True, related_name="deliveries", verbose_name=_("correction")
    )
    edition = models.ForeignKey(
        Edition, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("edition sent"),
    )
    subscriber = models.ForeignKey(Subscriber, models.CASCADE, related_name="deliveries", verbose_name=_("subscriber"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    claimed_by = models.CharField(_("claimed by"), max_length=40, blank=True, editable=False)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="delivery_due"),
            models.Index(fields=["release", "kind", "language", "subscriber"], name="delivery_by_release"),
        ]

    def __str__(self):
        return self.key

    @property
    def message_id(self):
        """The same Message-ID on every attempt, so a receiving system can tell a repeat for what it is."""
        return f"<alert.{self.key.replace(':', '.')}@{settings.PRESSOFFICE_ALERTS_MESSAGE_ID_DOMAIN}>"
