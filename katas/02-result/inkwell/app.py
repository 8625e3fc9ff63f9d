"""The composition root: the one module that knows every layer, and wires them together.

Swapping the database, the mailer or (in a test) the whole unit of work happens here and
nowhere else: the interface asks for ports, never for the adapters behind them.
"""

from functools import partial

from fastapi import FastAPI
from sqlalchemy.orm import sessionmaker

from inkwell.infrastructure.db import make_engine
from inkwell.infrastructure.notifier import LoggingNotifier
from inkwell.infrastructure.unit_of_work import SqlAlchemyUnitOfWork
from inkwell.interface.problems import install_problem_handlers
from inkwell.interface.request_id import install_request_ids
from inkwell.interface.routes import router


def create_app(database_url: str = "sqlite://") -> FastAPI:
    app = FastAPI(title="Inkwell (Result kata)")
    sessions = sessionmaker(make_engine(database_url), expire_on_commit=False)
    app.state.uow_factory = partial(SqlAlchemyUnitOfWork, sessions)
    app.state.notifier = LoggingNotifier()
    app.include_router(router)
    # One mapping for every error the app can answer, the framework's own included.
    install_problem_handlers(app)
    install_request_ids(app)
    return app
