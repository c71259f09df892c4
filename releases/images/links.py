"""The address of every uploaded image the public pages, feeds and API show.

Everything goes through `file_url()`, and it through the media view
(`releases.media`), which checks visibility: inside a shared preview the
address carries the preview's own token, so it dies with the link.
"""


def file_url(name, *, request=None, absolute=False):
    """The address of the stored file `name`; with `absolute`, with the scheme and host of `request`."""
    from releases.media import media_url

    url = media_url(name, preview_token=getattr(request, "preview_token", None))
    if absolute and request is not None and url.startswith("/"):
        return request.build_absolute_uri(url)
    return url
