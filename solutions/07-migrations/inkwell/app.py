"""The composition root: the one module that knows every layer, and wires them together."""

from functools import partial

from fastapi import FastAPI
from sqlalchemy.orm import sessionmaker

from inkwell.infrastructure.database import make_engine
from inkwell.infrastructure.unit_of_work import SqlUnitOfWork
from inkwell.interface import problems
from inkwell.interface.routes import router


def create_app(database_url: str = "sqlite://") -> FastAPI:
    # No create_all: the schema is Alembic's alone (`alembic upgrade head` runs before the app
    # starts). Tables made here would hide a revision that is missing or wrong, and a release
    # could never change a table that already exists.
    engine = make_engine(database_url)
    app = FastAPI(title="Inkwell (migrations kata)")
    app.state.uow_factory = partial(SqlUnitOfWork, sessionmaker(engine, expire_on_commit=False))
    problems.install(app)
    app.include_router(router)
    return app
