"""Django's RedisCache that degrades to an empty cache when Redis is down, instead of a 500.

Every caller (Wagtail's site root paths, the page cache, furigana overrides, the inquiry rate limit)
then sees a miss: reads return the default, writes do nothing, incr() raises ValueError as for a
missing key. The error is logged (once per OUTAGE_PAUSE per process, with a count), and for
OUTAGE_PAUSE seconds after a failure Redis is not asked at all, so that a Redis that hangs costs one
socket timeout per process and pause rather than one per call.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

OUTAGE_PAUSE = 5.0  # seconds


class DegradingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0
        self._skipped = 0
        self._lock = threading.Lock()

    def _call(self, operation, miss, *args, **kwargs):
        if time.monotonic() < self._down_until:
            with self._lock:
                self._skipped += 1
            return miss()
        try:
            return getattr(super(), operation)(*args, **kwargs)
        except (RedisError, OSError) as error:
            with self._lock:
                skipped, self._skipped = self._skipped, 0
                self._down_until = time.monotonic() + OUTAGE_PAUSE
            logger.error(
                "Redis cache unavailable (%s %r); working without it for %.0f s (%d calls skipped before)",
                operation,
                error,
                OUTAGE_PAUSE,
                skipped,
            )
            return miss()

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", lambda: False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", lambda: default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", lambda: None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", lambda: False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", lambda: False, key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", dict, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", lambda: False, key, version)

    def incr(self, key, delta=1, version=None):
        def missing():
            raise ValueError(f"Key '{key}' not found (Redis is unavailable)")

        return self._call("incr", missing, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", lambda: list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", lambda: None, keys, version)

    def clear(self):
        return self._call("clear", lambda: False)
