"""Django's Redis cache backend, with one client per connection pool instead of one per command.

Django's `RedisCacheClient.get_client()` builds a new `redis.Redis` for every cache call,
and each one fills a table of some 170 response callbacks: about a tenth of a millisecond
of CPU, more than the round trip to Redis and more than a whole page-cache hit otherwise
costs. A `redis.Redis` is safe to share between threads (each command takes a connection
from the pool), so this keeps one per pool. Everything else is Django's.
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
