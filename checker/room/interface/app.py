"""The composition root of the room server."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from fastapi import FastAPI

from checker.room.application.learners import JoinLimits
from checker.room.infrastructure.db import make_engine
from checker.room.infrastructure.ratelimit import TokenBuckets
from checker.room.infrastructure.tokens import TokenSecrets
from checker.room.interface import api, pages
from checker.room.interface.deps import Services
from checker.room.interface.limits import BodyLimit
from checker.room.interface.problems import install_problem_handlers

MAX_BODY = 16 * 1024  # a summary of 50 tasks is under 8 KiB
ROOM_SIZE = 100  # learners a room takes unless the facilitator says otherwise (kata serve --max-learners)
# A workshop behind one NAT joins from one address, all at once: 60 at once, then one a second.
JOINS_PER_CLIENT = 60
# Mistyped codes from one address: 20 at once, then one every 3 s; then every code answers 429.
UNKNOWN_CODES_PER_CLIENT = 20


def create_app(
    database_url: str = "sqlite://",
    *,
    katas: Sequence[tuple[str, str]] = (),
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    report_rate: float = 2.0,
    report_burst: int = 30,
    public_url: str | None = None,
    room_size: int = ROOM_SIZE,
) -> FastAPI:
    """`katas`: the course as (id, title); reports for other katas are refused when it is given."""
    app = FastAPI(title="Inkwell Katas room", docs_url=None, redoc_url=None, openapi_url=None)

    def seconds() -> float:  # the limits' windows run on the room's clock, which tests move
        return clock().timestamp()

    app.state.services = Services(
        engine=make_engine(database_url),
        secrets=TokenSecrets(),
        # A learner checks every few seconds at most; a queue flushed after an outage comes in a burst.
        report_limiter=TokenBuckets(rate=report_rate, burst=report_burst, clock=seconds),
        join_limits=JoinLimits(
            per_client=TokenBuckets(rate=JOINS_PER_CLIENT / 60, burst=JOINS_PER_CLIENT, clock=seconds),
            unknown_codes=TokenBuckets(
                rate=UNKNOWN_CODES_PER_CLIENT / 60, burst=UNKNOWN_CODES_PER_CLIENT, clock=seconds
            ),
            room_size=room_size,
        ),
        clock=clock,
        katas=tuple(katas),
        public_url=public_url,
    )
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_api_route("/healthz", lambda: {"ok": True}, methods=["GET"])
    install_problem_handlers(app)
    app.add_middleware(BodyLimit, max_bytes=MAX_BODY)
    return app
