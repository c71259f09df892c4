"""The release list's filters, shared by the list page and the JSON API: query string to queryset methods."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .dates import MAX_YEAR, MIN_YEAR, parse_year
from .models import Programme, Release, Speaker


@dataclass
class Filtered:
    releases: object
    applied: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)  # parameter: message, for values that match nothing we know


def filter_releases(releases, params, now):
    """Apply kind, programme, speaker and year from `params` to `releases` (public ones, at `now`)."""
    result = Filtered(releases)
    kind = params.get("kind")
    if kind:
        if kind in Release.Kind.values:
            result.releases = result.releases.of_kind(kind)
            result.applied["kind"] = kind
        else:
            result.errors["kind"] = _("Unknown kind. Use one of: %(kinds)s.") % {"kinds": ", ".join(Release.Kind.values)}
    for name, model, method in (("programme", Programme, "for_programme"), ("speaker", Speaker, "for_speaker")):
        slug = params.get(name)
        if not slug:
            continue
        # A NUL byte can't be in any slug, and PostgreSQL refuses to compare with one.
        obj = None if "\x00" in slug else model.objects.filter(slug=slug[:200]).first()
        if obj is None:
            result.errors[name] = _("No %(name)s has this address.") % {"name": model._meta.verbose_name}
            continue
        result.releases = getattr(result.releases, method)(obj, now)
        result.applied[name] = obj
    if params.get("year"):
        year = parse_year(params["year"])
        if year is None:
            result.errors["year"] = _("The year must be a number between %(min)d and %(max)d.") % {
                "min": MIN_YEAR, "max": MAX_YEAR}
        else:
            result.releases = result.releases.in_year(year)
            result.applied["year"] = year
    return result
