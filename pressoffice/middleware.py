"""Input and headers, handled once for every request instead of view by view."""

from django.conf import settings
from django.http import Http404
from django.urls import reverse

from .errors import bad_request_page


class HostileInputMiddleware:
    """NUL bytes never reach a view or the database.

    PostgreSQL refuses a NUL in any text value (a DataError, so a 500), and
    nothing legitimate puts one in an address. A NUL in the path is a page
    that doesn't exist; one in the query string gets a 400 that says why.
    Form fields are checked by Django's own form validation, which keeps
    the typed text and shows an error beside the field.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info:
            raise Http404("NUL in path")
        if any("\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()):
            return bad_request_page(request, reason="nul")
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Permissions-Policy everywhere; the admin is never indexed, whatever its address."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._admin_root = None

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if self._admin_root is None:
            self._admin_root = reverse("admin:index")
        if request.path_info.startswith(self._admin_root):
            response.setdefault("X-Robots-Tag", "noindex, nofollow")
        return response
