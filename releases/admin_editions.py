"""The edition form: the only place staff type text, saved through `workflow.edition_update`.

The workflow buttons are submit buttons of this form ("Save and submit",
"Save and publish…"), so typed text is always saved first, through the same
service, in the same transaction as the transition. A refusal (a conflict,
a rule) is shown on the form with the person's own text still in it.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.shortcuts import redirect
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext, gettext_lazy as _
from modeltranslation.utils import get_language_bidi
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from . import workflow
from .admin_workflow import ACTION_DONE, EditionWorkflowMixin, form_actions
from .models import Attachment, Edition, Release
from .models.querysets import REQUIRED_TRANSLATED_FIELDS, SOURCE_LANGUAGE, complete_q, translation_languages
from .models.releases import default_dateline_source
from .sanitise import RICH_TEXT_TAGS, rich_text_field, sanitise_field
from .search.admin import AnalyzedSearchMixin
from .templatetags.press import moment
from .workflow import rules


class Refused(Exception):
    """A service refused a save; the form is shown again with this error and the person's text."""

    def __init__(self, error):
        super().__init__(error)
        self.error = error if isinstance(error, ValidationError) else ValidationError(str(error))


class RefusalMixin:
    """Saves go through services; a refusal rolls the save back and re-renders the bound form."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except Refused as refusal:
            # The first pass's transaction is rolled back; the second shows the same POST with the error.
            request.service_refusal = refusal.error
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        refusal = getattr(request, "service_refusal", None)
        if refusal is None:
            return form

        class RefusedForm(form):
            def clean(self):
                super().clean()
                raise refusal

        return RefusedForm

    def has_change_permission(self, request, obj=None):
        # A POST always reaches the form, so that a refusal keeps the text; the service decides.
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed or request.method == "POST":
            return allowed
        return self.may_change(request.user, obj)


class BidiFieldsMixin:
    """Arabic inputs are right-to-left and English ones left-to-right, whatever the admin's language."""

    def patch_translation_field(self, db_field, field, request, **kwargs):
        from modeltranslation.utils import get_language_bidi

        super().patch_translation_field(db_field, field, request, **kwargs)
        language = getattr(db_field, "language", None)
        if language:
            widget = getattr(field.widget, "widget", field.widget)
            widget.attrs.update(lang=language, dir="rtl" if get_language_bidi(language) else "ltr")

    class Media:
        css = {"all": ("releases/admin.css",)}
        js = ("releases/admin.js",)


class AttachmentInline(BidiFieldsMixin, TranslationTabularInline):
    model = Attachment
    extra = 0

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and request.user.has_perm(rules.SOURCE_PERMISSION)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and request.user.has_perm(rules.SOURCE_PERMISSION)

    def get_readonly_fields(self, request, obj=None):
        allowed = rules.attachment_fields(request.user)
        names = ["file", *rules.columns("title", [code for code, _name in settings.LANGUAGES])]
        return [name for name in names if name not in allowed]


class CompletenessFilter(admin.SimpleListFilter):
    title = _("English")
    parameter_name = "english"

    def lookups(self, request, model_admin):
        return [("complete", _("Complete")), ("missing", _("Missing or incomplete")), ("stale", _("Stale"))]

    def queryset(self, request, queryset):
        if self.value() == "complete":
            return queryset.filter(complete_q("en"))
        if self.value() == "missing":
            return queryset.exclude(complete_q("en"))
        if self.value() == "stale":
            return queryset.filter(stale_languages__contains="en")
        return queryset


class EditionForm(forms.ModelForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=Release.Kind.choices, initial=Release.Kind.NEWS)
    # Rendered by the template, not in a fieldset: it carries the version this person loaded.
    seen_version = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Edition
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        required = {f"{name}_{code}": code for name in REQUIRED_TRANSLATED_FIELDS for code, _name in settings.LANGUAGES}
        for name, field in self.fields.items():
            widget = getattr(field.widget, "widget", field.widget)
            rich = rich_text_field(name)
            if rich:
                # The stored HTML as it is: edition_form.js turns the textarea into the rich-text editor
                # (the summary's with fewer tools), which writes back only when the person changes the
                # text, so an untouched field round-trips.
                widget.attrs.update(rows=16 if rich == "body" else 4,
                                    **{"data-rich-text": name.rsplit("_", 1)[1], "data-rich-text-tools": rich})
            if name in required:
                # Counted, as the person types, by edition_form.js: "English: 2 of 3 required fields".
                widget.attrs["data-required-in"] = required[name]
        if self.instance.pk:
            self.fields.pop("kind")
            self.fields["seen_version"].initial = self.instance.version
        else:
            for code, _name in settings.LANGUAGES:
                field = self.fields.get(f"dateline_source_{code}")
                if field is not None:
                    field.initial = default_dateline_source(code)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            # Shown at the top of the form: the hidden field has no place of its own to show an error.
            cleaned["seen_version"] = workflow.parse_version(cleaned.get("seen_version"))
            if cleaned["seen_version"] is None:
                raise ValidationError(gettext("This page is out of date or incomplete: your text is below. Copy "
                                              "it, open the edition again, and paste it back."), code="no_version")
        return cleaned

    def edition_data(self):
        """What the person typed, as the edit service takes it."""
        return {name: value for name, value in self.cleaned_data.items() if name not in ("kind", "seen_version")}


def attachment_changes(formsets):
    changes = []
    for formset in formsets:
        if formset.model is not Attachment:
            continue
        for form in formset.forms:
            pk = form.instance.pk
            delete = bool(pk) and formset.can_delete and formset._should_delete_form(form)
            if not (delete or form.has_changed()):
                continue
            fields = {name: form.cleaned_data.get(name) for name in form.changed_data
                      if name not in ("id", "edition", "DELETE")}
            changes.append({"pk": pk, "fields": fields, "delete": delete})
    return changes


def _shown_name(column):
    return f"{column}_shown"


# Rich text that a person may read but not change is shown as the HTML it is, not as its tags:
# "body_ar_shown" shows "body_ar" (an admin display method for each, made in `_rich_text_displays`).
READONLY_RICH = {_shown_name(f"{name}_{code}"): f"{name}_{code}"
                 for name in RICH_TEXT_TAGS for code, _language in settings.LANGUAGES}


def _column(name):
    """("headline", "en") for a translated column, (None, None) for anything else."""
    name = READONLY_RICH.get(name, name)
    base, _sep, code = name.rpartition("_")
    if base in rules.translated_fields() and code in dict(settings.LANGUAGES):
        return base, code
    return None, None


def completeness(form, edition, code):
    """How many of the fields a language needs are filled, from what the form shows (typed or stored)."""
    names = [f"{name}_{code}" for name in REQUIRED_TRANSLATED_FIELDS]
    filled = 0
    for name in names:
        if name in form.fields:
            value = form[name].value()
        else:
            value = getattr(edition, name, "") if edition is not None else ""
        filled += bool((value or "").strip())
    return filled, len(names)


def bilingual_layout(adminform, edition=None):
    """The form's fieldsets as rows: one row per translated field, one cell per language, Arabic first.

    The template puts the source language on the right and the translation on the left on wide
    screens, and stacks them (source first) on a phone. A cell of the source language that changed
    since a translation was made is marked, with the text the translation was made from.
    """
    languages = [(code, name) for code, name in settings.LANGUAGES]
    form = adminform.form
    changed = {}
    if edition is not None:
        for code in translation_languages():
            if edition.is_stale_in(code):
                basis = edition.translation_basis.get(code, {})
                for name in edition.changed_source_fields(code):
                    old = basis.get(name, "")
                    # Rich text is HTML (sanitised when it was saved, and again here); the rest is text.
                    old = mark_safe(sanitise_field(name, old)) if name in RICH_TEXT_TAGS and old else old
                    changed.setdefault(name, []).append((dict(languages)[code], old))
    sections = []
    for fieldset in adminform:
        rows, pairs = [], {}
        for line in fieldset:
            for field in line:
                name = field.field["name"] if field.is_readonly else field.field.name
                base, code = _column(name)
                if base is None:
                    rows.append({"single": field})
                    continue
                if base not in pairs:
                    pairs[base] = {"name": base, "cells": {},
                                   "label": capfirst(Edition._meta.get_field(base).verbose_name)}
                    rows.append(pairs[base])
                pairs[base]["cells"][code] = field
        for row in rows:
            if "cells" not in row:
                continue
            row["cells"] = [
                {"code": code, "language": language, "field": row["cells"][code],
                 "dir": "rtl" if get_language_bidi(code) else "ltr", "source": code == SOURCE_LANGUAGE,
                 "required": row["name"] in REQUIRED_TRANSLATED_FIELDS,
                 "changed": changed.get(row["name"], []) if code == SOURCE_LANGUAGE else [],
                 "filled": bool((getattr(edition, f"{row['name']}_{code}", "") or "").strip()) if edition else False}
                for code, language in languages if code in row["cells"]
            ]
        sections.append({"fieldset": fieldset, "rows": rows,
                         "bilingual": any("cells" in row for row in rows)})
    counts = []
    for code, language in languages:
        filled, total = completeness(form, edition, code)
        counts.append({"code": code, "language": language, "filled": filled, "total": total})
    return {"sections": sections, "completeness": counts, "languages": languages, "source_language": SOURCE_LANGUAGE}


class EditionAdmin(AnalyzedSearchMixin, RefusalMixin, EditionWorkflowMixin, BidiFieldsMixin, TranslationAdmin):
    form = EditionForm
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 4})}}
    list_display = ("headline_ar", "headline_en", "number", "status", "dateline_date", "english_status", "updated_at")
    list_filter = ("state", "release__kind", CompletenessFilter, "programmes", "speakers")
    search_fields = ("headline_ar", "headline_en", "dateline_place_ar", "dateline_place_en")
    list_select_related = ("release",)
    autocomplete_fields = ("speakers", "programmes")
    inlines = [AttachmentInline]
    readonly_fields = ("status", "release_link", "number", "author", "public_from")
    fieldsets = [
        (None, {"fields": ("kind", "headline", "summary", "dateline_place", "dateline_source", "dateline_date",
                           "occasion")}),
        (_("Body"), {"fields": ("body",)}),
        (_("Speakers and programmes"), {"fields": ("speakers", "programmes")}),
        (_("Lead image"), {"fields": ("lead_image", "lead_image_alt", "lead_image_caption"), "classes": ("collapse",)}),
        (_("Change note"), {"fields": ("change_note",)}),
        (_("Status"), {"fields": ("status", "release_link", "number", "author", "public_from")}),
    ]

    def may_change(self, user, edition):
        return rules.allows(rules.check_edit, user, edition)

    @admin.display(description=_("state"), ordering="state")
    def status(self, obj):
        return obj.status_label()

    @admin.display(description=_("Release"))
    def release_link(self, obj):
        return format_html("#{}", obj.release_id) if obj.release_id else "—"

    @admin.display(description=_("public from"))
    def public_from(self, obj):
        return moment(obj.published_at) or "—"

    @admin.display(description=_("English"))
    def english_status(self, obj):
        if obj.is_stale_in("en"):
            return gettext("Stale")
        return gettext("Complete") if obj.is_complete_in("en") else gettext("Missing")

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or rules.allows(rules.check_delete, request.user, obj))

    def get_actions(self, request):
        # Drafts are deleted one at a time, through the service and its confirmation page.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def get_fieldsets(self, request, obj=None):
        # Built anew for each request: the class-level fieldsets are shared by every request.
        # Rich text that this person can't change is shown as it will look: a Translator reads the
        # Arabic body and summary that way, beside the English they write.
        allowed = set(rules.editable_fields(request.user))
        if obj is not None and not self.has_change_permission(request, obj):
            allowed = set()
        swaps = {column: shown for shown, column in READONLY_RICH.items() if column not in allowed}
        fieldsets = []
        for title, options in super().get_fieldsets(request, obj):
            fields = [swaps.get(name, name) for name in options["fields"] if not (obj and name == "kind")]
            fieldsets.append((title, {**options, "fields": fields}))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj)) + list(READONLY_RICH)
        allowed = rules.editable_fields(request.user)
        languages = [code for code, _name in settings.LANGUAGES]
        candidates = [column for name in rules.translated_fields() for column in rules.columns(name, languages)]
        return readonly + [name for name in candidates + list(rules.SHARED_FIELDS) if name not in allowed]

    def get_changeform_initial_data(self, request):
        # ?speakers=1,2 pre-fills the add form; anything that isn't an id is dropped, not a 500.
        initial = super().get_changeform_initial_data(request)
        for name in ("speakers", "programmes"):
            if name in initial:
                initial[name] = [value for value in initial[name] if str(value).isdigit() and len(str(value)) < 18]
        return initial

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["bilingual"] = bilingual_layout(context["adminform"], obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        """Nothing here: the edition is saved in save_related, with its attachments, in one service call."""

    def save_related(self, request, form, formsets, change):
        data, attachments = form.edition_data(), attachment_changes(formsets)
        try:
            if change:
                saved = workflow.edition_update(edition=form.instance, user=request.user, data=data,
                                                attachments=attachments, seen_version=form.cleaned_data["seen_version"])
            else:
                saved = workflow.edition_create(user=request.user, kind=form.cleaned_data["kind"], data=data,
                                                attachments=attachments)
            request.edition_action = self._run_form_action(request, saved)
        except (ValidationError, PermissionDenied) as error:
            raise Refused(error) from error
        form.instance.pk, form.instance.release_id = saved.pk, saved.release_id
        form.instance.version, form.instance.state = saved.version, saved.state

    def _run_form_action(self, request, edition):
        """The transition a "Save and …" button asked for, right after the save, in its transaction."""
        action = request.POST.get("_workflow", "")
        if not action:
            return ""
        if action not in form_actions(request.user, edition):
            raise PermissionDenied(gettext("That action is not available to you for this edition now."))
        if action == "submit":
            workflow.edition_submit(edition=edition, user=request.user, seen_version=edition.version)
        elif action == "recall":
            workflow.edition_recall(edition=edition, user=request.user, seen_version=edition.version)
        elif action == "mark_translated":
            workflow.edition_mark_translated(edition=edition, user=request.user, seen_version=edition.version)
        return action

    def construct_change_message(self, request, form, formsets, add=False):
        return [{"added": {}}] if add else [{"changed": {"fields": sorted(form.changed_data)}}]

    def _after_save(self, request, obj):
        action = getattr(request, "edition_action", "")
        if action in ACTION_DONE:
            messages.success(request, ACTION_DONE[action])
        elif request.POST.get("_workflow"):
            messages.info(request, gettext("Saved. Check the details below, then confirm."))
            return redirect("admin:releases_edition_action", obj.pk, request.POST["_workflow"])
        else:
            messages.success(request, gettext("Saved."))
        return redirect("admin:releases_edition_change", obj.pk)

    def response_add(self, request, obj, post_url_continue=None):
        return self._after_save(request, obj)

    def response_change(self, request, obj):
        return self._after_save(request, obj)

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if request.method == "POST" and obj is not None and request.POST.get("post"):
            if not self.has_delete_permission(request, obj):
                raise PermissionDenied
            try:
                workflow.edition_delete(edition=obj, user=request.user,
                                        seen_version=workflow.parse_version(request.POST.get("seen_version")) or 0)
            except (ValidationError, PermissionDenied) as error:
                for message in getattr(error, "messages", [str(error)]):
                    messages.error(request, message)
                return redirect("admin:releases_edition_change", obj.pk)
            messages.success(request, gettext("The draft was deleted. Its history is kept."))
            return redirect("admin:releases_edition_changelist")
        extra_context = {**(extra_context or {}), "seen_version": obj.version if obj else ""}
        return super().delete_view(request, object_id, extra_context)

    def get_urls(self):
        return self.workflow_urls() + super().get_urls()


def _rich_text_displays():
    """An admin display method for each rich-text column: its stored HTML, in its language and direction."""
    for shown, column in READONLY_RICH.items():
        base, code = column.rsplit("_", 1)

        def display(self, obj, column=column, code=code):
            # Sanitised on save, so it can be shown as the HTML it is.
            return format_html('<div lang="{}" dir="{}" class="rich-text-shown">{}</div>', code,
                               "rtl" if get_language_bidi(code) else "ltr", mark_safe(getattr(obj, column) or ""))

        label = capfirst(Edition._meta.get_field(base).verbose_name)
        setattr(EditionAdmin, shown, admin.display(description=format_lazy("{} [{}]", label, code))(display))


_rich_text_displays()
