"""What the use cases need from storage, as protocols the infrastructure implements."""

from __future__ import annotations

from typing import Protocol

from inkwell.domain.errors import Conflict
from inkwell.domain.model import Comment, Post, PostSummary, User
from inkwell.domain.result import Result


class Accounts(Protocol):
    def add(self, *, email: str, display_name: str) -> Result[User, Conflict]: ...

    def by_email(self, email: str) -> User | None: ...


class Posts(Protocol):
    def add(self, *, author_id: int, title: str, slug: str, body: str) -> Result[Post, Conflict]: ...

    def by_slug(self, slug: str) -> Post | None: ...

    def published_by(self, author_id: int, *, limit: int) -> list[PostSummary]: ...

    def published_with_tag(self, tag: str, *, limit: int) -> list[PostSummary]: ...

    def comments_on(self, post_id: int) -> list[Comment]: ...
