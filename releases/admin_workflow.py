"""The admin's workflow actions, their confirmation pages, previews, history and diffs.

Each action calls one function of `releases.workflow`, with the version the
person saw; nothing here sets a state or checks a rule itself.
"""

import datetime

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _, gettext_lazy

from . import workflow
from .diff import edition_diff
from .digits import localise_digits
from .models import Correction, Edition
from .previews import preview_url
from .models.querysets import translation_languages
from .states import EDITABLE_STATES, PUBLIC_STATES, State
from .templatetags.press import moment
from .timezones import make_aware_strictly, zone_name
from .views import render_preview
from .workflow import rules

NOTE_KINDS = [
    ("minor", gettext_lazy("Minor change (not shown to the public)")),
    (Correction.Kind.CORRECTION, gettext_lazy("Public correction")),
    (Correction.Kind.UPDATE, gettext_lazy("Public update")),
]
# "Save and …" buttons of the edit form; the first three act at once, the rest ask for confirmation.
FORM_ACTIONS = ("submit", "recall", "mark_translated", "publish", "schedule", "force_publish", "force_schedule",
                "return")
# Actions that show a page naming what will happen before they are done.
CONFIRMED_ACTIONS = ("publish", "schedule", "force_publish", "force_schedule", "return", "withdraw", "unschedule",
                     "restore")
FORM_LABELS = {
    "submit": gettext_lazy("Save and submit for review"),
    "recall": gettext_lazy("Save and take back to drafts"),
    "mark_translated": gettext_lazy("Save and mark the translation ready"),
    "publish": gettext_lazy("Save and publish…"),
    "schedule": gettext_lazy("Save and schedule…"),
    "force_publish": gettext_lazy("Save and force publish…"),
    "force_schedule": gettext_lazy("Save and force schedule…"),
    "return": gettext_lazy("Save and return to the writer…"),
}
ACTION_LABELS = {
    "submit": gettext_lazy("Submit for review"),
    "recall": gettext_lazy("Take back to drafts"),
    "mark_translated": gettext_lazy("Mark the translation ready"),
    "return": gettext_lazy("Return to the writer"),
    "publish": gettext_lazy("Publish now"),
    "schedule": gettext_lazy("Schedule"),
    "force_publish": gettext_lazy("Force publish"),
    "force_schedule": gettext_lazy("Force schedule"),
    "unschedule": gettext_lazy("Unschedule"),
    "mark_reviewed": gettext_lazy("Mark as reviewed"),
    "revoke_previews": gettext_lazy("Revoke preview links"),
    "new_edition": gettext_lazy("Start a new edition"),
    "restore": gettext_lazy("Restore as a new draft"),
    "withdraw": gettext_lazy("Withdraw the release"),
}
ACTION_DONE = {
    "submit": gettext_lazy("Saved and submitted for review. An editor will see it in their queue."),
    "recall": gettext_lazy("Saved and taken back to your drafts."),
    "mark_translated": gettext_lazy("Saved. The translation is marked ready for an editor."),
    "return": gettext_lazy("Returned to the writer with your comment."),
    "unschedule": gettext_lazy("Unscheduled. The edition is back in review and nothing goes public."),
    "mark_reviewed": gettext_lazy("Marked as reviewed."),
    "revoke_previews": gettext_lazy("Every preview link of this edition has stopped working."),
    "new_edition": gettext_lazy("A new draft edition was started. The live page does not change until it is published."),
    "restore": gettext_lazy("The old text was restored as a new draft. Nothing is public until it is published."),
    "withdraw": gettext_lazy("Withdrawn. The page now shows the notice, and the release has left every list and feed."),
}


def form_actions(user, edition, open_edition=None):
    return [a for a in rules.available_actions(user, edition, open_edition=open_edition) if a in FORM_ACTIONS]


def public_languages(edition):
    return [str(name) for code, name in settings.LANGUAGES if edition.is_complete_in(code)]


class ActionForm(forms.Form):
    seen_version = forms.CharField(widget=forms.HiddenInput, required=False)
    comment = forms.CharField(label=gettext_lazy("Comment"), required=False, max_length=5000,
                              widget=forms.Textarea(attrs={"rows": 3}))
    # A CharField: Django's DateTimeField would apply the zone first, with a vaguer error at DST changes.
    at = forms.CharField(label=gettext_lazy("Publish at"), required=False, max_length=40,
                         widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    note_kind = forms.ChoiceField(label=gettext_lazy("Change note"), choices=NOTE_KINDS, required=False)
    force_reason = forms.CharField(label=gettext_lazy("Reason for force publishing"), required=False,
                                   max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))
    notice_ar = forms.CharField(label=gettext_lazy("Withdrawal notice (Arabic)"), required=False, max_length=5000,
                                widget=forms.Textarea(attrs={"rows": 3, "lang": "ar", "dir": "rtl"}))
    notice_en = forms.CharField(label=gettext_lazy("Withdrawal notice (English)"), required=False, max_length=5000,
                                widget=forms.Textarea(attrs={"rows": 3, "lang": "en", "dir": "ltr"}))

    FIELDS = {
        "publish": ("note_kind",), "force_publish": ("note_kind", "force_reason"),
        "schedule": ("at", "note_kind"), "force_schedule": ("at", "note_kind", "force_reason"),
        "return": ("comment",), "submit": ("comment",), "withdraw": ("notice_ar", "notice_en"),
    }
    REQUIRED = {"at", "force_reason", "notice_ar"}

    def __init__(self, *args, action="", is_live=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at"].help_text = _("In %(zone)s.") % {"zone": zone_name()}
        self.fields["comment"].required = action == "return"
        wanted = set(self.FIELDS.get(action, ()))
        if not is_live:
            wanted.discard("note_kind")
        for name in list(self.fields):
            if name != "seen_version" and name not in wanted:
                del self.fields[name]
            elif name in self.REQUIRED:
                self.fields[name].required = True

    def clean_at(self):
        # Parse as wall time in the mission's zone, refusing DST gaps and overlaps by name.
        raw = (self.cleaned_data.get("at") or "").strip()
        for pattern in ("%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"):
            try:
                naive = datetime.datetime.strptime(raw, pattern)
                break
            except ValueError:
                continue
        else:
            raise ValidationError(_("Enter a date and time such as 2026-03-08 09:30."), code="invalid")
        at = make_aware_strictly(naive)
        rules.check_schedule_time(at)
        return at

    def clean_seen_version(self):
        version = workflow.parse_version(self.cleaned_data.get("seen_version"))
        if version is None:
            raise ValidationError(_("This page is out of date: open the edition again."), code="no_version")
        return version


def run_action(action, edition, user, data):
    """Call the one workflow function for `action`; returns the edition to show next."""
    version, note_kind = data.get("seen_version"), data.get("note_kind") or None
    force_reason = data.get("force_reason", "") if action.startswith("force_") else ""
    if action == "submit":
        return workflow.edition_submit(edition=edition, user=user, seen_version=version, comment=data.get("comment", ""))
    if action == "recall":
        return workflow.edition_recall(edition=edition, user=user, seen_version=version)
    if action == "mark_translated":
        return workflow.edition_mark_translated(edition=edition, user=user, seen_version=version)
    if action == "return":
        return workflow.edition_return(edition=edition, user=user, seen_version=version, comment=data.get("comment", ""))
    if action in ("publish", "force_publish"):
        return workflow.edition_publish(edition=edition, user=user, seen_version=version, note_kind=note_kind,
                                        force_reason=force_reason)
    if action in ("schedule", "force_schedule"):
        return workflow.edition_schedule(edition=edition, user=user, seen_version=version, at=data["at"],
                                         note_kind=note_kind, force_reason=force_reason)
    if action == "unschedule":
        return workflow.edition_unschedule(edition=edition, user=user, seen_version=version)
    if action == "mark_reviewed":
        return workflow.edition_mark_reviewed(edition=edition, user=user, seen_version=version)
    if action == "revoke_previews":
        return workflow.edition_revoke_previews(edition=edition, user=user)
    if action == "new_edition":
        return workflow.edition_start_new(release=edition.release, user=user)
    if action == "restore":
        return workflow.edition_restore(edition=edition, user=user)
    if action == "withdraw":
        workflow.release_withdraw(release=edition.release, user=user,
                                  notice_ar=data.get("notice_ar", ""), notice_en=data.get("notice_en", ""))
        return edition
    raise Http404


def join_names(names):
    """["Arabic", "English"] as a person says it: "Arabic and English" / "العربية والإنجليزية"."""
    names = [str(name) for name in names]
    if len(names) < 2:
        return "".join(names)
    return _("%(names)s and %(last)s") % {"names": _(", ").join(names[:-1]), "last": names[-1]}


def done_message(action, edition):
    """What happened, in words: which languages went (or will go) public, and when."""
    languages = join_names(public_languages(edition))
    if action in ("publish", "force_publish"):
        return _("Published. The release is live in %(languages)s.") % {"languages": languages}
    if action in ("schedule", "force_schedule"):
        return _("Scheduled. The release goes live in %(languages)s at %(time)s.") % {
            "time": moment(edition.published_at), "languages": languages}
    if action == "withdraw":
        return _("Withdrawn. The %(languages)s pages now show your notice, and the release has left every "
                 "list and feed.") % {"languages": languages}
    return ACTION_DONE.get(action, _("Done."))


# The one action the header bar offers first, when this person has it; the rest go in a menu.
PRIMARY_ORDER = ("submit", "mark_translated", "publish", "recall", "new_edition", "mark_reviewed", "unschedule")


def person(user):
    return user.get_full_name() or user.get_username()


def holder(edition):
    """Who has the edition now, in words; a step nobody is recorded for (an import, the demo) names nobody."""
    release = edition.release
    if release.withdrawn_at is not None and edition.state in PUBLIC_STATES:
        return _("Withdrawn at %(time)s. Nobody works on it.") % {"time": moment(release.withdrawn_at)}
    if edition.state == State.DRAFT:
        if edition.author is None:
            return _("A draft, open to the writers.")
        return _("With %(name)s, who is writing it.") % {"name": person(edition.author)}
    if edition.state == State.IN_REVIEW:
        waiting = [str(name) for code, name in settings.LANGUAGES
                   if code in translation_languages() and (not edition.is_complete_in(code) or edition.is_stale_in(code))]
        if waiting:
            text = _("Waiting for the %(languages)s translation, then an editor's review.") % {
                "languages": join_names(waiting)}
        else:
            text = _("Waiting for an editor's review.")
        if edition.submitted_by is not None:
            text = _("Submitted by %(name)s.") % {"name": person(edition.submitted_by)} + " " + text
        return text
    if edition.state == State.SCHEDULED and not edition.is_visible():
        text = _("Scheduled: it goes public at %(time)s.") % {"time": moment(edition.published_at)}
    elif edition.state in PUBLIC_STATES:
        text = _("Live since %(time)s.") % {"time": moment(edition.published_at)}
    else:
        return _("A newer edition replaced this one. Nobody works on it.")
    if edition.reviewer is not None:
        text += " " + _("Approved by %(name)s.") % {"name": person(edition.reviewer)}
    return text


def state_class(edition):
    if edition.release.withdrawn_at is not None and edition.state in PUBLIC_STATES:
        return "withdrawn"
    if edition.state == State.SCHEDULED and edition.is_visible():
        return "published"
    return edition.state


class EditionWorkflowMixin:
    """Mixed into EditionAdmin: workflow actions, preview, history and diff."""

    change_form_template = "admin/releases/edition/change_form.html"
    delete_confirmation_template = "admin/releases/edition/delete_confirmation.html"

    def workflow_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/workflow/<str:action>/", wrap(self.action_view), name="releases_edition_action"),
            path("<int:pk>/preview/<str:language>/", wrap(self.preview_view), name="releases_edition_preview"),
            path("<int:pk>/diff/", wrap(self.diff_view), name="releases_edition_diff"),
        ]

    def _edition(self, request, pk):
        edition = get_object_or_404(Edition.objects.select_related("release"), pk=pk)
        if not self.has_view_or_change_permission(request, edition):
            raise PermissionDenied
        return edition

    def action_view(self, request, pk, action):
        if action not in ACTION_LABELS:
            raise Http404
        edition = self._edition(request, pk)
        is_live = edition.release.first_published_at is not None and edition.state in EDITABLE_STATES \
            and edition.release.editions.exclude(pk=edition.pk).filter(published_at__isnull=False).exists()
        if request.method != "POST":
            if action not in CONFIRMED_ACTIONS:
                raise Http404
            form = ActionForm(initial={"seen_version": edition.version}, action=action, is_live=is_live)
            return self._confirmation(request, edition, action, form)
        form = ActionForm(request.POST, action=action, is_live=is_live)
        if form.is_valid():
            try:
                result = run_action(action, edition, request.user, form.cleaned_data)
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, done_message(action, result))
                return redirect("admin:releases_edition_change", result.pk)
        if action in CONFIRMED_ACTIONS:
            return self._confirmation(request, edition, action, form)
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("admin:releases_edition_change", edition.pk)

    def _confirmation(self, request, edition, action, form):
        edition.refresh_from_db()
        return TemplateResponse(request, "admin/releases/edition/action.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta, "original": edition,
            "edition": edition, "action": action, "action_label": ACTION_LABELS[action], "form": form,
            "languages": public_languages(edition), "languages_text": join_names(public_languages(edition)),
            "missing_languages": [str(name) for code, name in settings.LANGUAGES if not edition.is_complete_in(code)],
            "title": ACTION_LABELS[action], "zone_name": zone_name(),
        })

    def preview_view(self, request, pk, language):
        edition = self._edition(request, pk)
        if language not in dict(settings.LANGUAGES):
            raise Http404
        with translation.override(language):
            response = render_preview(request, edition)
            response.render()
        return response

    def diff_view(self, request, pk):
        edition = self._edition(request, pk)
        others = edition.release.editions.exclude(pk=edition.pk).order_by("-number")
        against_pk = workflow.parse_version(request.GET.get("against"))
        against = (others.filter(pk=against_pk).first() if against_pk else None) or others.first()
        rows = edition_diff(against, edition) if against else []
        return TemplateResponse(request, "admin/releases/edition/diff.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta, "edition": edition,
            "original": edition, "against": against, "others": others, "rows": rows,
            "title": _("Changes in edition %(number)s") % {"number": localise_digits(edition.number)},
        })

    def history_context(self, edition):
        """The release's editions and its audit trail, for the history page (and the edit form)."""
        release = edition.release
        return {
            "release_editions": release.editions.select_related("author", "reviewer", "release").order_by("-number"),
            "audit_entries": release.audit_entries.select_related("user")[:200],
        }

    def history_view(self, request, object_id, extra_context=None):
        """Django's "History" link: the release's editions and what happened, in words."""
        edition = self._edition(request, workflow.parse_version(object_id) or 0)
        return TemplateResponse(request, "admin/releases/edition/object_history.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta, "edition": edition,
            "original": edition, **self.history_context(edition),
            "title": _("History of “%(headline)s”") % {"headline": edition.headline},
        })

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        user = request.user
        if obj is None:
            context["form_buttons"] = [("submit", FORM_LABELS["submit"])] if rules.allows(rules.check_create, user) else []
        else:
            context.update(self._workflow_context(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _workflow_context(self, request, edition):
        release = edition.release
        open_edition = release.editions.filter(state__in=EDITABLE_STATES).exclude(pk=edition.pk).first()
        offered = rules.available_actions(request.user, edition, open_edition=open_edition)
        editable = rules.allows(rules.check_edit, request.user, edition)
        # Each action once: a "Save and …" button of the form when this person may edit, else a plain one.
        actions = [{"action": a, "form": editable and a in FORM_ACTIONS, "confirmed": a in CONFIRMED_ACTIONS,
                    "label": FORM_LABELS[a] if editable and a in FORM_ACTIONS else ACTION_LABELS[a]}
                   for a in offered]
        for item in actions:
            if item["confirmed"] and not item["form"]:
                item["label"] = f"{item['label']}…"
        primary = next((item for name in PRIMARY_ORDER for item in actions if item["action"] == name), None)
        return {
            "form_buttons": [(a, FORM_LABELS[a]) for a in offered if a in FORM_ACTIONS] if editable else [],
            "primary_action": primary,
            "menu_actions": [item for item in actions if item is not primary],
            "may_save": editable,
            "holder": holder(edition),
            "state_class": state_class(edition),
            "open_edition": open_edition,
            "release_editions": release.editions.select_related("author", "reviewer").order_by("-number"),
            "audit_entries": release.audit_entries.select_related("user")[:30],
            "stale_fields": [(name, [Edition._meta.get_field(field).verbose_name
                                     for field in edition.changed_source_fields(code)])
                             for code, name in settings.LANGUAGES
                             if code in translation_languages() and edition.is_stale_in(code)],
            "share_url": request.build_absolute_uri(preview_url(edition)),
            "zone_name": zone_name(),
            "is_live_release": release.first_published_at is not None,
        }
