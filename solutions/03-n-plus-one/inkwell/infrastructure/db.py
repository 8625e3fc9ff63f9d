"""The engine: where Inkwell meets its database."""

from __future__ import annotations

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool

from inkwell.infrastructure.tables import Base


def make_engine(database_url: str) -> Engine:
    # An in-memory SQLite database lives as long as its connection: share one across threads.
    if database_url in ("sqlite://", "sqlite:///:memory:"):
        engine = create_engine(database_url, connect_args={"check_same_thread": False}, poolclass=StaticPool)
    else:
        engine = create_engine(database_url)
    Base.metadata.create_all(engine)
    return engine
