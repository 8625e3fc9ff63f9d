"""The composition root of the room server."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from fastapi import FastAPI

from checker.room.infrastructure.db import make_engine
from checker.room.infrastructure.ratelimit import TokenBuckets
from checker.room.infrastructure.tokens import TokenSecrets
from checker.room.interface import api, pages
from checker.room.interface.deps import Services
from checker.room.interface.limits import BodyLimit
from checker.room.interface.problems import install_problem_handlers

MAX_BODY = 16 * 1024  # a summary of 50 tasks is under 8 KiB


def create_app(
    database_url: str = "sqlite://",
    *,
    katas: Sequence[tuple[str, str]] = (),
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    report_rate: float = 2.0,
    report_burst: int = 30,
    public_url: str | None = None,
) -> FastAPI:
    """`katas`: the course as (id, title); reports for other katas are refused when it is given."""
    app = FastAPI(title="Inkwell Katas room", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.services = Services(
        engine=make_engine(database_url),
        secrets=TokenSecrets(),
        # A learner checks every few seconds at most; a queue flushed after an outage comes in a burst.
        report_limiter=TokenBuckets(rate=report_rate, burst=report_burst),
        join_limiter=TokenBuckets(rate=5.0, burst=200),
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
