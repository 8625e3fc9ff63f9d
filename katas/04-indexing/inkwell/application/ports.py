"""Every port of Inkwell: what the use cases need from storage, as protocols.

Repositories add and read; only the unit of work commits, so a use case's change is written
whole or not at all, and a refused one (a taken email, an unknown author) leaves nothing.
"""

from __future__ import annotations

from types import TracebackType
from typing import Protocol, Self

from inkwell.domain.errors import Conflict, Invalid
from inkwell.domain.model import Comment, Post, PostSummary, User
from inkwell.domain.result import Result


class Accounts(Protocol):
    def add(self, *, email: str, display_name: str) -> Result[User, Conflict]: ...

    def by_email(self, email: str) -> User | None: ...


class Posts(Protocol):
    def add(self, *, author_id: int, title: str, slug: str, body: str) -> Result[Post, Conflict | Invalid]: ...

    def by_slug(self, slug: str) -> Post | None: ...

    def published_by(self, author_id: int, *, limit: int) -> list[PostSummary]: ...

    def published_with_tag(self, tag: str, *, limit: int) -> list[PostSummary]: ...

    def comments_on(self, post_id: int) -> list[Comment]: ...


class UnitOfWork(Protocol):
    accounts: Accounts
    posts: Posts

    def __enter__(self) -> Self: ...

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None: ...

    def commit(self) -> None: ...
