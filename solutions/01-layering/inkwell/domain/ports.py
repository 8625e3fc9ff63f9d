"""The repository ports: what the use cases need from storage, and nothing of how it is done.

A lookup that finds nothing answers `None`; whether that is a failure is the use case's call.
"""

from __future__ import annotations

from typing import Protocol

from inkwell.domain.model import Post, User


class UserRepository(Protocol):
    def add(self, user: User) -> User: ...  # sets user.id
    def get(self, user_id: int) -> User | None: ...
    def get_by_email(self, email: str) -> User | None: ...


class PostRepository(Protocol):
    def add(self, post: Post) -> Post: ...  # sets post.id
    def get(self, post_id: int) -> Post | None: ...
    def slug_taken(self, slug: str) -> bool: ...
    def save(self, post: Post) -> None: ...  # writes back the changes made to a loaded post


class TokenRepository(Protocol):
    def issue(self, user_id: int) -> str: ...
    def user_id_for(self, token: str) -> int | None: ...
