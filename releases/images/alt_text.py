"""Alt text is required, in every language a release is published in, whenever there is an image."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy


def missing_alt_text(edition):
    """The language codes whose alt text is empty while `edition` has a lead image; [] when all is well."""
    if not edition.lead_image:
        return []
    return [code for code in edition.complete_languages()
            if not (getattr(edition, f"lead_image_alt_{code}", "") or "").strip()]


def alt_text_error(edition):
    """The model's clean() error, or None.

    Not tied to a field: a form may lack the field in question (a translator's has
    no Arabic inputs), and Django refuses an error for a field the form doesn't have.
    Lazy, so that it reads in the language of the person who sees it.
    """
    from django.utils.text import format_lazy
    from django.utils.translation import get_language_info, pgettext_lazy

    missing = missing_alt_text(edition)
    if not missing:
        return None
    parts = []
    for code in missing:
        parts += [pgettext_lazy("list separator", ", ")] if parts else []
        parts.append(get_language_info(code)["name_translated"])
    return ValidationError(
        gettext_lazy("The lead image has no alt text in %(languages)s. Describe the image for readers who can't "
                     "see it: an image needs its alt text in every language the release is published in."),
        code="alt_text_missing", params={"languages": format_lazy("{}" * len(parts), *parts)},
    )
