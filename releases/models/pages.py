from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from releases.sanitise import reject_bidi_controls


class Page(models.Model):
    """A page of standing text, such as About and Contact, that editors keep up to date in every language."""

    class Slug(models.TextChoices):
        ABOUT = "about", _("About")
        CONTACT = "contact", _("Contact")

    slug = models.CharField(_("page"), max_length=20, choices=Slug.choices, unique=True)
    title = models.CharField(_("title"), max_length=200, validators=[reject_bidi_controls])
    body = models.TextField(_("text"), blank=True, help_text=_("Paste plain text or HTML; it is cleaned on save."))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["slug"]

    def __str__(self):
        return self.title or self.get_slug_display()

    def get_absolute_url(self):
        return reverse(f"releases:{self.slug}")

    def is_complete_in(self, language):
        return bool((getattr(self, f"title_{language}") or "").strip() and (getattr(self, f"body_{language}") or "").strip())

    def save(self, *args, **kwargs):
        from django.conf import settings

        from releases.sanitise import sanitise_html

        for code, _name in settings.LANGUAGES:
            value = getattr(self, f"body_{code}")
            if value:
                setattr(self, f"body_{code}", sanitise_html(value))
        super().save(*args, **kwargs)
