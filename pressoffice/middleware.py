"""Input and headers, handled once for every request instead of view by view."""

from django.conf import settings
from django.http import Http404, QueryDict
from django.urls import reverse


class HostileInputMiddleware:
    """NUL bytes never reach a view or the database.

    PostgreSQL refuses a NUL in any text value (a DataError, so a 500), and
    nothing legitimate puts one in an address. A NUL in the path is a page
    that doesn't exist; in the query string it is dropped, so a filter or a
    form's initial value is read as the (unknown) value it then is.
    Form fields are checked by Django's own form validation, which keeps
    the typed text and shows an error beside the field.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info:
            raise Http404("NUL in path")
        if any("\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()):
            request.GET = _without_nul(request.GET)
            request.META["QUERY_STRING"] = request.GET.urlencode()
        return self.get_response(request)


def _without_nul(query):
    cleaned = QueryDict(mutable=True)
    for key, values in query.lists():
        cleaned.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
    cleaned._mutable = False
    return cleaned


class SecurityHeadersMiddleware:
    """Permissions-Policy on documents; the admin is never indexed, whatever its address.

    Our static files and raster images are not documents: a Permissions-Policy or a CSP on them
    is only some 600 bytes on every asset of every page, so they go without. SVG keeps the CSP.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self._admin_root = None

    def __call__(self, request):
        response = self.get_response(request)
        content_type = response.get("Content-Type", "")
        if request.path_info.startswith(settings.STATIC_URL) or (
                content_type.startswith("image/") and not content_type.startswith("image/svg")):
            response.headers.pop("Content-Security-Policy", None)
        else:
            response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if self._admin_root is None:
            self._admin_root = reverse("admin:index")
        if request.path_info.startswith(self._admin_root):
            response.setdefault("X-Robots-Tag", "noindex, nofollow")
        return response
