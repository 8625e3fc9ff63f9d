"""The engine. Nothing here creates or alters a table: that is Alembic's work alone."""

from __future__ import annotations

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool


def make_engine(database_url: str) -> Engine:
    # An in-memory SQLite database lives as long as its connection: share one across threads.
    if database_url in ("sqlite://", "sqlite:///:memory:"):
        return create_engine(database_url, connect_args={"check_same_thread": False}, poolclass=StaticPool)
    return create_engine(database_url)
