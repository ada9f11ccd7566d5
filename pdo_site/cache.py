"""The ``default`` cache: Redis, falling back to this process's memory while Redis is down.

Two kinds of callers share ``default`` and neither may see a raw Redis error:

- Wagtail's site-root paths (read by every public page's language switcher) and other
  caches where a miss only costs a query;
- allauth's rate limits and (with allauth.mfa) TOTP replay protection, which call
  ``cache.add`` and need a true answer: on django-redis with ``IGNORE_EXCEPTIONS`` it
  returns None, which allauth reads as "locked" (every login 429, every code refused).

So on a connection error this backend does not ignore the call: it answers it from a
local-memory cache (``LocMemCache``, per process) and keeps doing so for
``RETRY_AFTER`` seconds before it tries Redis again, so an outage costs one connection
attempt per process every few seconds, not one per call. During an outage the rate
limits count per process (a login is throttled at most N workers × the limit) and
entries live at most ``FALLBACK_MAX_TIMEOUT`` seconds. When Redis answers again the
local entries are dropped. Caches where a miss is harmless and no answer must be true
(the page cache) use django-redis with ``IGNORE_EXCEPTIONS`` instead.
"""

import logging
import threading
import time

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache

logger = logging.getLogger(__name__)

REDIS_DOWN = (ConnectionInterrupted, RedisConnectionError, RedisTimeoutError, OSError)

# {Redis location: monotonic time before which Redis is not tried}, shared by the threads,
# and the locations that failed since they last answered.
_down_until = {}
_outages = set()
_lock = threading.Lock()


class CappedLocMemCache(LocMemCache):
    """Local memory whose entries expire after at most ``max_timeout`` seconds."""

    def __init__(self, name, params, max_timeout):
        super().__init__(name, params)
        self.max_timeout = max_timeout

    def get_backend_timeout(self, timeout=DEFAULT_TIMEOUT):
        expiry = super().get_backend_timeout(timeout)
        cap = time.time() + self.max_timeout
        return cap if expiry is None else min(expiry, cap)


def _falls_back(name):
    def method(self, *args, **kwargs):
        if not self.redis_down():
            try:
                result = getattr(super(FallbackRedisCache, self), name)(*args, **kwargs)
            except REDIS_DOWN:
                self.mark_down()
            else:
                if self._server in _outages:
                    self.mark_up()
                return result
        return getattr(self.fallback, name)(*args, **kwargs)

    method.__name__ = name
    method.__doc__ = f"``{name}`` on Redis, or on local memory while Redis is down."
    return method


class FallbackRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.retry_after = float(options.pop("RETRY_AFTER", 5))
        max_timeout = float(options.pop("FALLBACK_MAX_TIMEOUT", 300))
        options["IGNORE_EXCEPTIONS"] = False  # errors come here, not to the callers
        super().__init__(server, {**params, "OPTIONS": options})
        local = {k: v for k, v in params.items() if k in {"KEY_PREFIX", "VERSION", "TIMEOUT"}}
        self.fallback = CappedLocMemCache(
            f"redis-fallback:{server}", {**local, "OPTIONS": {"MAX_ENTRIES": 5000}}, max_timeout
        )

    def redis_down(self):
        until = _down_until.get(self._server)
        if until is None:
            return False
        if time.monotonic() < until:
            return True
        with _lock:
            if _down_until.get(self._server) == until:
                del _down_until[self._server]
        return False

    def mark_down(self):
        with _lock:
            first = self._server not in _outages
            _outages.add(self._server)
            _down_until[self._server] = time.monotonic() + self.retry_after
        if first:
            logger.warning(
                "Redis cache unreachable: using this process's memory, retrying every %s s",
                self.retry_after,
                exc_info=True,
            )

    def mark_up(self):
        with _lock:
            if self._server not in _outages:
                return
            _outages.discard(self._server)
        logger.warning("Redis cache reachable again")
        # What was counted locally during the outage must not come back at the next one.
        self.fallback.clear()

    get = _falls_back("get")
    set = _falls_back("set")
    add = _falls_back("add")
    touch = _falls_back("touch")
    delete = _falls_back("delete")
    get_many = _falls_back("get_many")
    set_many = _falls_back("set_many")
    delete_many = _falls_back("delete_many")
    has_key = _falls_back("has_key")
    incr = _falls_back("incr")
    decr = _falls_back("decr")
    clear = _falls_back("clear")


def ping(cache):
    """True when the cache answers (Redis PING with the short socket timeouts)."""
    if not isinstance(cache, RedisCache):
        return True  # local memory: always there
    try:
        return bool(cache.client.get_client(write=True).ping())
    except REDIS_DOWN:
        return False
