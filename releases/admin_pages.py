from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from .admin_editions import BidiFieldsMixin
from .models import Page


@admin.register(Page)
class PageAdmin(BidiFieldsMixin, TabbedTranslationAdmin):
    """About and Contact: two standing pages, changed in place; the public sees a language once it has text."""

    list_display = ("title", "slug", "updated_at")
    fields = ("slug", "title", "body")

    def get_readonly_fields(self, request, obj=None):
        return ("slug",) if obj else ()

    def has_delete_permission(self, request, obj=None):
        return False
