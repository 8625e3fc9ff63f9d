"""The repository ports, as abstract base classes: an adapter must inherit and implement them."""

from __future__ import annotations

import abc

from inkwell.domain.model import Post, User


class UserRepository(abc.ABC):
    @abc.abstractmethod
    def add(self, user: User) -> User: ...

    @abc.abstractmethod
    def get(self, user_id: int) -> User | None: ...

    @abc.abstractmethod
    def get_by_email(self, email: str) -> User | None: ...


class PostRepository(abc.ABC):
    @abc.abstractmethod
    def add(self, post: Post) -> Post: ...

    @abc.abstractmethod
    def get(self, post_id: int) -> Post | None: ...

    @abc.abstractmethod
    def slug_taken(self, slug: str) -> bool: ...

    @abc.abstractmethod
    def save(self, post: Post) -> None: ...


class TokenRepository(abc.ABC):
    @abc.abstractmethod
    def issue(self, user_id: int) -> str: ...

    @abc.abstractmethod
    def user_id_for(self, token: str) -> int | None: ...
