"""The unit of work over one SQLAlchemy session: the transaction boundary of a use case."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.orm import Session, sessionmaker

from inkwell.application.ports import PostRepository, TokenRepository, UserRepository
from inkwell.infrastructure.repositories import SqlPostRepository, SqlTokenRepository, SqlUserRepository


class SqlAlchemyUnitOfWork:
    users: UserRepository
    posts: PostRepository
    tokens: TokenRepository

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def __enter__(self) -> Self:
        self._session = self._sessions()
        self.users = SqlUserRepository(self._session)
        self.posts = SqlPostRepository(self._session)
        self.tokens = SqlTokenRepository(self._session)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        # Whatever was not committed is discarded, so a failed use case leaves no trace.
        self.rollback()
        self._session.close()

    def commit(self) -> None:
        self._session.commit()

    def rollback(self) -> None:
        self._session.rollback()
