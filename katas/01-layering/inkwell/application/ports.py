"""Every port of the application: the repositories, and the unit of work that holds them.

The use cases are written against these Protocols only; the infrastructure implements them with
SQLAlchemy, a test with dictionaries. A lookup that finds nothing answers `None`: whether that
is a failure is the use case's call.
"""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING, Protocol, Self

if TYPE_CHECKING:  # the entities of the domain layer, which the split has not reached yet
    from inkwell.domain.model import Post, User


class UserRepository(Protocol):
    def add(self, user: User) -> User: ...  # sets user.id
    def get(self, user_id: int) -> User | None: ...
    def get_by_email(self, email: str) -> User | None: ...


class PostRepository(Protocol):
    def add(self, post: Post) -> Post: ...  # sets post.id
    def get(self, post_id: int) -> Post | None: ...  # a fresh copy: changing it changes nothing stored
    def slug_taken(self, slug: str) -> bool: ...
    def save(self, post: Post) -> None: ...  # writes back the changes made to a loaded post


class TokenRepository(Protocol):
    def issue(self, user_id: int) -> str: ...
    def user_id_for(self, token: str) -> int | None: ...


class UnitOfWork(Protocol):
    """One transaction: `commit()` makes the changes last; leaving without a commit discards them."""

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
