"""The unit of work over one SQLAlchemy session: every statement of a request in one transaction."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.orm import Session, sessionmaker

from inkwell.infrastructure.authors import SqlAuthorQueries
from inkwell.infrastructure.feed import SqlFeedQueries


class SqlAlchemyUnitOfWork:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def __enter__(self) -> Self:
        self._session = self._sessions()
        self.feed = SqlFeedQueries(self._session)
        self.authors = SqlAuthorQueries(self._session)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        # The read side writes nothing: end the transaction and hand the connection back.
        self._session.rollback()
        self._session.close()
