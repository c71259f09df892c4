"""The admin for email alerts: subscribers, their scopes, and the delivery log.

Subscribers only ever come in through double opt-in, so nobody adds or edits
one here: Editors look, export, suppress and delete.
"""

import csv
from collections import defaultdict

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy as _, ngettext

from .alerts import scopes
from .alerts.subscriptions import subscriber_suppress
from .models import Delivery, Release, Scope, Subscriber


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]


class ScopeInline(ReadOnlyMixin, admin.TabularInline):
    model = Scope
    fields = ("kind", "speaker", "programme", "release_kind", "added_at")
    extra = 0
    can_delete = False


def _safe_cell(value):
    # A cell starting with one of these is run as a formula by spreadsheet programs.
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@admin.register(Subscriber)
class SubscriberAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("email", "language_names", "scope_names", "confirmed_at", "suppressed_at")
    list_filter = (("suppressed_at", admin.EmptyFieldListFilter),)
    search_fields = ("email",)
    inlines = [ScopeInline]
    actions = ["suppress", "export_csv"]
    change_list_template = "admin/releases/subscriber/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("scopes__speaker", "scopes__programme")

    def has_change_permission(self, request, obj=None):
        # Nothing is edited by hand; "change" is the permission to suppress.
        return False if obj is not None else super().has_change_permission(request, obj)

    @admin.display(description=_("languages"))
    def language_names(self, subscriber):
        names = dict(settings.LANGUAGES)
        return ", ".join(str(names[code]) for code in subscriber.language_codes if code in names)

    @admin.display(description=_("alerts for"))
    def scope_names(self, subscriber):
        return "; ".join(str(scope) for scope in subscriber.scopes.all())

    @admin.action(description=_("Suppress: never send anything to these addresses again"), permissions=["suppress"])
    def suppress(self, request, queryset):
        now = timezone.now()
        for subscriber in queryset.filter(suppressed_at__isnull=True):
            subscriber_suppress(subscriber=subscriber, now=now)
        self.message_user(request, gettext("The addresses are suppressed."), messages.SUCCESS)

    def has_suppress_permission(self, request):
        return request.user.has_perm("releases.change_subscriber")

    @admin.action(description=_("Export as CSV"), permissions=["export"])
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="subscribers.csv"'
        response.write("\ufeff")  # so spreadsheet programs read the Arabic names as UTF-8
        writer = csv.writer(response)
        writer.writerow([gettext("email address"), gettext("languages"), gettext("alerts for"),
                         gettext("confirmed at"), gettext("suppressed at")])
        for subscriber in queryset:
            writer.writerow([_safe_cell(value) for value in (
                subscriber.email, ",".join(subscriber.language_codes), self.scope_names(subscriber),
                subscriber.confirmed_at.isoformat() if subscriber.confirmed_at else "",
                subscriber.suppressed_at.isoformat() if subscriber.suppressed_at else "",
            )])
        return response

    def has_export_permission(self, request):
        return request.user.has_perm("releases.export_subscriber")

    def get_urls(self):
        counts = self.admin_site.admin_view(self.counts_view)
        return [path("counts/", counts, name="releases_subscriber_counts"), *super().get_urls()]

    def counts_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        languages = [code for code, _name in settings.LANGUAGES]
        rows = defaultdict(lambda: {"total": 0, **{code: 0 for code in languages}})
        receiving = Scope.objects.filter(subscriber__in=Subscriber.objects.receiving())
        for item in receiving.values("key", "subscriber__languages").annotate(n=Count("pk")):
            row = rows[item["key"]]
            row["total"] += item["n"]
            for code in languages:
                if f",{code}," in item["subscriber__languages"]:
                    row[code] += item["n"]
        table = sorted(
            ({"scope": scopes.describe(key) or key, "total": row["total"], "by_language": [row[c] for c in languages]}
             for key, row in rows.items()),
            key=lambda row: -row["total"],
        )
        context = {
            **self.admin_site.each_context(request), "opts": self.model._meta, "title": gettext("Subscribers per scope"),
            "rows": table, "language_names": [name for _code, name in settings.LANGUAGES],
            "confirmed": Subscriber.objects.receiving().count(),
            "unconfirmed_note": gettext("Unconfirmed sign-ups are not stored, so they are not counted."),
        }
        return TemplateResponse(request, "admin/releases/subscriber/counts.html", context)


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("release", "language", "kind", "subscriber", "status", "attempts", "sent_at", "short_error")
    list_filter = ("status", "kind", "language")
    list_select_related = ("release__live_edition", "subscriber")
    search_fields = ("subscriber__email", "=release__id")
    actions = ["retry"]
    change_list_template = "admin/releases/delivery/change_list.html"

    def lookup_allowed(self, lookup, value, request=None):
        return lookup == "release__id__exact" or super().lookup_allowed(lookup, value, request)

    def has_change_permission(self, request, obj=None):
        return False if obj is not None else super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # A delivery record is personal data: it goes with its subscriber, never in bulk from the log.
        return obj is not None and request.user.has_perm("releases.delete_subscriber")

    @admin.display(description=_("last error"))
    def short_error(self, delivery):
        return delivery.last_error[:120]

    @admin.action(description=_("Send failed messages again"), permissions=["change"])
    def retry(self, request, queryset):
        from .alerts.tasks import send_due

        count = queryset.filter(status=Delivery.Status.FAILED).update(
            status=Delivery.Status.PENDING, attempts=0, next_attempt_at=timezone.now())
        send_due.enqueue()
        self.message_user(request, ngettext("%(count)d message will be sent again.",
                                            "%(count)d messages will be sent again.", count) % {"count": count})

    def get_urls(self):
        by_release = self.admin_site.admin_view(self.by_release_view)
        return [path("by-release/", by_release, name="releases_delivery_by_release"), *super().get_urls()]

    def by_release_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        Status = Delivery.Status
        totals = (
            Delivery.objects.values("release")
            .annotate(**{status: Count("pk", filter=Q(status=status)) for status in Status.values})
            .order_by("-release")[:100]
        )
        releases = Release.objects.select_related("live_edition").in_bulk([row["release"] for row in totals])
        rows = [{"release": releases.get(row["release"]), "id": row["release"],
                 "counts": [row[status] for status in Status.values]} for row in totals]
        context = {
            **self.admin_site.each_context(request), "opts": self.model._meta,
            "title": gettext("Delivery log per release"), "rows": rows, "statuses": Status.choices,
        }
        return TemplateResponse(request, "admin/releases/delivery/by_release.html", context)
