"""The composition root: builds the engine, the outside service's adapters with their guards and
the limits, binds the use cases, and mounts the HTTP API. The one module that knows every layer."""

from __future__ import annotations

from functools import partial
from types import SimpleNamespace

from fastapi import FastAPI
from sqlalchemy.orm import sessionmaker

from inkwell.application import accounts
from inkwell.application.ports import UnitOfWorkFactory
from inkwell.infrastructure.db import make_engine
from inkwell.infrastructure.guard import Guard
from inkwell.infrastructure.unit_of_work import SqlUnitOfWork
from inkwell.infrastructure.upstream import HttpMailer, HttpPreviews, Upstream
from inkwell.interface import problems, routes
from inkwell.interface.limits import make_limits
from inkwell.settings import Settings


def create_app(database_url: str = "sqlite://", settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    sessions = sessionmaker(make_engine(database_url), expire_on_commit=False)
    new_uow: UnitOfWorkFactory = partial(SqlUnitOfWork, sessions)
    upstream = Upstream(settings.upstream_url, settings.upstream_timeout)

    def guard() -> Guard:
        # One guard per outside service: an outage of previews does not stop the mail.
        return Guard(clock=settings.clock, sleep=settings.sleep, random=settings.random)

    app = FastAPI(title="Inkwell (guard kata)")
    app.state.settings = settings
    app.state.new_uow = new_uow
    app.state.previews = HttpPreviews(upstream, guard())
    app.state.mailer = HttpMailer(upstream, guard())
    app.state.limits = make_limits(settings.clock)
    app.state.accounts = SimpleNamespace(**{uc.__name__: partial(uc, new_uow) for uc in accounts.USE_CASES})
    problems.install(app)
    app.include_router(routes.router)
    return app
