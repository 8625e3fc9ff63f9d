"""The unit of work over one SQLAlchemy session: the transaction boundary of a use case."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.orm import Session, sessionmaker

from inkwell.infrastructure.repositories import SqlAccounts


class SqlUnitOfWork:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def __enter__(self) -> Self:
        self._session = self._sessions()
        self.accounts = SqlAccounts(self._session)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        # Whatever was not committed is discarded: a refused INSERT leaves no trace.
        self._session.rollback()
        self._session.close()

    def commit(self) -> None:
        self._session.commit()
