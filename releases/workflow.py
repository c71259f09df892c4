"""Every change of an edition's state, one function each.

The admin's buttons, the management commands and the tests call these and
nothing else sets `state`. Each one checks its permission, writes an audit
entry, and purges public caches once the transaction has committed.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from . import events
from .models import AuditEntry, Correction, Edition, Release
from .states import PUBLIC_STATES, State

PUBLISH_PERMISSION = "releases.publish_edition"


def _require(user, permission):
    if user is not None and not user.has_perm(permission):
        raise PermissionDenied(_("You do not have permission to do this."))


def _require_state(edition, *states):
    if edition.state not in states:
        raise ValidationError(
            _("This edition is %(state)s; that can't be done from this state.")
            % {"state": edition.get_state_display()}
        )


def _audit(*, edition, user, action, from_state, reason="", release=None):
    AuditEntry.objects.create(
        release=release or edition.release, edition=edition, user=user, action=action,
        from_state=from_state, to_state=edition.state if edition else "", reason=reason,
    )


def _move(edition, state, **fields):
    edition.state = state
    for name, value in fields.items():
        setattr(edition, name, value)
    edition.version += 1
    edition.save()


@transaction.atomic
def edition_submit(*, edition, user, comment="", seen_version=None):
    _require_state(edition, State.DRAFT)
    from_state = edition.state
    _move(edition, State.IN_REVIEW, submitted_by=user, submitted_at=timezone.now())
    _audit(edition=edition, user=user, action="submit", from_state=from_state, reason=comment)
    return edition


@transaction.atomic
def edition_return(*, edition, user, comment, seen_version=None):
    """Send an edition in review back to its writer, with a comment saying why."""
    _require(user, PUBLISH_PERMISSION)
    _require_state(edition, State.IN_REVIEW)
    if not (comment or "").strip():
        raise ValidationError(_("Say what the writer should change."))
    _move(edition, State.DRAFT)
    _audit(edition=edition, user=user, action="return", from_state=State.IN_REVIEW, reason=comment)
    return edition


def _check_two_person_rule(edition, user, force_reason):
    own = user is not None and user.pk in {edition.submitted_by_id, edition.author_id}
    if own and not (force_reason or "").strip():
        raise ValidationError(
            _("You submitted this edition yourself. Another editor must publish it, "
              "or use force publish and give a reason.")
        )


def _record_change_note(edition, note_kind, at):
    if note_kind in (Correction.Kind.CORRECTION, Correction.Kind.UPDATE):
        if not edition.change_note_ar.strip():
            raise ValidationError(_("A public correction or update needs a note in Arabic."))
        Correction.objects.create(
            release=edition.release, edition=edition, kind=note_kind, published_at=at,
            note_ar=edition.change_note_ar, note_en=edition.change_note_en or "",
        )


def _go_public(*, edition, user, at, state, force_reason, note_kind, action):
    _require(user, PUBLISH_PERMISSION)
    _require_state(edition, State.IN_REVIEW, State.DRAFT)
    _check_two_person_rule(edition, user, force_reason)
    release = Release.objects.select_for_update().get(pk=edition.release_id)
    has_public_edition = release.editions.filter(state__in=PUBLIC_STATES).exclude(pk=edition.pk).exists()
    if has_public_edition and note_kind is None:
        raise ValidationError(_("Publishing a new edition of a live release needs a change note."))
    # Any other pending schedule would overtake this edition; it goes back to draft.
    for other in release.editions.filter(state=State.SCHEDULED).exclude(pk=edition.pk):
        _move(other, State.DRAFT, published_at=None)
        _audit(edition=other, user=user, action="unschedule", from_state=State.SCHEDULED,
               reason=_("Replaced by edition %(number)d.") % {"number": edition.number})
    from_state = edition.state
    _move(edition, state, published_at=at, reviewer=user, force_publish_reason=force_reason or "")
    _record_change_note(edition, note_kind, at)
    if release.first_published_at is None or release.first_published_at > at:
        release.first_published_at = at
        release.save(update_fields=["first_published_at"])
    _audit(edition=edition, user=user, action=action, from_state=from_state,
           reason=(_("Force published: %(reason)s") % {"reason": force_reason}) if force_reason else "")
    if state == State.PUBLISHED:
        _make_live(edition, user=user)
    events.on_commit_public_change([release.pk], event=events.PUBLISHED if state == State.PUBLISHED else events.SCHEDULED)
    return edition


def _make_live(edition, *, user):
    release = edition.release
    for older in release.editions.filter(state=State.PUBLISHED).exclude(pk=edition.pk):
        _move(older, State.SUPERSEDED)
        _audit(edition=older, user=user, action="supersede", from_state=State.PUBLISHED)
    Release.objects.filter(pk=release.pk).update(live_edition=edition)
    release.live_edition = edition


@transaction.atomic
def edition_publish(*, edition, user, force_reason="", note_kind=None, at=None, seen_version=None):
    """Publish now. `note_kind` is "minor", "correction" or "update" for a live release.

    `at` may date an archive release in the past (the importer does); the audit
    entry still records when it really happened. A future time is a schedule.
    """
    now = timezone.now()
    if at is not None and at > now:
        raise ValidationError(_("A publication time in the future is a schedule: use Schedule."))
    return _go_public(edition=edition, user=user, at=at or now, state=State.PUBLISHED,
                      force_reason=force_reason, note_kind=note_kind, action="publish")


@transaction.atomic
def edition_schedule(*, edition, user, at, force_reason="", note_kind=None, seen_version=None):
    if at <= timezone.now():
        raise ValidationError(_("A scheduled time must be in the future. To publish now, use Publish."))
    return _go_public(edition=edition, user=user, at=at, state=State.SCHEDULED,
                      force_reason=force_reason, note_kind=note_kind, action="schedule")


@transaction.atomic
def edition_unschedule(*, edition, user, seen_version=None):
    _require(user, PUBLISH_PERMISSION)
    _require_state(edition, State.SCHEDULED)
    if edition.is_visible():
        raise ValidationError(_("This edition is already public; publish a new edition instead."))
    _move(edition, State.IN_REVIEW, published_at=None)
    edition.corrections.all().delete()
    release = edition.release
    if not release.editions.filter(state__in=PUBLIC_STATES).exists():
        Release.objects.filter(pk=release.pk).update(first_published_at=None)
    _audit(edition=edition, user=user, action="unschedule", from_state=State.SCHEDULED)
    events.on_commit_public_change([release.pk], event=events.UNSCHEDULED)
    return edition


@transaction.atomic
def publish_due(*, now=None):
    """Record scheduled editions whose time has come as published. Idempotent."""
    now = now or timezone.now()
    done = []
    for edition in Edition.objects.filter(state=State.SCHEDULED, published_at__lte=now).select_related("release"):
        _move(edition, State.PUBLISHED)
        _audit(edition=edition, user=None, action="publish_scheduled", from_state=State.SCHEDULED)
        _make_live(edition, user=None)
        done.append(edition)
    if done:
        events.on_commit_public_change([edition.release_id for edition in done], event=events.WENT_PUBLIC)
    return done


@transaction.atomic
def release_withdraw(*, release, user, notice_ar, notice_en=""):
    """Withdraw a release: its page stays up with the notice, and it leaves every list."""
    _require(user, PUBLISH_PERMISSION)
    if release.withdrawn_at:
        raise ValidationError(_("This release is already withdrawn."))
    if not (notice_ar or "").strip():
        raise ValidationError(_("A withdrawal needs a public notice in Arabic."))
    release.withdrawn_at = timezone.now()
    release.withdrawal_notice_ar = notice_ar
    release.withdrawal_notice_en = notice_en
    release.save(update_fields=["withdrawn_at", "withdrawal_notice_ar", "withdrawal_notice_en"])
    edition = release.live_edition
    AuditEntry.objects.create(release=release, edition=edition, user=user, action="withdraw",
                              from_state=edition.state if edition else "", to_state="withdrawn", reason=notice_ar)
    events.on_commit_public_change([release.pk], event=events.WITHDRAWN)
    return release


def _copy_edition(source, *, user):
    from modeltranslation.translator import translator
    from modeltranslation.utils import get_translation_fields

    release = source.release
    number = (release.editions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    copy = Edition(release=release, number=number, state=State.DRAFT, author=user,
                   dateline_date=source.dateline_date, lead_image=source.lead_image,
                   translation_basis=dict(source.translation_basis), stale_languages=source.stale_languages)
    for name in translator.get_options_for_model(Edition).fields:
        if name == "change_note":
            continue
        for field_name in get_translation_fields(name):
            setattr(copy, field_name, getattr(source, field_name))
    copy.save()
    copy.speakers.set(source.speakers.all())
    copy.programmes.set(source.programmes.all())
    for attachment in source.attachments.all():
        attachment.pk = None
        attachment.edition = copy
        attachment.save()
    return copy


@transaction.atomic
def edition_start_new(*, release, user, seen_version=None):
    """Start a new draft from the live edition, or return the draft already open."""
    open_draft = release.editions.filter(state__in=(State.DRAFT, State.IN_REVIEW)).order_by("-number").first()
    if open_draft:
        return open_draft
    source = release.public_edition() or release.latest_edition
    copy = _copy_edition(source, user=user)
    _audit(edition=copy, user=user, action="new_edition", from_state="",
           reason=_("From edition %(number)d.") % {"number": source.number})
    return copy


@transaction.atomic
def edition_restore(*, edition, user, seen_version=None):
    """Restore an old edition's content as a new draft; nothing is overwritten."""
    _require(user, PUBLISH_PERMISSION)
    copy = _copy_edition(edition, user=user)
    _audit(edition=copy, user=user, action="restore", from_state="",
           reason=_("Restored from edition %(number)d.") % {"number": edition.number})
    return copy


@transaction.atomic
def edition_mark_reviewed(*, edition, user, seen_version=None):
    """A second editor confirms a force-published edition after the fact."""
    _require(user, PUBLISH_PERMISSION)
    if not edition.force_publish_reason:
        raise ValidationError(_("Only a force-published edition needs to be marked as reviewed."))
    if user.pk in {edition.reviewer_id, edition.submitted_by_id, edition.author_id}:
        raise ValidationError(_("Another editor must mark this edition as reviewed."))
    edition.force_reviewed_by = user
    edition.save(update_fields=["force_reviewed_by"])
    _audit(edition=edition, user=user, action="mark_reviewed", from_state=edition.state)
    return edition


@transaction.atomic
def edition_revoke_previews(*, edition, user, seen_version=None):
    """Every shareable preview link of this edition stops working."""
    Edition.objects.filter(pk=edition.pk).update(preview_generation=F("preview_generation") + 1)
    edition.refresh_from_db(fields=["preview_generation"])
    _audit(edition=edition, user=user, action="revoke_previews", from_state=edition.state)
    return edition
