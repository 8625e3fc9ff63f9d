"""Every port of Inkwell's read side: what the use cases need from the outside world.

A query port answers views for one page. It reads and never writes, so the unit of work of the
read side opens and closes one session per request and has nothing to commit.
"""

from __future__ import annotations

from types import TracebackType
from typing import Protocol, Self

from inkwell.application.views import AuthorPost, AuthorRef, AuthorSummary, FeedItem, Page
from inkwell.domain.paging import PageRequest


class FeedQueries(Protocol):
    def page(self, request: PageRequest) -> Page[FeedItem]: ...


class AuthorQueries(Protocol):
    def find(self, author_id: int) -> AuthorRef | None: ...
    def page(self, request: PageRequest) -> Page[AuthorSummary]: ...
    def posts(self, author_id: int, request: PageRequest) -> Page[AuthorPost]: ...


class UnitOfWork(Protocol):
    feed: FeedQueries
    authors: AuthorQueries

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None: ...
