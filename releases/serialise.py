"""Public releases as plain data, for the JSON API and the JSON Feed. Text is as stored."""

from django.urls import reverse
from django.utils import translation

from .dates import iso_moment
from .descriptions import describe
from .images import file_url, renditions_for

SOCIAL_WIDTH = 1200


def absolute(request, path):
    return request.build_absolute_uri(path)


def _url_in(release, language):
    with translation.override(language):
        return release.get_absolute_url()


def image(edition, request):
    """The lead image: the large JPEG, and every rendition for those who choose their own; None without one."""
    renditions = renditions_for(edition.lead_image.name) if edition.lead_image else None
    if renditions is None:
        return None
    main = renditions.closest("jpeg", SOCIAL_WIDTH)
    return {
        "url": file_url(main.name, request=request, absolute=True),
        "width": main.width, "height": main.height,
        "alt": edition.lead_image_alt or "", "caption": edition.lead_image_caption or "",
        "renditions": [
            {"url": file_url(item.name, request=request, absolute=True), "width": item.width, "height": item.height,
             "type": f"image/{item.format}"}
            for item in renditions.items
        ],
    }


def release_summary(release, request):
    edition = release.public_edition()
    language = translation.get_language()
    return {
        "id": release.pk,
        "url": absolute(request, release.get_absolute_url()),
        "api_url": absolute(request, reverse("releases:api_detail", kwargs={"pk": release.pk})),
        "language": language,
        "kind": {"code": release.kind, "label": release.get_kind_display()},
        "headline": edition.headline,
        "summary": describe(edition),
        "dateline": {
            "place": edition.dateline_place or "", "source": edition.dateline_source or "",
            "date": edition.dateline_date.isoformat(),
        },
        "first_published_at": iso_moment(release.first_published_at),
        "updated_at": iso_moment(edition.published_at),
        # The other languages the release is published in: only those.
        "languages": {code: absolute(request, _url_in(release, code)) for code in edition.complete_languages()},
        "image": image(edition, request),
    }


def release_detail(release, request, corrections):
    edition = release.public_edition()
    data = release_summary(release, request)
    data.update({
        "occasion": edition.occasion or "",
        "body_html": edition.body or "",
        "speakers": [
            {"name": speaker.name, "honorific": speaker.honorific or "", "post": post.post_title if post else "",
             "url": absolute(request, speaker.get_absolute_url())}
            for speaker, post in edition.speakers_with_posts()
        ],
        "programmes": [
            {"name": programme.name, "short_name": programme.short_name or "",
             "url": absolute(request, programme.get_absolute_url())}
            for programme in edition.programmes.all()
        ],
        "attachments": [
            {"title": attachment.title, "url": file_url(attachment.file.name, request=request, absolute=True)}
            for attachment in edition.attachments.all()
        ],
        "corrections": [
            {"kind": correction.kind, "note": correction.note, "published_at": iso_moment(correction.published_at)}
            for correction in corrections
        ],
    })
    return data
