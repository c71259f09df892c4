from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from releases.fields import ContentTypedImageField, PublicCharField, PublicTextField
from releases.uploads import unguessable_path, validate_image

from .people import Organisation


class Programme(models.Model):
    name = PublicCharField(_("name"), max_length=300)
    short_name = PublicCharField(_("short name"), max_length=80, blank=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, allow_unicode=True)
    description = PublicTextField(_("description"), blank=True)
    partners = models.ManyToManyField(
        Organisation, blank=True, related_name="programmes", verbose_name=_("partner organisations")
    )
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True, help_text=_("Untick when the programme has closed."))
    is_featured = models.BooleanField(_("featured on the home page"), default=False)
    logo = ContentTypedImageField(
        _("logo"), upload_to=unguessable_path("logos"), blank=True, validators=[validate_image]
    )

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]

    def __str__(self):
        return self.short_name or self.name

    def get_absolute_url(self):
        return reverse("releases:programme", kwargs={"slug": self.slug})
