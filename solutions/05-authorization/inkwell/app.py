"""The composition root: builds the engine and the unit of work, binds the use cases, and
mounts the HTTP API. The one module that knows every layer."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from types import SimpleNamespace
from typing import Any

from fastapi import FastAPI
from sqlalchemy.orm import sessionmaker

from inkwell.application import accounts, posts
from inkwell.application.ports import UnitOfWorkFactory
from inkwell.infrastructure.db import make_engine
from inkwell.infrastructure.unit_of_work import SqlUnitOfWork
from inkwell.interface import posts as post_routes
from inkwell.interface import problems
from inkwell.interface import users as user_routes


def _bound(new_uow: UnitOfWorkFactory, use_cases: tuple[Callable[..., Any], ...]) -> SimpleNamespace:
    # Scripts and jobs call app.state.posts.edit_post(actor, ...): the same functions the
    # routes call, with the unit of work already in hand.
    return SimpleNamespace(**{use_case.__name__: partial(use_case, new_uow) for use_case in use_cases})


def create_app(database_url: str = "sqlite://") -> FastAPI:
    sessions = sessionmaker(make_engine(database_url), expire_on_commit=False)
    new_uow: UnitOfWorkFactory = partial(SqlUnitOfWork, sessions)
    app = FastAPI(title="Inkwell (authorization kata)")
    app.state.new_uow = new_uow
    app.state.accounts = _bound(new_uow, accounts.USE_CASES)
    app.state.posts = _bound(new_uow, posts.USE_CASES)
    problems.install(app)
    app.include_router(post_routes.router)
    app.include_router(user_routes.router)
    return app
