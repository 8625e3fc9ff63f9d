"""The unit-of-work port as an abstract base class; leaving it rolls back what was not committed."""

from __future__ import annotations

import abc
from typing import Self

from inkwell.domain.ports import PostRepository, TokenRepository, UserRepository


class UnitOfWork(abc.ABC):
    users: UserRepository
    posts: PostRepository
    tokens: TokenRepository

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.rollback()

    @abc.abstractmethod
    def commit(self) -> None: ...

    @abc.abstractmethod
    def rollback(self) -> None: ...
