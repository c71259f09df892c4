"""What every edit and transition shares: the row lock, the version check and the audit entry."""

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from releases.models import AuditEntry, Edition, Release
from releases.models.querysets import SOURCE_LANGUAGE


class Conflict(ValidationError):
    """Someone else changed the edition after this person loaded it."""

    def __init__(self, edition):
        super().__init__(
            _("Someone else changed edition %(number)d after you opened it. Nothing you did has been "
              "saved: your text is shown below. Open the edition in a new tab to see the other changes, "
              "merge, and try again.") % {"number": edition.number},
            code="conflict",
        )


def parse_version(value):
    """The version a form carried, or None when it is missing or not a number."""
    try:
        version = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return version if 0 < version < 2**31 else None


def lock(edition):
    """The edition as it is now in the database, locked until the transaction ends.

    Services work on this copy, never on the one a request loaded earlier.
    """
    # Only the edition's row (a join would lock the release too), and FOR NO KEY UPDATE: it
    # excludes every other writer of this edition, but not rows that merely point at it (an
    # audit entry being written elsewhere), which would otherwise wait on us and deadlock.
    return (Edition.objects.select_for_update(of=("self",), no_key=True).select_related("release")
            .get(pk=edition.pk))


def check_version(locked, seen_version):
    """After the rules: a person acts on the version they saw, or is refused.

    `seen_version` None is only for the system itself (publish_scheduled),
    which acts on whatever is there.
    """
    if seen_version is not None and locked.version != seen_version:
        raise Conflict(locked)


def validate(instance, exclude=()):
    """The model's own validation (required fields, bidi controls, images), whatever caller wrote the data.

    Run in the source language: modeltranslation checks the untranslated field
    name against the active language's column, and Arabic is the one required.
    """
    with translation.override(SOURCE_LANGUAGE):
        instance.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)


def lock_release(release_id):
    """Taken before the edition's lock by the transitions that change the release too."""
    return Release.objects.select_for_update(no_key=True).get(pk=release_id)


def bump(edition, **fields):
    """Write `fields` and the next version; nobody else can write between, we hold the lock."""
    for name, value in fields.items():
        setattr(edition, name, value)
    edition.version += 1
    edition.save(update_fields=[*fields, "version", "updated_at"])


def audit_entry(*, edition, user, action, from_state="", to_state=None, reason="", release=None):
    """The audit entry of a change, not yet written (a bulk change writes many at once)."""
    return AuditEntry(
        release=release or edition.release, edition=edition, user=user, action=action,
        from_state=from_state, to_state=edition.state if to_state is None and edition else (to_state or ""),
        reason=reason,
    )


def audit(**entry):
    entry = audit_entry(**entry)
    entry.save()
    return entry
