"""Every port of the use cases: storage, the outside service, and time."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Protocol

from inkwell.domain.errors import Unavailable
from inkwell.domain.model import Post, Preview, User
from inkwell.result import Result

Clock = Callable[[], float]  # seconds, only ever compared with each other
Sleeper = Callable[[float], None]
Random = Callable[[], float]  # a float in [0, 1)


class Posts(Protocol):
    def get(self, post_id: int) -> Post | None: ...
    def add(self, *, author_id: int, title: str, body: str, link: str | None, preview: Preview | None) -> Post: ...


class Users(Protocol):
    def get(self, user_id: int) -> User | None: ...
    def add(self, *, email: str, display_name: str, password_hash: str, now: datetime) -> User: ...
    def password_hash(self, email: str) -> tuple[int, str] | None: ...
    def add_token(self, user_id: int, token_hash: str) -> None: ...
    def by_token(self, token_hash: str) -> User | None: ...


class UnitOfWork(Protocol):
    @property
    def posts(self) -> Posts: ...
    @property
    def users(self) -> Users: ...

    def commit(self) -> None: ...


UnitOfWorkFactory = Callable[[], AbstractContextManager[UnitOfWork]]


class Previews(Protocol):
    """The outside service's link previews."""

    def fetch(self, url: str) -> Result[Preview, Unavailable]: ...


class Mailer(Protocol):
    """The outside service's paid e-mail. `key` names one message: the same key, one delivery."""

    def send(self, *, to: str, subject: str, text: str, key: str) -> Result[None, Unavailable]: ...
