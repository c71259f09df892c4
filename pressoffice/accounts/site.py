"""The admin site: a second factor for those who need one, and a way to set it up."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from .forms import StaffLoginForm
from .otp import has_second_factor, needs_second_factor


class StaffAdminSite(admin.AdminSite):
    site_header = _("Media Office")
    site_title = _("Media Office")
    index_title = _("Releases and statements")
    login_form = StaffLoginForm

    def has_permission(self, request):
        """Staff who must use a second factor see nothing until this session has passed one."""
        return super().has_permission(request) and not needs_second_factor(request)

    def login(self, request, extra_context=None):
        user = request.user
        if user.is_authenticated and user.is_active and user.is_staff and needs_second_factor(request):
            if not has_second_factor(user):
                return redirect("admin:two_factor")
            # Signed in with a password before a second factor was required: start again with both.
            logout(request)
        return super().login(request, extra_context)

    def get_urls(self):
        from . import views

        return [
            path("account/two-factor/", views.two_factor, {"site": self}, name="two_factor"),
        ] + super().get_urls()

    def each_context(self, request):
        context = super().each_context(request)
        context["two_factor_url"] = reverse("admin:two_factor", current_app=self.name)
        context["form_size_limit"] = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        context["form_size_limit_mb"] = max(1, settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024))
        return context
