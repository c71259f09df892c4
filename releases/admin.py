from django import forms
from django.contrib import admin
from django.db import transaction
from django.db import models
from django.db.models import F, OuterRef, Subquery
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline
from modeltranslation.utils import get_language_bidi

from .admin_workflow import EditionWorkflowMixin
from .models import Appointment, Attachment, AuditEntry, Edition, Organisation, Programme, Release, Speaker
from .models.querysets import complete_q
from .models.releases import default_dateline_source
from .sanitise import paragraphs_to_text
from .search.admin import AnalyzedSearchMixin
from .templatetags.press import moment
from .states import EDITABLE_STATES, State

SOURCE_PERMISSION = "releases.edit_source_edition"


class BidiFieldsMixin:
    """Arabic inputs are right-to-left and English ones left-to-right, whatever the admin's language."""

    def patch_translation_field(self, db_field, field, request, **kwargs):
        super().patch_translation_field(db_field, field, request, **kwargs)
        language = getattr(db_field, "language", None)
        if language:
            widget = getattr(field.widget, "widget", field.widget)
            widget.attrs.update(lang=language, dir="rtl" if get_language_bidi(language) else "ltr")

    class Media:
        css = {"all": ("releases/admin.css",)}
        js = ("releases/admin.js",)


class OrganisationAdmin(BidiFieldsMixin, TabbedTranslationAdmin):
    list_display = ("name", "acronym", "website")
    search_fields = ("name_ar", "name_en", "acronym_ar", "acronym_en")


class AppointmentInline(BidiFieldsMixin, TranslationTabularInline):
    model = Appointment
    extra = 0
    autocomplete_fields = ("organisation",)


class SpeakerAdmin(BidiFieldsMixin, TabbedTranslationAdmin):
    list_display = ("name", "honorific", "slug")
    search_fields = ("name_ar", "name_en")
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = [AppointmentInline]


class ProgrammeAdmin(BidiFieldsMixin, TabbedTranslationAdmin):
    list_display = ("name", "short_name", "is_active", "is_featured")
    list_filter = ("is_active", "is_featured")
    search_fields = ("name_ar", "name_en", "short_name_ar", "short_name_en")
    prepopulated_fields = {"slug": ("name_en",)}
    filter_horizontal = ("partners",)


class AttachmentInline(BidiFieldsMixin, TranslationTabularInline):
    model = Attachment
    extra = 0


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
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Edition
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name.startswith("body_"):
                getattr(field.widget, "widget", field.widget).attrs["rows"] = 16
                # Writers edit paragraphs as plain text; the HTML is rebuilt on save.
                self.initial[name] = paragraphs_to_text(self.initial.get(name))
        if self.instance.pk:
            self.fields.pop("kind")
            self.fields["loaded_version"].initial = self.instance.version
        else:
            for language in ("ar", "en"):
                field = self.fields.get(f"dateline_source_{language}")
                if field is not None:
                    field.initial = default_dateline_source(language)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and not getattr(self, "can_edit_source", True):
            tampered = [
                name for name, value in self.data.items()
                if name.endswith("_ar") and hasattr(self.instance, name)
                and " ".join(str(value).split()) != " ".join(str(getattr(self.instance, name) or "").split())
            ]
            if tampered:
                raise forms.ValidationError(
                    gettext("You may change only the English text. Changed Arabic fields: %(fields)s")
                    % {"fields": ", ".join(tampered)},
                    code="source_forbidden",
                )
        if self.instance.pk and cleaned.get("loaded_version") is not None:
            current = Edition.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if current != cleaned["loaded_version"]:
                raise forms.ValidationError(
                    gettext(
                        "Someone else saved this edition while you were editing it. Your changes have "
                        "not been saved: they are shown below so that you can copy them. Open the "
                        "edition again in a new tab to see the other changes, merge, and save."
                    ),
                    code="conflict",
                )
        return cleaned


class EditionAdmin(AnalyzedSearchMixin, EditionWorkflowMixin, BidiFieldsMixin, TabbedTranslationAdmin):
    form = EditionForm
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 4})}}
    list_display = ("headline_ar", "headline_en", "number", "state", "dateline_date", "english_status", "updated_at")
    list_filter = ("state", "release__kind", CompletenessFilter, "programmes", "speakers")
    search_fields = ("headline_ar", "headline_en", "dateline_place_ar", "dateline_place_en")
    list_select_related = ("release",)
    autocomplete_fields = ("speakers", "programmes")
    inlines = [AttachmentInline]
    readonly_fields = ("state", "release_link", "number", "author", "public_from")
    fieldsets = [
        (None, {"fields": ("kind", "loaded_version", "headline", "summary", "dateline_place", "dateline_source", "dateline_date", "occasion")}),
        (_("Body"), {"fields": ("body",)}),
        (_("Speakers and programmes"), {"fields": ("speakers", "programmes")}),
        (_("Lead image"), {"fields": ("lead_image", "lead_image_alt", "lead_image_caption"), "classes": ("collapse",)}),
        (_("Change note"), {"fields": ("change_note",)}),
        (_("Status"), {"fields": ("state", "release_link", "number", "author", "public_from")}),
    ]

    @admin.display(description=_("Release"))
    def release_link(self, obj):
        return format_html("#{}", obj.release_id) if obj.release_id else "—"

    @admin.display(description=_("Body [ar]"))
    def arabic_body(self, obj):
        # The body is sanitised on save, so it can be shown as the HTML it is.
        return format_html('<div lang="ar" dir="rtl" class="arabic-source">{}</div>', mark_safe(obj.body_ar or ""))

    @admin.display(description=_("Body [en]"))
    def english_body(self, obj):
        return format_html('<div lang="en" dir="ltr">{}</div>', mark_safe(obj.body_en or ""))

    @admin.display(description=_("public from"))
    def public_from(self, obj):
        return moment(obj.published_at) or "—"

    @admin.display(description=_("English"))
    def english_status(self, obj):
        if obj.is_stale_in("en"):
            return gettext("Stale")
        return gettext("Complete") if obj.is_complete_in("en") else gettext("Missing")

    def has_change_permission(self, request, obj=None):
        # A published edition is never changed again: a change is a new edition.
        if obj is not None and obj.state not in EDITABLE_STATES:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # Published releases are never hard-deleted; only drafts can go.
        if obj is not None and obj.state != State.DRAFT:
            return False
        return super().has_delete_permission(request, obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None:
            fieldsets[0][1]["fields"] = [f for f in fieldsets[0][1]["fields"] if f != "kind"]
        swaps = {}
        if obj is not None and not self.has_change_permission(request, obj):
            swaps = {"body_ar": "arabic_body", "body_en": "english_body"}
        elif not request.user.has_perm(SOURCE_PERMISSION):
            # Translators read the Arabic body as it will look, beside the English they write.
            swaps = {"body_ar": "arabic_body"}
        if swaps:
            fieldsets = [
                (title, {**options, "fields": [swaps.get(f, f) for f in options["fields"]]})
                for title, options in fieldsets
            ]
        return fieldsets

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.can_edit_source = request.user.has_perm(SOURCE_PERMISSION)
        return form

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj)) + ["arabic_body", "english_body"]
        if not request.user.has_perm(SOURCE_PERMISSION):
            # Translators change the English and nothing else.
            from modeltranslation.translator import translator

            translated = translator.get_options_for_model(Edition).fields
            readonly += [f"{name}_ar" for name in translated]
            readonly += ["speakers", "programmes", "dateline_date", "lead_image"]
        return readonly

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            if not change:
                obj.release = Release.objects.create(kind=form.cleaned_data["kind"])
                obj.author = request.user
            else:
                locked = Edition.objects.select_for_update().get(pk=obj.pk)
                if locked.version != form.cleaned_data.get("loaded_version", locked.version):
                    raise RuntimeError("edition changed between validation and save")
                obj.version = F("version") + 1
            changed_translations = {
                name.rsplit("_", 1)[1] for name in form.changed_data if name.endswith("_en")
            }
            obj.refresh_translation_status(changed_translations)
            super().save_model(request, obj, form, change)
            obj.refresh_from_db(fields=["version"])


class ReleaseAdmin(AnalyzedSearchMixin, BidiFieldsMixin, TabbedTranslationAdmin):
    list_display = ("headline", "kind", "first_published_at", "withdrawn_at")
    list_filter = ("kind", ("withdrawn_at", admin.EmptyFieldListFilter))
    search_fields = ("editions__headline_ar", "editions__headline_en")
    readonly_fields = ("first_published_at", "withdrawn_at", "withdrawal_notice")

    def get_queryset(self, request):
        latest = Edition.objects.filter(release=OuterRef("pk")).order_by("-number")
        return super().get_queryset(request).annotate(
            latest_headline_ar=Subquery(latest.values("headline_ar")[:1]),
            latest_headline_en=Subquery(latest.values("headline_en")[:1]),
        )

    @admin.display(description=_("headline"))
    def headline(self, obj):
        return obj.latest_headline_ar or obj.latest_headline_en or f"#{obj.pk}"

    def has_add_permission(self, request):
        # A release is born with its first edition: "Add edition" creates both.
        return False

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.first_published_at is not None:
            return False
        return super().has_delete_permission(request, obj)


class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "release", "edition", "action", "from_state", "to_state", "user")
    list_filter = ("action",)
    list_select_related = ("release", "edition", "user")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(Organisation, OrganisationAdmin)
admin.site.register(Speaker, SpeakerAdmin)
admin.site.register(Programme, ProgrammeAdmin)
admin.site.register(Edition, EditionAdmin)
admin.site.register(Release, ReleaseAdmin)
admin.site.register(AuditEntry, AuditEntryAdmin)
admin.site.site_header = _("Media Office")
admin.site.site_title = _("Media Office")
admin.site.index_title = _("Releases and statements")
