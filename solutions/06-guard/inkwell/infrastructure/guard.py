"""The guards around every outside call: a bulkhead, a circuit breaker, and retries with backoff.

Each outside service gets its own Guard. One attempt is a function that answers Ok(value) or
Err(Failed); the guard decides whether to try again, when, and whether to try at all. Every
wait goes through the injected clock and sleeper, so the suites run it on fake time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from inkwell.application.ports import Clock, Random, Sleeper
from inkwell.domain.errors import Unavailable
from inkwell.result import Err, Ok, Result

T = TypeVar("T")

ATTEMPTS = 3  # per call, the first included
BACKOFF = 0.5  # seconds: retry n waits a random delay up to BACKOFF * 2 ** (n - 1)
WAIT_BUDGET = 5.0  # a Retry-After longer than this is not waited out: the call gives up at once
FAILURES_TO_OPEN = 5  # consecutive failed calls
COOL_DOWN = 30.0  # seconds the circuit stays open before one probe may pass
IN_FLIGHT = 4  # calls to one service at once


@dataclass(frozen=True)
class Failed:
    """One attempt that gave no usable answer. `retryable`: trying again could help."""

    reason: str
    retryable: bool
    retry_after: float | None = None


Attempt = Callable[[], Result[T, Failed]]


class Breaker:
    """Closed, open for COOL_DOWN seconds after FAILURES_TO_OPEN failed calls in a row, then
    half-open: exactly one probe passes; its success closes the circuit, its failure reopens it."""

    def __init__(self, clock: Clock):
        self._clock = clock
        self._lock = threading.Lock()
        self._failures = 0
        self._open_until: float | None = None
        self._probing = False

    def admit(self) -> float:
        """0.0 when a call may go (claiming the probe when half-open), else seconds to wait."""
        with self._lock:
            if self._open_until is None:
                return 0.0
            left = self._open_until - self._clock()
            if left > 0 or self._probing:
                return max(left, 1.0)
            self._probing = True
            return 0.0

    def record(self, succeeded: bool) -> None:
        with self._lock:
            self._probing = False
            if succeeded:
                self._failures, self._open_until = 0, None
                return
            self._failures += 1
            if self._open_until is not None or self._failures >= FAILURES_TO_OPEN:
                self._open_until = self._clock() + COOL_DOWN


class Guard:
    def __init__(self, *, clock: Clock, sleep: Sleeper, random: Random):
        self._sleep = sleep
        self._random = random
        self._breaker = Breaker(clock)
        # The bulkhead: a slow service holds at most IN_FLIGHT threads; the rest are refused at
        # once instead of queueing, so the routes that never call it keep their threads.
        self._slots = threading.BoundedSemaphore(IN_FLIGHT)

    def call(self, attempt: Attempt[T], *, retry: bool) -> Result[T, Unavailable]:
        """`retry`: the call is safe to repeat (idempotent, or carrying an idempotency key)."""
        if not self._slots.acquire(blocking=False):
            return Err(Unavailable("Too many calls to the outside service are waiting already."))
        try:
            wait = self._breaker.admit()
            if wait:
                return Err(Unavailable("The outside service is failing; the circuit is open.", wait))
            result = self._attempts(attempt, retry)
            self._breaker.record(isinstance(result, Ok))
            return result
        finally:
            self._slots.release()

    def _attempts(self, attempt: Attempt[T], retry: bool) -> Result[T, Unavailable]:
        for n in range(1, ATTEMPTS + 1):
            outcome = attempt()
            if isinstance(outcome, Ok):
                return outcome
            failed = outcome.error
            delay = self._delay(n, failed.retry_after)
            if n == ATTEMPTS or not (retry and failed.retryable) or delay is None:
                break
            self._sleep(delay)
        return Err(Unavailable(f"The outside service failed: {failed.reason}.", failed.retry_after or 1.0))

    def _delay(self, n: int, retry_after: float | None) -> float | None:
        if retry_after is not None:
            # The service said when: wait that long, unless that is past our budget.
            return retry_after if retry_after <= WAIT_BUDGET else None
        # Full jitter: a random delay below an exponential bound, so callers spread out.
        return self._random() * BACKOFF * 2.0 ** (n - 1)
