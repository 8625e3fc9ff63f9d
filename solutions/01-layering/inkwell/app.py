"""The composition root: the one module that knows every layer, and wires them together.

Swapping the database (or, in a test, the whole unit of work) happens here and nowhere else.
"""

from functools import partial

from fastapi import FastAPI
from sqlalchemy.orm import sessionmaker

from inkwell.infrastructure.orm import make_engine
from inkwell.infrastructure.unit_of_work import SqlAlchemyUnitOfWork
from inkwell.interface import posts, users
from inkwell.interface.errors import install_error_handlers


def create_app(database_url: str = "sqlite://") -> FastAPI:
    sessions = sessionmaker(make_engine(database_url), expire_on_commit=False)
    app = FastAPI(title="Inkwell (layering kata)")
    app.state.uow_factory = partial(SqlAlchemyUnitOfWork, sessions)
    install_error_handlers(app)
    app.include_router(users.router)
    app.include_router(posts.router)
    return app
