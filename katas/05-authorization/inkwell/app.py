"""The composition root: builds the engine, the services and the HTTP API, and wires them."""

from __future__ import annotations

from fastapi import FastAPI
from sqlalchemy.orm import sessionmaker

from inkwell.adapters.orm import make_engine
from inkwell.adapters.repository import SqlUnitOfWork
from inkwell.application.accounts import AccountService
from inkwell.application.posts import PostService
from inkwell.http import posts, problems, users


def create_app(database_url: str = "sqlite://") -> FastAPI:
    sessions = sessionmaker(make_engine(database_url), expire_on_commit=False)
    app = FastAPI(title="Inkwell (authorization kata)")
    # The services live on app.state so that routes, scripts and tests call the same use cases.
    app.state.accounts = AccountService(lambda: SqlUnitOfWork(sessions))
    app.state.posts = PostService(lambda: SqlUnitOfWork(sessions))
    problems.install(app)
    app.include_router(posts.router)
    app.include_router(users.router)
    return app
