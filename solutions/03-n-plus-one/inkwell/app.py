"""The composition root: the one module that knows every layer, and wires them together."""

from functools import partial

from fastapi import FastAPI
from sqlalchemy.orm import sessionmaker

from inkwell.infrastructure.db import make_engine
from inkwell.infrastructure.unit_of_work import SqlAlchemyUnitOfWork
from inkwell.interface.problems import install_problem_handlers
from inkwell.interface.request_id import install_request_ids
from inkwell.interface.routes import router


def create_app(database_url: str = "sqlite://") -> FastAPI:
    app = FastAPI(title="Inkwell (N+1 kata)")
    engine = make_engine(database_url)
    # Part of the contract: the suites listen on this engine to count the statements a request runs.
    app.state.engine = engine
    app.state.uow_factory = partial(SqlAlchemyUnitOfWork, sessionmaker(engine, expire_on_commit=False))
    app.include_router(router)
    install_problem_handlers(app)
    install_request_ids(app)
    return app
