"""Every port of Inkwell: what the use cases need from the outside world, as protocols.

A repository answers `None` for "no such row": that is a lookup, not a failure. Turning it
into a failure (or not) is the use case's decision. Repositories add and change; only the unit
of work commits, so a use case's change is written whole or not at all.
"""

from __future__ import annotations

from types import TracebackType
from typing import Protocol, Self

from inkwell.domain.model import Post, Tag, User


class UserRepository(Protocol):
    def get(self, user_id: int) -> User | None: ...
    def get_by_email(self, email: str) -> User | None: ...
    def add(self, user: User) -> User: ...


class PostRepository(Protocol):
    def get(self, post_id: int) -> Post | None: ...
    def slug_taken(self, slug: str) -> bool: ...
    def add(self, post: Post) -> Post: ...
    def save(self, post: Post) -> None: ...


class TagRepository(Protocol):
    def get_by_name(self, name: str) -> Tag | None: ...


class TokenRepository(Protocol):
    def issue(self, user_id: int) -> str: ...
    def user_id_for(self, token: str) -> int | None: ...


class UnitOfWork(Protocol):
    users: UserRepository
    posts: PostRepository
    tags: TagRepository
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


class Notifier(Protocol):
    # TODO(kata): support cannot tell how many welcome emails never went out, nor to whom.
    def send_welcome(self, user: User) -> None: ...
