"""What a subscriber can follow, written as short keys.

The public form uses slugs ("speaker:jane-doe"); what is stored and signed uses
primary keys ("speaker:12"), which survive a change of slug.
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from releases.models import Programme, Release, Scope, Speaker

EVERYTHING = "all"


def key_from_choice(value):
    """The stored key for a form value, or None if it names nothing that exists."""
    kind, _sep, name = (value or "").partition(":")
    if value == EVERYTHING:
        return EVERYTHING
    if kind == Scope.Kind.RELEASE_KIND and name in Release.Kind.values:
        return value
    model = {Scope.Kind.SPEAKER: Speaker, Scope.Kind.PROGRAMME: Programme}.get(kind)
    if model and name:
        pk = model.objects.filter(slug=name).values_list("pk", flat=True).first()
        if pk:
            return f"{kind}:{pk}"
    return None


def choice_for(obj):
    """The form value that follows one speaker or programme."""
    kind = Scope.Kind.SPEAKER if isinstance(obj, Speaker) else Scope.Kind.PROGRAMME
    return f"{kind}:{obj.slug}"


def scope_fields(key):
    """Field values for a Scope row, or None if the speaker or programme has gone."""
    kind, _sep, name = key.partition(":")
    if key == EVERYTHING:
        return {"kind": Scope.Kind.EVERYTHING}
    if kind == Scope.Kind.RELEASE_KIND and name in Release.Kind.values:
        return {"kind": kind, "release_kind": name}
    model = {Scope.Kind.SPEAKER: Speaker, Scope.Kind.PROGRAMME: Programme}.get(kind)
    target = model.objects.filter(pk=int(name)).first() if model and name.isdigit() else None
    if target is None:
        return None
    return {"kind": kind, kind: target}


def describe(key):
    """The scope in words, in the active language."""
    fields = scope_fields(key)
    if fields is None:
        return ""
    if fields["kind"] == Scope.Kind.EVERYTHING:
        return _("all releases")
    if fields["kind"] == Scope.Kind.RELEASE_KIND:
        return _("releases of the kind “%(kind)s”") % {"kind": Release.Kind(fields["release_kind"]).label}
    target = fields.get("speaker") or fields.get("programme")
    if fields["kind"] == Scope.Kind.SPEAKER:
        return _("releases with %(speaker)s") % {"speaker": f"\u2068{target.name}\u2069"}
    return _("releases about the programme %(programme)s") % {"programme": f"\u2068{target.name}\u2069"}


def matching_q(release, edition, *, added_before):
    """Scopes that a release's public edition falls under."""
    condition = (
        Q(kind=Scope.Kind.EVERYTHING)
        | Q(kind=Scope.Kind.RELEASE_KIND, release_kind=release.kind)
        | Q(kind=Scope.Kind.SPEAKER, speaker__in=[s.pk for s in edition.speakers.all()])
        | Q(kind=Scope.Kind.PROGRAMME, programme__in=[p.pk for p in edition.programmes.all()])
    )
    return condition & Q(added_at__lte=added_before)
