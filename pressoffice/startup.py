from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def check_static_files():
    """With DEBUG off, refuse to serve without `collectstatic`.

    Without the manifest every page would fail to find its stylesheet. We stop
    at start-up with the fix in the message rather than fall back to unhashed
    names: those can't be cached for long, and serving them would hide a
    broken deployment until someone noticed the pages.
    """
    from django.contrib.staticfiles.storage import ManifestFilesMixin
    from django.core.files.storage import storages

    storage = storages["staticfiles"]
    if settings.DEBUG or not isinstance(storage, ManifestFilesMixin):
        return
    manifest = storage.manifest_name
    if not storage.exists(manifest):
        raise ImproperlyConfigured(
            f"Static files have not been collected: {settings.STATIC_ROOT / manifest} is missing. "
            "Run `python manage.py collectstatic --noinput` (make serve does it), then start again."
        )
