"""The composition root: the one module that knows every layer, and wires them together."""

from functools import partial

from fastapi import FastAPI
from sqlalchemy.orm import sessionmaker

from inkwell.infrastructure.database import make_engine
from inkwell.infrastructure.models import Base
from inkwell.infrastructure.unit_of_work import SqlUnitOfWork
from inkwell.interface import problems
from inkwell.interface.routes import router


def create_app(database_url: str = "sqlite://") -> FastAPI:
    engine = make_engine(database_url)
    # TODO(kata): every laptop and CI database has the right tables, yet staging, built by the
    # deploy's `alembic upgrade head`, does not look like them.
    Base.metadata.create_all(engine)
    app = FastAPI(title="Inkwell (migrations kata)")
    app.state.uow_factory = partial(SqlUnitOfWork, sessionmaker(engine, expire_on_commit=False))
    problems.install(app)
    app.include_router(router)
    return app
