"""The read use cases: the feed, the authors list, an author's page."""

from __future__ import annotations

from inkwell.application.ports import UnitOfWork
from inkwell.application.views import AuthorPage, AuthorSummary, FeedItem, Page
from inkwell.domain.errors import NotFound
from inkwell.domain.paging import PageRequest
from inkwell.result import Err, Ok, Result


def show_feed(request: PageRequest, *, uow: UnitOfWork) -> Page[FeedItem]:
    with uow:
        return uow.feed.page(request)


def list_authors(request: PageRequest, *, uow: UnitOfWork) -> Page[AuthorSummary]:
    with uow:
        return uow.authors.page(request)


def show_author(author_id: int, request: PageRequest, *, uow: UnitOfWork) -> Result[AuthorPage, NotFound]:
    with uow:
        author = uow.authors.find(author_id)
        if author is None:
            return Err(NotFound(f"No author has the id {author_id}."))
        posts = uow.authors.posts(author_id, request)
    return Ok(AuthorPage(author=author, items=posts.items, next_offset=posts.next_offset))
