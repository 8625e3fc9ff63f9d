"""One SQLite transaction per use case, with the repository bound to it."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import Connection, Engine

from checker.room.infrastructure.repository import SqlRoomRepository


class SqlUnitOfWork:
    def __init__(self, engine: Engine, *, read_only: bool = False) -> None:
        self.engine, self.read_only = engine, read_only
        self._connection: Connection | None = None

    def __enter__(self) -> SqlUnitOfWork:
        self._connection = self.engine.connect().execution_options(read_only=self.read_only)
        self._connection.begin()
        self.rooms = SqlRoomRepository(self._connection)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        assert self._connection is not None
        # Whatever was not committed is rolled back: an Err returned half-way leaves nothing behind.
        self._connection.rollback()
        self._connection.close()
        self._connection = None

    def commit(self) -> None:
        assert self._connection is not None and not self.read_only, "a read-only unit of work commits nothing"
        self._connection.commit()
