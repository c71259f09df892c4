

def test_on_redis_a_purge_leaves_every_other_key_of_the_database_alone(settings, client):
    redis = pytest.importorskip("redis")
    url = os.environ.get("PRESSOFFICE_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
    try:
        server = redis.Redis.from_url(url, socket_connect_timeout=2)
        server.ping()
    except redis.RedisError:
        pytest.skip(f"needs Redis at {url}")
    prefix = f"page-cache-test-{os.getpid()}"
    settings.CACHES = {**settings.CACHES, "pages": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": prefix}}
    server.set(f"{prefix}-neighbour", "kept")
    try:
        published("Headline")
        get(client, "/en/")
        assert get(client, "/en/").hit
        purge_public_cache()
        assert not get(client, "/en/").hit
        assert server.get(f"{prefix}-neighbour") == b"kept"
    finally:
        server.delete(*server.keys(f"{prefix}*"))
