from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from . import history, notifications, workflow
from .admin_editions import BidiFieldsMixin, CompletenessFilter, EditionAdmin as EditionFormAdmin, Refused, RefusalMixin
from .admin_queues import QueueFilter
from .dates import format_day, format_moment
from .digits import localise_digits
from .models import Appointment, AuditEntry, Edition, Notification, Organisation, Programme, Release, Speaker
from .templatetags.press_desk import headlines
from .search.admin import AnalyzedSearchMixin
from .workflow import rules


# A website typed without its scheme ("example.org") is taken as https, as Django 6 will.
WEBSITE_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class OrganisationAdmin(BidiFieldsMixin, TabbedTranslationAdmin):
    list_display = ("name", "acronym", "website")
    formfield_overrides = WEBSITE_FIELDS
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
    formfield_overrides = WEBSITE_FIELDS


class ReleaseAdmin(AnalyzedSearchMixin, RefusalMixin, BidiFieldsMixin, TabbedTranslationAdmin):
    """Kind and address only; the text lives in editions. Changes go through `workflow.release_update`."""

    list_display = ("headline", "kind", "first_published", "withdrawn")
    list_filter = ("kind", ("withdrawn_at", admin.EmptyFieldListFilter))
    search_fields = ("editions__headline_ar", "editions__headline_en")
    fields = ("kind", "slug", "first_published", "withdrawn", "withdrawal_notice")
    readonly_fields = ("first_published", "withdrawn", "withdrawal_notice")

    def get_queryset(self, request):
        latest = Edition.objects.filter(release=OuterRef("pk")).order_by("-number")
        return super().get_queryset(request).annotate(
            latest_headline_ar=Subquery(latest.values("headline_ar")[:1]),
            latest_headline_en=Subquery(latest.values("headline_en")[:1]),
        )

    @admin.display(description=_("headline"))
    def headline(self, obj):
        return obj.latest_headline_ar or obj.latest_headline_en or f"#{obj.pk}"

    @admin.display(description=_("first published at"), ordering="first_published_at")
    def first_published(self, obj):
        return format_moment(obj.first_published_at) if obj.first_published_at else "—"

    @admin.display(description=_("withdrawn at"), ordering="withdrawn_at")
    def withdrawn(self, obj):
        return format_moment(obj.withdrawn_at) if obj.withdrawn_at else "—"

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


class EditionAdmin(EditionFormAdmin):
    """The edition list: one headline column that can breathe, the state in words, dates in one style."""

    list_display = ("headline_column", "state_column", "english_column", "dateline_column", "updated_column")
    list_display_links = ("headline_column",)
    list_filter = (QueueFilter, "state", "release__kind", CompletenessFilter, "programmes", "speakers")
    list_select_related = ("release",)
    list_per_page = 50

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Opening the edition is reading what was handed over about it.
        edition_id = workflow.parse_version(object_id)
        if request.method == "GET" and edition_id:
            Notification.objects.for_user(request.user).unread().filter(edition_id=edition_id).update(
                read_at=timezone.now())
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("headline"), ordering="headline_ar")
    def headline_column(self, obj):
        lines = format_html_join("", '<span class="list-headline" lang="{}" dir="{}">{}</span>', headlines(obj))
        return format_html('{}<span class="list-edition">{}</span>', lines,
                           _("edition %(number)s") % {"number": localise_digits(obj.number)})

    # Each cell also names its column, for a phone, where the rows become cards without a header.
    @staticmethod
    def _cell(label, value):
        return format_html('<span class="list-label">{}: </span>{}', label, value)

    @admin.display(description=_("state"), ordering="state")
    def state_column(self, obj):
        return self._cell(_("state"), obj.status_label())

    @admin.display(description=_("English"))
    def english_column(self, obj):
        return self._cell(_("English"), self.english_status(obj))

    @admin.display(description=_("dateline date"), ordering="dateline_date")
    def dateline_column(self, obj):
        return self._cell(_("dateline date"), format_day(obj.dateline_date) if obj.dateline_date else "—")

    @admin.display(description=_("updated at"), ordering="updated_at")
    def updated_column(self, obj):
        return self._cell(_("updated at"), format_moment(obj.updated_at))


class WrittenByTheSiteOnly:
    """A record only the workflow writes: staff read it, nobody adds, changes or deletes it here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuditActionFilter(admin.SimpleListFilter):
    """The actions by name, in the admin's language; only those that happened are offered."""

    title = _("action")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        actions = model_admin.get_queryset(request).order_by().values_list("action", flat=True).distinct()
        return sorted(((code, str(history.ACTION_NAMES.get(code, code))) for code in actions), key=lambda item: item[1])

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


class AuditEntryAdmin(WrittenByTheSiteOnly, admin.ModelAdmin):
    """The audit trail, in words in the admin's language; the codes stay filterable."""

    list_display = ("when", "in_words", "subject", "why")
    list_filter = (AuditActionFilter,)
    list_select_related = ("user",)
    search_fields = ("subject", "reason", "user__username")

    @admin.display(description=_("when"), ordering="at")
    def when(self, obj):
        return format_moment(obj.at)

    @admin.display(description=_("what happened"))
    def in_words(self, obj):
        return history.describe(obj)

    @admin.display(description=_("reason"))
    def why(self, obj):
        return history.reason(obj)



class NotificationAdmin(WrittenByTheSiteOnly, admin.ModelAdmin):
    """Each person's own handoffs. Opening one marks it read and goes to its edition."""

    list_display = ("sentence", "when", "comment", "is_read")
    list_display_links = None  # the sentence links to the edition itself
    list_filter = ("kind", ("read_at", admin.EmptyFieldListFilter))
    list_select_related = ("actor", "edition")

    def get_queryset(self, request):
        return super().get_queryset(request).filter(recipient=request.user)

    @admin.display(description=_("notification"))
    def sentence(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("admin:releases_notification_open", args=[obj.pk]),
                           notifications.sentence(obj))

    @admin.display(description=_("when"), ordering="at")
    def when(self, obj):
        return format_moment(obj.at)

    @admin.display(description=_("read"), boolean=True)
    def is_read(self, obj):
        return obj.read_at is not None

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request) and (obj is None or obj.recipient_id == request.user.pk)


    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/open/", wrap(self.open_view), name="releases_notification_open"),
            path("read/", wrap(self.read_all_view), name="releases_notification_read_all"),
        ] + super().get_urls()

    def open_view(self, request, pk):
        notification = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
        notifications.mark_read(request.user, notification.pk)
        return redirect("admin:releases_edition_change", notification.edition_id)

    def read_all_view(self, request):
        if request.method == "POST":
            notifications.mark_read(request.user)
        return redirect("admin:index")


admin.site.register(Organisation, OrganisationAdmin)
admin.site.register(Speaker, SpeakerAdmin)
admin.site.register(Programme, ProgrammeAdmin)
admin.site.register(Edition, EditionAdmin)
admin.site.register(Release, ReleaseAdmin)
admin.site.register(AuditEntry, AuditEntryAdmin)
admin.site.register(Notification, NotificationAdmin)
# The sidebar repeats the home page's list and takes a quarter of a laptop screen from the lists.
admin.site.enable_nav_sidebar = False
admin.site.site_header = _("Media Office")
admin.site.site_title = _("Media Office")
admin.site.index_title = _("Releases and statements")
