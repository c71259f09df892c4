"""The admin's workflow buttons, previews, history and diffs.

Each button posts here, and each view calls one function of
`releases.workflow`; nothing in this module sets a state itself.
"""

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _, gettext_lazy

from . import workflow
from .diff import edition_diff
from .models import Correction, Edition
from .previews import preview_url
from .states import State
from .timezones import make_aware_strictly, zone_name
from .views import render_preview

NOTE_KINDS = [
    ("minor", gettext_lazy("Minor change (not shown to the public)")),
    (Correction.Kind.CORRECTION, gettext_lazy("Public correction")),
    (Correction.Kind.UPDATE, gettext_lazy("Public update")),
]


class WorkflowForm(forms.Form):
    comment = forms.CharField(label=gettext_lazy("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    # A CharField: Django's DateTimeField would apply the zone first, with a vaguer error at DST changes.
    at = forms.CharField(label=gettext_lazy("Publish at"), required=False,
                         widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    force_reason = forms.CharField(label=gettext_lazy("Reason for force publishing"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 2}))
    note_kind = forms.ChoiceField(label=gettext_lazy("Change note"), choices=NOTE_KINDS, required=False)
    notice_ar = forms.CharField(label=gettext_lazy("Withdrawal notice (Arabic)"), required=False,
                                widget=forms.Textarea(attrs={"rows": 2, "lang": "ar", "dir": "rtl"}))
    notice_en = forms.CharField(label=gettext_lazy("Withdrawal notice (English)"), required=False,
                                widget=forms.Textarea(attrs={"rows": 2, "lang": "en", "dir": "ltr"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at"].help_text = _("In %(zone)s.") % {"zone": zone_name()}

    def clean_at(self):
        # Parse as wall time in the mission's zone, refusing DST gaps and overlaps by name.
        raw = self.data.get("at", "").strip()
        if not raw:
            return None
        for pattern in ("%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"):
            try:
                naive = datetime.datetime.strptime(raw, pattern)
                break
            except ValueError:
                continue
        else:
            raise ValidationError(_("Enter a date and time such as 2026-03-08 09:30."))
        return make_aware_strictly(naive)


def _transition(action, edition, user, data):
    note_kind = data.get("note_kind") or None
    if action == "submit":
        return workflow.edition_submit(edition=edition, user=user, comment=data.get("comment", ""))
    if action == "return":
        return workflow.edition_return(edition=edition, user=user, comment=data.get("comment", ""))
    if action in ("publish", "force_publish"):
        return workflow.edition_publish(edition=edition, user=user, note_kind=note_kind,
                                        force_reason=data.get("force_reason", "") if action == "force_publish" else "")
    if action in ("schedule", "force_schedule"):
        if not data.get("at"):
            raise ValidationError(_("Choose when to publish."))
        return workflow.edition_schedule(edition=edition, user=user, at=data["at"], note_kind=note_kind,
                                         force_reason=data.get("force_reason", "") if action == "force_schedule" else "")
    if action == "unschedule":
        return workflow.edition_unschedule(edition=edition, user=user)
    if action == "mark_reviewed":
        return workflow.edition_mark_reviewed(edition=edition, user=user)
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
    raise PermissionDenied


def available_actions(edition, user):
    can_publish = user.has_perm(workflow.PUBLISH_PERMISSION)
    state, release = edition.state, edition.release
    actions = []
    if state == State.DRAFT:
        actions.append("submit")
    if can_publish and state == State.IN_REVIEW:
        actions += ["return"]
    if can_publish and state in (State.DRAFT, State.IN_REVIEW):
        own = user.pk in {edition.submitted_by_id, edition.author_id}
        actions += ["force_publish", "force_schedule"] if own else ["publish", "schedule"]
    if can_publish and state == State.SCHEDULED and not edition.is_visible():
        actions.append("unschedule")
    if can_publish and edition.force_publish_reason and not edition.force_reviewed_by_id:
        actions.append("mark_reviewed")
    if state in (State.PUBLISHED, State.SCHEDULED, State.SUPERSEDED) and user.has_perm("releases.change_edition"):
        actions.append("new_edition")
    if can_publish and state in (State.PUBLISHED, State.SUPERSEDED):
        actions.append("restore")
    if can_publish and release.first_published_at and not release.withdrawn_at and state == State.PUBLISHED:
        actions.append("withdraw")
    return actions


class EditionWorkflowMixin:
    """Mixed into EditionAdmin: workflow buttons, preview, history and diff."""

    change_form_template = "admin/releases/edition/change_form.html"

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/workflow/", wrap(self.workflow_view), name="releases_edition_workflow"),
            path("<int:pk>/preview/<str:language>/", wrap(self.preview_view), name="releases_edition_preview"),
            path("<int:pk>/diff/", wrap(self.diff_view), name="releases_edition_diff"),
        ] + super().get_urls()

    def _edition(self, request, pk):
        edition = get_object_or_404(Edition.objects.select_related("release"), pk=pk)
        if not self.has_view_or_change_permission(request, edition):
            raise PermissionDenied
        return edition

    def workflow_view(self, request, pk):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        edition = self._edition(request, pk)
        action = request.POST.get("action", "")
        form = WorkflowForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect("admin:releases_edition_change", edition.pk)
        try:
            result = _transition(action, edition, request.user, form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("admin:releases_edition_change", edition.pk)
        messages.success(request, _("Done: %(action)s.") % {"action": ACTION_LABELS.get(action, action)})
        return redirect("admin:releases_edition_change", result.pk)

    def preview_view(self, request, pk, language):
        edition = self._edition(request, pk)
        if language not in dict(translation.trans_real.get_languages()):
            raise PermissionDenied
        with translation.override(language):
            response = render_preview(request, edition)
            response.render()
        return response

    def diff_view(self, request, pk):
        edition = self._edition(request, pk)
        others = edition.release.editions.exclude(pk=edition.pk).order_by("-number")
        against = others.filter(pk=request.GET.get("against") or 0).first() or others.first()
        rows = edition_diff(against, edition) if against else []
        return TemplateResponse(request, "admin/releases/edition/diff.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta, "edition": edition,
            "against": against, "others": others, "rows": rows, "title": _("Changes"),
        })

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context.update(self._workflow_context(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _workflow_context(self, request, edition):
        release = edition.release
        return {
            "workflow_actions": [(a, ACTION_LABELS[a]) for a in available_actions(edition, request.user)],
            "workflow_form": WorkflowForm(),
            "workflow_url": reverse("admin:releases_edition_workflow", args=[edition.pk]),
            "release_editions": release.editions.select_related("author", "reviewer").order_by("-number"),
            "audit_entries": release.audit_entries.select_related("user", "edition")[:30],
            "stale_fields": [Edition._meta.get_field(name).verbose_name for name in edition.changed_source_fields("en")]
            if edition.is_stale_in("en") else [],
            "share_url": request.build_absolute_uri(preview_url(edition)),
            "zone_name": zone_name(),
            "is_live_release": release.first_published_at is not None,
        }


ACTION_LABELS = {
    "submit": gettext_lazy("Submit for review"),
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
