"""Limits on what comes in: a number of requests per window, per key."""

from __future__ import annotations

from inkwell.application.ports import Clock


class WindowLimiter:
    def __init__(self, *, limit: int, window: float, clock: Clock):
        self.limit, self.window = limit, window
        self._clock = clock
        self._hits: dict[str, list[float]] = {}

    def acquire(self, key: str) -> float:
        """0.0 when a request for `key` may go ahead now (it is counted), else seconds until one may."""
        # TODO(kata): the API's memory grows all week, until the pods are restarted.
        now = self._clock()
        hits = [t for t in self._hits.get(key, []) if now - t < self.window]
        self._hits[key] = hits
        if len(hits) >= self.limit:
            return self.window - (now - hits[0])
        hits.append(now)
        return 0.0


def make_limits(clock: Clock) -> dict[str, WindowLimiter]:
    # TODO(kata): someone tried forty thousand passwords on /tokens in an hour.
    return {"invites": WindowLimiter(limit=3, window=60.0, clock=clock)}
