"""Error pages that explain themselves, in the reader's language."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost, RequestDataTooBig, TooManyFieldsSent
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers


def bad_request_page(request, *, reason, status=400):
    try:
        request.get_host()
    except DisallowedHost:
        # A host we don't serve: the page's links (canonical, language versions) name our own site,
        # never the host that was asked for, and building them doesn't fail a second time.
        site = urlsplit(settings.SITE_URL)
        request.META.pop("HTTP_X_FORWARDED_HOST", None)
        request.META["HTTP_HOST"] = site.netloc
        request.META["wsgi.url_scheme"] = site.scheme or "https"
        if hasattr(request, "_cached_host"):
            del request._cached_host
    response = TemplateResponse(request, "400.html", {
        "reason": reason,
        "limit_mb": max(1, settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)),
        "field_limit": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
    }, status=status)
    response.render()
    add_never_cache_headers(response)
    return response


def bad_request(request, exception=None):
    """handler400: a form over the size limit gets a 413 that says what the limit is."""
    if isinstance(exception, RequestDataTooBig):
        return bad_request_page(request, reason="too_big", status=413)
    if isinstance(exception, TooManyFieldsSent):
        return bad_request_page(request, reason="too_many_fields", status=413)
    return bad_request_page(request, reason="other")
