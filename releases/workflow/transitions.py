"""Every change of an edition's state, one function each.

Each locks the edition, applies its rule from `rules.py`, checks the version
the person saw, writes the next version and an audit entry, and tells
`events` once the transaction has committed. Nothing else sets `state`.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from releases import events
from releases.models import Correction, Edition, Release
from releases.states import EDITABLE_STATES, PUBLIC_STATES, State

from . import rules
from .common import audit, bump, check_version, lock, lock_release, validate

PUBLISH_PERMISSION = rules.PUBLISH_PERMISSION


@transaction.atomic
def edition_submit(*, edition, user, seen_version, comment=""):
    edition = lock(edition)
    rules.check_submit(user, edition)
    check_version(edition, seen_version)
    bump(edition, state=State.IN_REVIEW, submitted_by=user, submitted_at=timezone.now())
    events.handoff(audit(edition=edition, user=user, action="submit", from_state=State.DRAFT, reason=comment))
    return edition


@transaction.atomic
def edition_recall(*, edition, user, seen_version):
    """The submitter takes their edition back to the drafts, to change it before review."""
    edition = lock(edition)
    rules.check_recall(user, edition)
    check_version(edition, seen_version)
    bump(edition, state=State.DRAFT)
    audit(edition=edition, user=user, action="recall", from_state=State.IN_REVIEW)
    return edition


@transaction.atomic
def edition_return(*, edition, user, seen_version, comment):
    """Send an edition in review back to its writer, with a comment saying why."""
    edition = lock(edition)
    rules.check_return(user, edition)
    if not (comment or "").strip():
        raise ValidationError(_("Say what the writer should change."), code="comment")
    check_version(edition, seen_version)
    bump(edition, state=State.DRAFT)
    events.handoff(audit(edition=edition, user=user, action="return", from_state=State.IN_REVIEW, reason=comment))
    return edition


@transaction.atomic
def edition_mark_translated(*, edition, user, seen_version, comment=""):
    """The translator says the English is ready for an editor. The state doesn't change."""
    edition = lock(edition)
    rules.check_mark_translated(user, edition)
    check_version(edition, seen_version)
    events.handoff(audit(edition=edition, user=user, action="translated", from_state=edition.state, reason=comment))
    return edition


def _record_change_note(edition, note_kind, at):
    if note_kind in (Correction.Kind.CORRECTION, Correction.Kind.UPDATE):
        if not (edition.change_note_ar or "").strip():
            raise ValidationError(_("A public correction or update needs a note in Arabic."), code="note")
        Correction.objects.create(
            release=edition.release, edition=edition, kind=note_kind, published_at=at,
            note_ar=edition.change_note_ar, note_en=edition.change_note_en or "",
        )


def _go_public(*, edition, user, seen_version, at, state, force_reason, note_kind, action):
    release = lock_release(edition.release_id)
    edition = lock(edition)
    force = bool((force_reason or "").strip())
    rules.check_go_public(user, edition, force=force)
    check_version(edition, seen_version)
    live = release.editions.filter(state__in=PUBLIC_STATES).exclude(pk=edition.pk).order_by("-published_at").first()
    if live is not None and note_kind not in ("minor", Correction.Kind.CORRECTION, Correction.Kind.UPDATE):
        raise ValidationError(_("Publishing a new edition of a live release needs a change note."),
                              code="change_note")
    if live is not None and live.state == State.PUBLISHED and at < live.published_at:
        # The newest edition by its public time is the one shown: an older time would never show.
        raise ValidationError(_("A new edition must go public after the edition it replaces."), code="too_early")
    # Any other pending schedule would overtake this edition; it goes back to draft.
    for other in release.editions.filter(state=State.SCHEDULED).exclude(pk=edition.pk):
        bump(other, state=State.DRAFT, published_at=None)
        audit(edition=other, user=user, action="unschedule", from_state=State.SCHEDULED,
              reason=_("Replaced by edition %(number)d.") % {"number": edition.number})
    from_state = edition.state
    bump(edition, **publication(user=user, at=at, state=state, force_reason=force_reason))
    _record_change_note(edition, note_kind, at)
    if release.first_published_at is None or release.first_published_at > at:
        release.first_published_at = at
        release.save(update_fields=["first_published_at"])
    events.handoff(audit(edition=edition, user=user, action=action, from_state=from_state,
                         reason=(_("Force published: %(reason)s") % {"reason": force_reason}) if force else ""))
    if state == State.PUBLISHED:
        _make_live(edition, release=release, user=user)
    events.on_commit_public_change([release.pk], event=events.PUBLISHED if state == State.PUBLISHED
                                   else events.SCHEDULED)
    return edition


def _make_live(edition, *, release, user):
    for older in release.editions.filter(state=State.PUBLISHED).exclude(pk=edition.pk):
        bump(older, state=State.SUPERSEDED)
        audit(edition=older, user=user, action="supersede", from_state=State.PUBLISHED)
    Release.objects.filter(pk=release.pk).update(live_edition=edition)
    release.live_edition = edition
    edition.release = release


def publication(*, user, at, state, force_reason=""):
    """The fields an edition going public gets (besides its next version)."""
    return {"state": state, "published_at": at, "reviewer": user, "force_publish_reason": force_reason or ""}


def publish_time(at, now):
    """When a publication "now" goes public: now, or the past time `at` that dates an archive release."""
    if at is not None and at > now:
        raise ValidationError(_("A publication time in the future is a schedule: use Schedule."), code="future")
    if at is not None and at.year < 1900:
        raise ValidationError(_("A publication date before 1900 can't be right."), code="too_old")
    return at or now


@transaction.atomic
def edition_publish(*, edition, user, seen_version, force_reason="", note_kind=None, at=None):
    """Publish now. `note_kind` is "minor", "correction" or "update" for a live release.

    `at` may date an archive release in the past (the importer does); the audit
    entry still records when it really happened. A future time is a schedule.
    """
    return _go_public(edition=edition, user=user, seen_version=seen_version, at=publish_time(at, timezone.now()),
                      state=State.PUBLISHED, force_reason=force_reason, note_kind=note_kind, action="publish")


@transaction.atomic
def edition_schedule(*, edition, user, seen_version, at, force_reason="", note_kind=None):
    rules.check_schedule_time(at)
    return _go_public(edition=edition, user=user, seen_version=seen_version, at=at, state=State.SCHEDULED,
                      force_reason=force_reason, note_kind=note_kind, action="schedule")


@transaction.atomic
def edition_unschedule(*, edition, user, seen_version):
    release = lock_release(edition.release_id)
    edition = lock(edition)
    rules.check_unschedule(user, edition)
    check_version(edition, seen_version)
    bump(edition, state=State.IN_REVIEW, published_at=None)
    edition.corrections.all().delete()
    if not release.editions.filter(state__in=PUBLIC_STATES).exists():
        Release.objects.filter(pk=release.pk).update(first_published_at=None)
    audit(edition=edition, user=user, action="unschedule", from_state=State.SCHEDULED)
    events.on_commit_public_change([release.pk], event=events.UNSCHEDULED)
    return edition


@transaction.atomic
def publish_due(*, now=None):
    """Record scheduled editions whose time has come as published. Idempotent."""
    now = now or timezone.now()
    done = []
    for candidate in Edition.objects.filter(state=State.SCHEDULED, published_at__lte=now).order_by("published_at"):
        release = lock_release(candidate.release_id)
        edition = lock(candidate)
        if edition.state != State.SCHEDULED:
            continue  # another run got there first
        bump(edition, state=State.PUBLISHED)
        audit(edition=edition, user=None, action="publish_scheduled", from_state=State.SCHEDULED)
        _make_live(edition, release=release, user=None)
        done.append(edition)
    if done:
        events.on_commit_public_change([edition.release_id for edition in done], event=events.WENT_PUBLIC)
    return done


@transaction.atomic
def release_withdraw(*, release, user, notice_ar, notice_en=""):
    """Withdraw a release: its page stays up with the notice, and it leaves every list."""
    release = lock_release(release.pk)
    rules.check_withdraw(user, release)
    if not (notice_ar or "").strip():
        raise ValidationError(_("A withdrawal needs a public notice in Arabic."), code="notice")
    release.withdrawn_at = timezone.now()
    release.withdrawal_notice_ar = notice_ar
    release.withdrawal_notice_en = notice_en
    validate(release, exclude=["live_edition"])
    release.save(update_fields=["withdrawn_at", "withdrawal_notice_ar", "withdrawal_notice_en"])
    edition = release.live_edition
    audit(edition=edition, release=release, user=user, action="withdraw",
          from_state=edition.state if edition else "", to_state="withdrawn", reason=notice_ar)
    events.on_commit_public_change([release.pk], event=events.WITHDRAWN)
    return release


def _open_edition(release):
    return release.editions.filter(state__in=EDITABLE_STATES).order_by("-number").first()


def _copy_edition(source, *, release, user):
    from modeltranslation.utils import get_translation_fields

    number = (release.editions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    copy = Edition(release=release, number=number, state=State.DRAFT, author=user,
                   dateline_date=source.dateline_date, lead_image=source.lead_image,
                   translation_basis=dict(source.translation_basis), stale_languages=source.stale_languages)
    for name in rules.translated_fields():
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
def edition_start_new(*, release, user):
    """Start a new draft from the live edition. Refused while another edition is open."""
    release = lock_release(release.pk)
    rules.check_start_new(user, release, _open_edition(release))
    source = release.public_edition() or release.editions.filter(state__in=PUBLIC_STATES).first() \
        or release.editions.order_by("-number").first()
    copy = _copy_edition(source, release=release, user=user)
    audit(edition=copy, user=user, action="new_edition",
          reason=_("From edition %(number)d.") % {"number": source.number})
    return copy


@transaction.atomic
def edition_restore(*, edition, user):
    """Restore an old edition's content as a new draft; nothing is overwritten."""
    release = lock_release(edition.release_id)
    edition = lock(edition)
    rules.check_restore(user, edition, _open_edition(release))
    copy = _copy_edition(edition, release=release, user=user)
    audit(edition=copy, user=user, action="restore",
          reason=_("Restored from edition %(number)d.") % {"number": edition.number})
    return copy


@transaction.atomic
def edition_mark_reviewed(*, edition, user, seen_version):
    """A second editor confirms a force-published edition after the fact."""
    edition = lock(edition)
    rules.check_mark_reviewed(user, edition)
    check_version(edition, seen_version)
    bump(edition, force_reviewed_by=user)
    audit(edition=edition, user=user, action="mark_reviewed", from_state=edition.state)
    return edition


@transaction.atomic
def edition_revoke_previews(*, edition, user):
    """Every shareable preview link of this edition stops working."""
    edition = lock(edition)
    rules.check_revoke_previews(user, edition)
    Edition.objects.filter(pk=edition.pk).update(preview_generation=F("preview_generation") + 1)
    edition.refresh_from_db(fields=["preview_generation"])
    audit(edition=edition, user=user, action="revoke_previews", from_state=edition.state)
    return edition
