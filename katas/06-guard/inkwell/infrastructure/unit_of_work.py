"""The unit of work over one SQLAlchemy session: the transaction boundary of a use case."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.orm import Session, sessionmaker

from inkwell.infrastructure.repositories import SqlPosts, SqlUsers


class SqlUnitOfWork:
    def __init__(self, sessions: sessionmaker[Session]):
        self._sessions = sessions

    def __enter__(self) -> SqlUnitOfWork:
        self._session = self._sessions()
        self.posts = SqlPosts(self._session)
        self.users = SqlUsers(self._session)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self._session.rollback()
        self._session.close()

    def commit(self) -> None:
        self._session.commit()
