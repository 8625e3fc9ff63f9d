"""The engine: SQLite in WAL mode, one writer at a time, and no engine built at import time."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import StaticPool

from checker.room.infrastructure.tables import metadata


def make_engine(url: str = "sqlite://") -> Engine:
    in_memory = url in ("sqlite://", "sqlite:///:memory:")
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": 10},
        # An in-memory database lives as long as its one connection.
        poolclass=StaticPool if in_memory else None,
    )
    event.listen(engine, "connect", _configure)
    event.listen(engine, "begin", _begin_immediate)
    metadata.create_all(engine)
    return engine


def _configure(connection: Any, _: object) -> None:
    # Let SQLAlchemy's "begin" event open transactions, so that they can be IMMEDIATE.
    connection.isolation_level = None
    cursor = connection.cursor()
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON", "busy_timeout=10000"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _begin_immediate(connection: Any) -> None:
    # A deferred transaction that reads and then writes can fail at once with SQLITE_BUSY when
    # another writer went first; taking the write lock up front makes it wait its turn instead.
    # Read-only units of work say so, and read a snapshot without waiting for any writer.
    mode = "DEFERRED" if connection.get_execution_options().get("read_only") else "IMMEDIATE"
    connection.exec_driver_sql(f"BEGIN {mode}")
