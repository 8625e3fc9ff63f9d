"""Limits on what comes in: token buckets per key, on the injected clock.

A bucket holds up to `burst` requests and refills one every `every` seconds: a burst is
allowed, then the sustained rate. Memory stays bounded without forgiving anyone: a key
untouched for burst * every seconds is full again, exactly as if it had never been seen, so it
is forgotten; a key at its limit is never forgotten early.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from inkwell.application.ports import Clock


class TokenBucket:
    def __init__(self, *, burst: int, every: float, clock: Clock):
        self.burst, self.every = burst, every
        self._clock = clock
        self._lock = threading.Lock()
        # key -> (requests left, when last counted), oldest first.
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def acquire(self, key: str) -> float:
        """0.0 when a request for `key` may go ahead now (it is counted), else seconds until one may."""
        with self._lock:
            now = self._clock()
            self._forget_full(now)
            left, then = self._buckets.pop(key, (float(self.burst), now))
            left = min(float(self.burst), left + (now - then) / self.every)
            if left >= 1:
                self._buckets[key] = (left - 1, now)
                return 0.0
            self._buckets[key] = (left, now)
            return (1 - left) * self.every

    def _forget_full(self, now: float) -> None:
        while self._buckets:
            key, (_, then) = next(iter(self._buckets.items()))
            if now - then < self.burst * self.every:
                return
            del self._buckets[key]


def make_limits(clock: Clock) -> dict[str, TokenBucket]:
    return {
        "tokens-account": TokenBucket(burst=5, every=10.0, clock=clock),
        "tokens-address": TokenBucket(burst=20, every=1.0, clock=clock),
        "invites-account": TokenBucket(burst=3, every=60.0, clock=clock),
    }
