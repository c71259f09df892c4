from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from . import workflow
from .admin_editions import BidiFieldsMixin, EditionAdmin, Refused, RefusalMixin
from .models import Appointment, AuditEntry, Edition, Organisation, Programme, Release, Speaker
from .search.admin import AnalyzedSearchMixin
from .workflow import rules


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


class ReleaseAdmin(AnalyzedSearchMixin, RefusalMixin, BidiFieldsMixin, TabbedTranslationAdmin):
    """Kind and address only; the text lives in editions. Changes go through `workflow.release_update`."""

    list_display = ("headline", "kind", "first_published_at", "withdrawn_at")
    list_filter = ("kind", ("withdrawn_at", admin.EmptyFieldListFilter))
    search_fields = ("editions__headline_ar", "editions__headline_en")
    fields = ("kind", "slug", "first_published_at", "withdrawn_at", "withdrawal_notice")
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

    def may_change(self, user, release):
        return rules.allows(rules.check_release_change, user, release)

    def has_add_permission(self, request):
        # A release is born with its first edition: "Add edition" creates both.
        return False

    def has_delete_permission(self, request, obj=None):
        # Drafts are deleted through their edition; a published release is withdrawn, never deleted.
        return False

    def save_model(self, request, obj, form, change):
        try:
            workflow.release_update(release=obj, user=request.user, kind=form.cleaned_data.get("kind"),
                                    slug=form.cleaned_data.get("slug"))
        except (PermissionDenied, ValidationError) as error:
            raise Refused(error) from error


class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "release_id", "edition_number", "subject", "action", "from_state", "to_state", "user")
    list_filter = ("action",)
    list_select_related = ("user",)

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
