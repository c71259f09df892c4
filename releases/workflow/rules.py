"""Who may do what to an edition, written once.

Each `check_*` raises PermissionDenied or ValidationError with a message for
the person; the services call them under lock before they write, and the
admin asks the same functions which actions to offer (`available_actions`).
`user=None` is the system itself: a management command run by someone with
shell access (the importer, the demo loader, `publish_scheduled`).
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from releases.images.alt_text import alt_text_error
from releases.models.querysets import SOURCE_LANGUAGE, translation_languages
from releases.states import EDITABLE_STATES, PUBLIC_STATES, State

PUBLISH_PERMISSION = "releases.publish_edition"
SOURCE_PERMISSION = "releases.edit_source_edition"
CHANGE_PERMISSION = "releases.change_edition"
ADD_PERMISSION = "releases.add_edition"
DELETE_PERMISSION = "releases.delete_edition"

# Edition fields that are not translated columns; a translator changes none of them.
SHARED_FIELDS = ("dateline_date", "lead_image", "speakers", "programmes")


def _has(user, permission):
    return user is None or user.has_perm(permission)


def is_editor(user):
    return _has(user, PUBLISH_PERMISSION)


def _refuse(message):
    raise PermissionDenied(message)


def _is_own(user, edition):
    return user is not None and user.pk in {edition.author_id, edition.submitted_by_id}


def translated_fields():
    from modeltranslation.translator import translator

    from releases.models import Edition

    return translator.get_options_for_model(Edition).fields


def columns(name, languages):
    return [f"{name}_{language}" for language in languages]


def editable_fields(user, edition=None):
    """The edition fields `user` may change: everything, or a translator's languages only."""
    languages = [code for code, _name in settings.LANGUAGES]
    if _has(user, SOURCE_PERMISSION):
        return {column for name in translated_fields() for column in columns(name, languages)} | set(SHARED_FIELDS)
    return {column for name in translated_fields() for column in columns(name, translation_languages())}


def attachment_fields(user):
    if _has(user, SOURCE_PERMISSION):
        return {"file", *columns("title", [code for code, _name in settings.LANGUAGES])}
    return set(columns("title", translation_languages()))


def check_create(user):
    if not _has(user, ADD_PERMISSION):
        _refuse(_("You may not create releases."))


def check_edit(user, edition):
    """May `user` change this edition's text at all? Field-level rules come after."""
    if not _has(user, CHANGE_PERMISSION):
        _refuse(_("You may not edit editions."))
    if edition.state not in EDITABLE_STATES:
        raise ValidationError(
            _("Edition %(number)d is %(state)s and can no longer be changed: your text has not been "
              "saved. Start a new edition to change it.")
            % {"number": edition.number, "state": edition.get_state_display()},
            code="not_editable",
        )
    if user is None or is_editor(user):
        return
    if not _has(user, SOURCE_PERMISSION):
        return  # translators work on the English of any edition before publication
    if edition.state != State.DRAFT:
        raise ValidationError(
            _("This edition is in review: your text has not been saved. Recall it to the drafts first, "
              "or ask an editor."),
            code="in_review",
        )
    if edition.author_id != user.pk:
        _refuse(_("This draft belongs to another writer; only its author or an editor may change it."))


def check_fields(user, changed):
    allowed = editable_fields(user)
    refused = sorted(set(changed) - allowed)
    if refused:
        _refuse(_("You may change only the text in your languages. Not allowed: %(fields)s.")
                % {"fields": ", ".join(refused)})


def check_attachment_fields(user, changed, *, adding=False, deleting=False):
    if (adding or deleting) and not _has(user, SOURCE_PERMISSION):
        _refuse(_("You may not add or remove attachments."))
    refused = sorted(set(changed) - attachment_fields(user))
    if refused:
        _refuse(_("You may not change these attachment fields: %(fields)s.") % {"fields": ", ".join(refused)})


def check_delete(user, edition):
    if not _has(user, DELETE_PERMISSION):
        _refuse(_("You may not delete editions."))
    if edition.state != State.DRAFT:
        raise ValidationError(_("Only a draft can be deleted. A published release is withdrawn instead."),
                              code="not_draft")
    if not (is_editor(user) or edition.author_id == user.pk):
        _refuse(_("Only the draft's author or an editor may delete it."))


def check_submit(user, edition):
    _require_state(edition, State.DRAFT)
    if not (is_editor(user) or edition.author_id == user.pk):
        _refuse(_("Only the draft's author or an editor may submit it for review."))


def check_recall(user, edition):
    _require_state(edition, State.IN_REVIEW)
    if user is None or user.pk != edition.submitted_by_id:
        _refuse(_("Only the person who submitted this edition may recall it."))


def check_return(user, edition):
    _require_editor(user)
    _require_state(edition, State.IN_REVIEW)


def check_go_public(user, edition, *, force):
    """Publish or schedule: an editor, an edition before publication, and the two-person rule."""
    _require_editor(user)
    _require_state(edition, State.DRAFT, State.IN_REVIEW)
    if _is_own(user, edition) and not force:
        raise ValidationError(
            _("You wrote or submitted this edition yourself. Another editor must publish it, "
              "or use force publish and give a reason."),
            code="own_submission",
        )
    if force and not _is_own(user, edition):
        raise ValidationError(_("Force publishing is only for your own submission."), code="not_own")
    # A draft may be saved without it; nothing goes public with an image nobody described.
    error = alt_text_error(edition)
    if error is not None:
        raise error


def check_unschedule(user, edition, now=None):
    _require_editor(user)
    _require_state(edition, State.SCHEDULED)
    if edition.is_visible(now):
        raise ValidationError(_("This edition is already public; publish a new edition instead."),
                              code="already_public")


def check_mark_reviewed(user, edition):
    _require_editor(user)
    if not edition.force_publish_reason:
        raise ValidationError(_("Only a force-published edition needs to be marked as reviewed."))
    if edition.force_reviewed_by_id:
        raise ValidationError(_("This edition has already been marked as reviewed."))
    if user is None or user.pk in {edition.reviewer_id, edition.submitted_by_id, edition.author_id}:
        _refuse(_("Another editor must mark this edition as reviewed."))


def check_mark_translated(user, edition):
    _require_state(edition, *EDITABLE_STATES)
    if not _has(user, CHANGE_PERMISSION):
        _refuse(_("You may not edit editions."))
    missing = [code for code in translation_languages() if not edition.is_complete_in(code)]
    if missing:
        raise ValidationError(_("The translation is not complete yet: fill the headline, the dateline "
                                "place and the body."), code="incomplete")


def check_start_new(user, release, open_edition):
    if not _has(user, CHANGE_PERMISSION):
        _refuse(_("You may not edit editions."))
    if open_edition is not None:
        raise ValidationError(
            _("Edition %(number)d of this release is already open (%(state)s): continue there.")
            % {"number": open_edition.number, "state": open_edition.get_state_display()},
            code="already_open",
        )
    if release.first_published_at is None:
        raise ValidationError(_("This release has not been published yet: edit its draft."), code="not_live")


def check_restore(user, edition, open_edition):
    _require_editor(user)
    _require_state(edition, State.PUBLISHED, State.SUPERSEDED)
    if open_edition is not None:
        raise ValidationError(
            _("Edition %(number)d of this release is already open (%(state)s): finish or delete it first.")
            % {"number": open_edition.number, "state": open_edition.get_state_display()},
            code="already_open",
        )


def check_withdraw(user, release):
    _require_editor(user)
    if release.withdrawn_at:
        raise ValidationError(_("This release is already withdrawn."), code="withdrawn")
    if release.first_published_at is None:
        raise ValidationError(_("Only a published release can be withdrawn."), code="not_live")


def check_revoke_previews(user, edition):
    if not (is_editor(user) or edition.author_id == user.pk):
        _refuse(_("Only the edition's author or an editor may revoke its preview links."))


def check_release_change(user, release):
    """Kind and slug are public the moment they change: an editor's decision once a release is live."""
    if is_editor(user):
        return
    first = release.editions.order_by("number").first()
    if release.first_published_at is None and first is not None and first.author_id == user.pk:
        return
    _refuse(_("Only an editor may change the kind or address of a release."))


def check_schedule_time(at, now=None):
    now = now or timezone.now()
    if at <= now:
        raise ValidationError(_("A scheduled time must be in the future. To publish now, use Publish."),
                              code="past")
    if at > now + settings.PRESSOFFICE_MAX_SCHEDULE_AHEAD:
        raise ValidationError(
            _("A release can be scheduled at most %(days)d days ahead.")
            % {"days": settings.PRESSOFFICE_MAX_SCHEDULE_AHEAD.days},
            code="too_far",
        )


def _require_editor(user):
    if not is_editor(user):
        _refuse(_("Only an editor may do this."))


def _require_state(edition, *states):
    if edition.state not in states:
        raise ValidationError(
            _("Edition %(number)d is %(state)s now; that can't be done from this state.")
            % {"number": edition.number, "state": edition.get_state_display()},
            code="state",
        )


def allows(check, *args, **kwargs):
    try:
        check(*args, **kwargs)
    except (PermissionDenied, ValidationError):
        return False
    return True


def available_actions(user, edition, *, open_edition=None):
    """The workflow actions to offer `user` on `edition`, in the order they are shown."""
    release = edition.release
    offers = [
        ("submit", allows(check_submit, user, edition)),
        ("recall", allows(check_recall, user, edition)),
        # Offered while the translator works; the check (English complete) runs once their text is saved.
        ("mark_translated", not _has(user, SOURCE_PERMISSION) and allows(check_edit, user, edition)),
        ("publish", allows(check_go_public, user, edition, force=False)),
        ("schedule", allows(check_go_public, user, edition, force=False)),
        ("force_publish", allows(check_go_public, user, edition, force=True)),
        ("force_schedule", allows(check_go_public, user, edition, force=True)),
        ("return", allows(check_return, user, edition)),
        ("unschedule", allows(check_unschedule, user, edition)),
        ("mark_reviewed", allows(check_mark_reviewed, user, edition)),
        ("new_edition", edition.state in PUBLIC_STATES + (State.SUPERSEDED,)
         and allows(check_start_new, user, release, open_edition)),
        ("restore", allows(check_restore, user, edition, open_edition)),
        ("withdraw", edition.pk == release.live_edition_id and allows(check_withdraw, user, release)),
        ("revoke_previews", allows(check_revoke_previews, user, edition)),
    ]
    return [action for action, offered in offers if offered]

