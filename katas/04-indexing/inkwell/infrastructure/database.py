"""The engine, and the one place that brings a database to the schema the code expects."""

from __future__ import annotations

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool
from sqlite_utils import Database

from inkwell.infrastructure import migrations
from inkwell.infrastructure.models import Base


def make_engine(database_url: str) -> Engine:
    # TODO(kata): support found posts whose author_id belongs to no account at all.
    # An in-memory SQLite database lives as long as its connection: share one across threads.
    if database_url in ("sqlite://", "sqlite:///:memory:"):
        return create_engine(database_url, connect_args={"check_same_thread": False}, poolclass=StaticPool)
    return create_engine(database_url)


def prepare(engine: Engine) -> None:
    """Create missing tables, then apply the pending migration steps to what already existed."""
    Base.metadata.create_all(engine)
    raw = engine.raw_connection()
    try:
        migrations.apply(Database(raw.driver_connection))
    finally:
        raw.close()
