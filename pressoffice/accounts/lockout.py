import math

from django.conf import settings
from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers


def lockout_response(request, original_response=None, credentials=None):
    """The translated lockout page, in the admin's look, with the wait in minutes (HTTP 429)."""
    minutes = math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    response = TemplateResponse(request, "admin/lockout.html", {
        **admin.site.each_context(request), "cooloff_minutes": minutes,
    }, status=429)
    response.render()
    add_never_cache_headers(response)
    return response
