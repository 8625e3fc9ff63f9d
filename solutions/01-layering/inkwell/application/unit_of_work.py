"""The unit-of-work port: one transaction, the repositories that work inside it.

Entering opens the transaction; `commit()` makes the changes last; leaving without a commit
discards them. A use case that raises therefore leaves nothing half written.
"""

from __future__ import annotations

from types import TracebackType
from typing import Protocol, Self

from inkwell.domain.ports import PostRepository, TokenRepository, UserRepository


class UnitOfWork(Protocol):
    users: UserRepository
    posts: PostRepository
    tokens: TokenRepository

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...
