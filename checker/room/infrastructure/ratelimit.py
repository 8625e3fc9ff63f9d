"""A token bucket per key, in memory: enough for one server process and its rooms.

The buckets live in a dict of at most `max_keys` entries. When a new key would pass that bound, the
key used least recently goes: a hundred thousand addresses or join codes cost the same memory as
`max_keys` of them. A key that is evicted comes back with a full bucket; the least recently used
key is the one most likely to have refilled anyway.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

DEFAULT_MAX_KEYS = 10_000


class TokenBuckets:
    def __init__(
        self,
        *,
        rate: float,
        burst: int,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = DEFAULT_MAX_KEYS,
    ) -> None:
        self.rate, self.burst, self.clock, self.max_keys = rate, burst, clock, max_keys
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def wait(self, key: str) -> float:
        """Take one token: 0 when there was one, else the seconds until there is."""
        return self._check(key, take=True)

    def peek(self, key: str) -> float:
        """The same answer as `wait`, without taking the token."""
        return self._check(key, take=False)

    def __len__(self) -> int:
        return len(self._buckets)

    def _check(self, key: str, *, take: bool) -> float:
        with self._lock:
            now = self.clock()
            tokens, then = self._buckets.get(key, (float(self.burst), now))
            # A clock set back (the wall clock can be) refills nothing and takes nothing away.
            tokens = min(float(self.burst), tokens + max(now - then, 0.0) * self.rate)
            wait = 0.0 if tokens >= 1 else max(round((1 - tokens) / self.rate, 2), 0.01)
            if take and not wait:
                tokens -= 1
            if take or key in self._buckets:
                self._store(key, tokens, now)
            return wait

    def _store(self, key: str, tokens: float, now: float) -> None:
        self._buckets[key] = (tokens, now)
        self._buckets.move_to_end(key)
        while len(self._buckets) > self.max_keys:
            self._buckets.popitem(last=False)
