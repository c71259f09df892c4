from django.core.cache import cache


def purge_public_cache():
    """Anonymous pages are cached; a publication empties the cache so nothing stale is served."""
    cache.clear()
