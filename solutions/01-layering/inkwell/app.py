"""The composition root: the one module that knows every layer, and wires them together.

Swapping the database (or, in a test, the whole unit of work) happens here and nowhere else.
"""

from collections.abc import Callable
from functools import partial

from fastapi import FastAPI
from sqlalchemy.orm import sessionmaker

from inkwell.application.ports import UnitOfWork
from inkwell.infrastructure.orm import make_engine
from inkwell.infrastructure.unit_of_work import SqlAlchemyUnitOfWork
from inkwell.interface import posts, users
from inkwell.interface.errors import install_error_handlers


def unit_of_work_factory(database_url: str = "sqlite://") -> Callable[[], UnitOfWork]:
    """New units of work over one database: the real adapters, as the app uses them."""
    return partial(SqlAlchemyUnitOfWork, sessionmaker(make_engine(database_url), expire_on_commit=False))


def create_app(database_url: str = "sqlite://") -> FastAPI:
    app = FastAPI(title="Inkwell (layering kata)")
    app.state.uow_factory = unit_of_work_factory(database_url)
    install_error_handlers(app)
    app.include_router(users.router)
    app.include_router(posts.router)
    return app
