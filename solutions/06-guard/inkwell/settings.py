"""What the composition root is given: where the outside service is, how long to wait for it,
which proxies to believe, and the clock, sleeper and random source every guard uses.

The suites pass a fake clock whose sleeper only moves the clock, so backoff, the circuit's
cool-down and the limiters' windows run on fake time. Keep these names: they are the contract.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field

from inkwell.application.ports import Clock, Random, Sleeper


@dataclass(frozen=True)
class Settings:
    upstream_url: str = "http://127.0.0.1:8025"  # link previews (GET /previews) and mail (POST /messages)
    upstream_timeout: float = 2.0  # seconds one attempt may take, from connecting to the last byte
    trusted_proxies: frozenset[str] = field(default_factory=frozenset)  # peers whose X-Forwarded-For is believed
    clock: Clock = time.monotonic
    sleep: Sleeper = time.sleep
    random: Random = random.random
