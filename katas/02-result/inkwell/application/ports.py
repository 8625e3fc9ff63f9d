"""What the use cases need from the outside world, as protocols.

A repository answers `None` for "no such row": that is a lookup, not a failure. Turning it
into a failure (or not) is the use case's decision.
"""

from __future__ import annotations

from typing import Protocol

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


class Notifier(Protocol):
    # TODO(kata): Task 2. Declare the answer: Result[None, DeliveryFailed], so that a failed
    # delivery is a value the use case has to look at instead of an exception it may swallow.
    def send_welcome(self, user: User) -> None: ...
