from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed static files; a file added since the last collectstatic keeps its plain name.

    The manifest itself must exist: pressoffice.startup refuses to start without it.
    """

    manifest_strict = False
