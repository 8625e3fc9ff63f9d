"""The composition root: build the engine, bring the database up to date, wire the routes."""

from fastapi import FastAPI
from sqlalchemy.orm import sessionmaker

from inkwell.infrastructure.database import make_engine, prepare
from inkwell.interface import problems
from inkwell.interface.http import build_router


def create_app(database_url: str = "sqlite://") -> FastAPI:
    engine = make_engine(database_url)
    prepare(engine)
    app = FastAPI(title="Inkwell (indexing kata)")
    problems.install(app)
    app.include_router(build_router(sessionmaker(engine, expire_on_commit=False)))
    return app
