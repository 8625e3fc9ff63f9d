"""Every port of Inkwell: what the use cases need from storage, as protocols.

Repositories add and read; only the unit of work commits, so a refused registration leaves nothing.
"""

from __future__ import annotations

from types import TracebackType
from typing import Protocol, Self

from inkwell.domain.errors import Conflict
from inkwell.domain.model import User
from inkwell.domain.result import Result


class Accounts(Protocol):
    def add(self, *, email: str, given_name: str, family_name: str, handle: str) -> Result[User, Conflict]: ...

    def by_id(self, user_id: int) -> User | None: ...

    def newest(self, *, limit: int) -> list[User]: ...


class UnitOfWork(Protocol):
    accounts: Accounts

    def __enter__(self) -> Self: ...

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None: ...

    def commit(self) -> None: ...
