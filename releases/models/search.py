from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """The index terms of one public edition in one language (see `releases.search`).

    Rows exist only for editions that are published or scheduled and complete
    in their language; whether a row may match *now* is still decided at query
    time from the editions and the release, so a missed update can never make
    a withdrawn release or a superseded edition findable.
    """

    release = models.ForeignKey("Release", models.CASCADE, related_name="+", verbose_name=_("release"))
    edition = models.ForeignKey("Edition", models.CASCADE, related_name="+", verbose_name=_("edition"))
    language = models.CharField(_("language"), max_length=10)
    headline_terms = models.TextField(_("headline terms"), blank=True)
    entity_terms = models.TextField(_("speaker, programme and organisation terms"), blank=True)
    body_terms = models.TextField(_("body terms"), blank=True)
    # When the edition is public, copied from it at indexing time. They only narrow which rows
    # are ranked first; the query still decides visibility from the editions themselves.
    public_from = models.DateTimeField(_("public from"), null=True, blank=True)
    public_until = models.DateTimeField(_("public until"), null=True, blank=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(fields=["edition", "language"], name="unique_search_document"),
        ]

    def __str__(self):
        return f"{self.edition_id}/{self.language}"
