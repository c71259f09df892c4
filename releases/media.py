"""Uploaded files, served only to those who may see them.

A file is public while the edition that uses it is the public edition of a
published release, by the same rule as the pages (`Release.objects.published()`
and `Release.public_edition()`); portraits and logos are public while their
speaker or programme uses them, since those pages are always public. Staff who
may use the admin see every file that a record still uses, and a preview link
reaches its own edition's files only while the link itself is valid. A file
that no record uses (replaced, or its draft deleted) is served to no one.
"""

import logging
import mimetypes
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib import admin
from django.core.files.storage import default_storage
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.http import require_safe

from .addresses import media_path
from .models import Attachment, Edition, Programme, Release, Speaker
from .previews import edition_from_token

logger = logging.getLogger(__name__)
PREVIEW_PARAMETER = "preview"


def media_url(name, *, preview_token=None):
    url = media_path(name)
    return f"{url}?{urlencode({PREVIEW_PARAMETER: preview_token})}" if preview_token else url


def _editions_using(name):
    return Edition.objects.filter(Q(lead_image=name) | Q(attachments__file=name)).distinct()


def _is_used(name):
    return (
        _editions_using(name).exists()
        or Speaker.objects.filter(portrait=name).exists()
        or Programme.objects.filter(logo=name).exists()
    )


def is_public(name, now=None):
    release_ids = _editions_using(name).values("release_id")
    for release in Release.objects.published(now).filter(pk__in=release_ids).with_public_edition(now):
        edition = release.public_edition(now)
        if edition is not None and (edition.lead_image.name == name or edition.attachments.filter(file=name).exists()):
            return True
    return Speaker.objects.filter(portrait=name).exists() or Programme.objects.filter(logo=name).exists()


def _preview_reaches(token, name):
    edition = edition_from_token(token)
    return edition is not None and _editions_using(name).filter(pk=edition.pk).exists()


def _not_found():
    response = HttpResponse(status=404, content_type="text/plain; charset=utf-8")
    add_never_cache_headers(response)
    return response


@require_safe
def serve(request, name):
    # A rendition is served exactly when its original would be.
    from .images.renditions import source_name

    original = source_name(name) or name
    if admin.site.has_permission(request):
        allowed, public = _is_used(original), False
    elif request.GET.get(PREVIEW_PARAMETER):
        allowed, public = _preview_reaches(request.GET[PREVIEW_PARAMETER], original), False
    else:
        allowed = public = is_public(original)
    if not allowed:
        return _not_found()
    try:
        response = _deliver(name)
    except (FileNotFoundError, Http404):
        logger.error("Media file %s is used by a record but missing from storage.", name)
        return _not_found()
    if public:
        patch_cache_control(response, public=True, max_age=settings.PRESSOFFICE_MEDIA_MAX_AGE, immutable=True)
    else:
        add_never_cache_headers(response)
        patch_cache_control(response, private=True, no_store=True)
    return response


def _deliver(name):
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    as_attachment = not content_type.startswith("image/")
    filename = _download_name(name) if as_attachment else None
    mode = settings.PRESSOFFICE_MEDIA_DELIVERY
    if mode == "redirect":
        # S3: the storage signs a URL valid for minutes; the object itself stays private.
        return HttpResponseRedirect(default_storage.url(name))
    if mode == "accel":
        if not default_storage.exists(name):
            raise FileNotFoundError(name)
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.PRESSOFFICE_MEDIA_ACCEL_PREFIX + quote(name)
        if as_attachment:
            response["Content-Disposition"] = FileResponse(b"", as_attachment=True, filename=filename)[
                "Content-Disposition"]
        return response
    return FileResponse(default_storage.open(name, "rb"), content_type=content_type,
                        as_attachment=as_attachment, filename=filename)


def _download_name(name):
    attachment = Attachment.objects.filter(file=name).first()
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    title = (attachment.title if attachment else "") or "attachment"
    cleaned = "".join(c for c in title if c.isalnum() or c in " -_")[:80].strip() or "attachment"
    return f"{cleaned}.{extension}" if extension else cleaned
