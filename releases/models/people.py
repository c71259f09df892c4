from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from releases.fields import ContentTypedImageField, PublicCharField, PublicTextField
from releases.uploads import unguessable_path, validate_image


class Organisation(models.Model):
    name = PublicCharField(_("name"), max_length=200)
    acronym = PublicCharField(_("acronym"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Speaker(models.Model):
    honorific = PublicCharField(
        _("honorific"), max_length=60, blank=True, help_text=_("For example: H.E.")
    )
    name = PublicCharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, allow_unicode=True)
    bio = PublicTextField(_("short bio"), blank=True)
    portrait = ContentTypedImageField(
        _("portrait"), upload_to=unguessable_path("portraits"), blank=True, validators=[validate_image]
    )

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("releases:speaker", kwargs={"slug": self.slug})

    def post_on(self, day):
        """The appointment held on `day`, read from prefetched appointments when present."""
        for appointment in self.appointments.all():
            if appointment.started_on <= day and (appointment.ended_on is None or day <= appointment.ended_on):
                return appointment
        return None


class Appointment(models.Model):
    speaker = models.ForeignKey(
        Speaker, models.CASCADE, related_name="appointments", verbose_name=_("speaker")
    )
    post_title = PublicCharField(_("post title"), max_length=200)
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, verbose_name=_("organisation")
    )
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True, help_text=_("Leave empty while the post is held."))

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="appointment_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return self.post_title
