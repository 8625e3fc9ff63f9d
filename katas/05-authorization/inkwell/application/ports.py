"""What the use cases need from storage, as ports; infrastructure/ implements them with SQLAlchemy."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from inkwell.domain.model import Post, Status, User


@dataclass(frozen=True)
class PostQuery:
    status: Status | None = None
    author_id: int | None = None
    text: str | None = None
    limit: int = 20
    offset: int = 0


class Posts(Protocol):
    def get(self, post_id: int) -> Post | None: ...
    def add(self, *, author_id: int, title: str, slug: str, body: str, now: datetime) -> Post: ...
    def save(self, post: Post) -> None: ...
    def delete(self, post_id: int) -> None: ...
    def find(self, query: PostQuery) -> list[Post]: ...
    def slugs_starting_with(self, prefix: str) -> set[str]: ...


class Users(Protocol):
    def get(self, user_id: int) -> User | None: ...
    def add(self, *, email: str, display_name: str, role: str, now: datetime) -> User:
        """Store a new user; raise EmailTaken when the address is taken."""

    def save(self, user: User) -> None: ...
    def add_token(self, user_id: int, token_hash: str) -> None: ...
    def by_token(self, token_hash: str) -> User | None: ...


class UnitOfWork(Protocol):
    # Read-only: a use case reads the repositories and never swaps them, so an adapter may
    # hold its own repository types (SqlPosts is a Posts).
    @property
    def posts(self) -> Posts: ...
    @property
    def users(self) -> Users: ...

    def commit(self) -> None: ...


UnitOfWorkFactory = Callable[[], AbstractContextManager[UnitOfWork]]
