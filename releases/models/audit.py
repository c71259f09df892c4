from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One change of state of an edition: who, when, from which state to which, and why."""

    release = models.ForeignKey("releases.Release", models.CASCADE, related_name="audit_entries", verbose_name=_("release"))
    edition = models.ForeignKey(
        "releases.Edition", models.CASCADE, null=True, related_name="audit_entries", verbose_name=_("edition")
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, verbose_name=_("user"))
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
