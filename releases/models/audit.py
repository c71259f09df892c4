from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One recorded event: who, when, what, from which state to which, and why.

    Editorial events name a release and an edition; account events (logins,
    lockouts, second factors) name neither. Deleting a draft keeps its
    entries readable: the links go, the edition number and headline stay.
    """

    release = models.ForeignKey(
        "releases.Release", models.SET_NULL, null=True, blank=True, related_name="audit_entries",
        verbose_name=_("release"),
    )
    edition = models.ForeignKey(
        "releases.Edition", models.SET_NULL, null=True, blank=True, related_name="audit_entries",
        verbose_name=_("edition"),
    )
    edition_number = models.PositiveIntegerField(_("edition number"), null=True, blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True, help_text=_("The headline at the time."))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, verbose_name=_("user"))
    at = models.DateTimeField(_("at"), auto_now_add=True)
    action = models.CharField(_("action"), max_length=40)
    from_state = models.CharField(_("from state"), max_length=20, blank=True)
    to_state = models.CharField(_("to state"), max_length=20, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.action}: {self.from_state} → {self.to_state}"

    def prepare_write(self):
        """The edition's number and headline, kept for when the edition is gone (also before a bulk write)."""
        if self.edition_id and self.edition_number is None:
            self.edition_number = self.edition.number
        if self.edition_id and not self.subject:
            self.subject = (self.edition.headline_ar or "")[:300]

    def save(self, *args, **kwargs):
        self.prepare_write()
        super().save(*args, **kwargs)
