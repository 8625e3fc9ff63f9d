"""The composition root: builds the app and wires the database, the routes and the edge."""

from fastapi import FastAPI
from sqlalchemy.orm import sessionmaker

from inkwell.infrastructure.db import make_engine
from inkwell.interface.problems import install_problem_handlers
from inkwell.interface.routes import router


def create_app(database_url: str = "sqlite://") -> FastAPI:
    app = FastAPI(title="Inkwell (Result kata)")
    app.state.sessions = sessionmaker(make_engine(database_url), expire_on_commit=False)
    app.include_router(router)
    # One mapping for every error the app can answer, the framework's own included.
    install_problem_handlers(app)
    return app
