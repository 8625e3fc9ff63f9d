"""The engine, and the one place that brings a database to the schema the code expects."""

from __future__ import annotations

from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool
from sqlite_utils import Database

from inkwell.infrastructure import migrations
from inkwell.infrastructure.models import Base


def make_engine(database_url: str) -> Engine:
    # An in-memory SQLite database lives as long as its connection: share one across threads.
    if database_url in ("sqlite://", "sqlite:///:memory:"):
        engine = create_engine(database_url, connect_args={"check_same_thread": False}, poolclass=StaticPool)
    else:
        engine = create_engine(database_url)
    event.listen(engine, "connect", _enforce_foreign_keys)
    return engine


def _enforce_foreign_keys(connection: Any, _record: Any) -> None:
    # SQLite checks REFERENCES only when each connection asks it to: without this a post for an
    # author that does not exist is stored, whatever the schema says.
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def prepare(engine: Engine) -> None:
    """Create missing tables, then apply the pending migration steps to what already existed."""
    Base.metadata.create_all(engine)
    raw = engine.raw_connection()
    try:
        migrations.apply(Database(raw.driver_connection))
    finally:
        raw.close()
