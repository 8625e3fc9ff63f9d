"""The workload: each use case returns a Result for what can be refused, never None or a bare exception."""

from __future__ import annotations

from inkwell.application.ports import UnitOfWork
from inkwell.domain.errors import Conflict, Invalid, NotFound
from inkwell.domain.model import Comment, Post, PostSummary, User
from inkwell.domain.result import Err, Ok, Result
from inkwell.domain.text import normalise_email

PAGE_SIZE = 20


def register(uow: UnitOfWork, *, email: str, display_name: str) -> Result[User, Conflict | Invalid]:
    try:
        cleaned = normalise_email(email)
    except ValueError as error:
        return Err(Invalid("email", str(error)))
    with uow:
        # No lookup first: the unique index decides, atomically, whether the address is free.
        added = uow.accounts.add(email=cleaned, display_name=display_name)
        if isinstance(added, Ok):
            uow.commit()
        return added


def log_in(uow: UnitOfWork, *, email: str) -> Result[None, Invalid]:
    try:
        cleaned = normalise_email(email)
    except ValueError as error:
        return Err(Invalid("email", str(error)))
    with uow:
        # The sign-in link this would mail is out of scope; the lookup is what the workload
        # measures. Known or not, the caller hears the same thing: who has an account is private.
        uow.accounts.by_email(cleaned)
    return Ok(None)


def write_post(
    uow: UnitOfWork, *, author_id: int, title: str, slug: str, body: str
) -> Result[Post, Conflict | Invalid]:
    with uow:
        added = uow.posts.add(author_id=author_id, title=title, slug=slug, body=body)
        if isinstance(added, Ok):
            uow.commit()
        return added


def read_post(uow: UnitOfWork, slug: str) -> Result[Post, NotFound]:
    with uow:
        post = uow.posts.by_slug(slug)
    return Ok(post) if post is not None else Err(NotFound("post"))


def author_feed(uow: UnitOfWork, author_id: int) -> list[PostSummary]:
    with uow:
        return uow.posts.published_by(author_id, limit=PAGE_SIZE)


def tag_page(uow: UnitOfWork, tag: str) -> list[PostSummary]:
    with uow:
        return uow.posts.published_with_tag(tag, limit=PAGE_SIZE)


def comments_on(uow: UnitOfWork, slug: str) -> Result[list[Comment], NotFound]:
    with uow:
        post = uow.posts.by_slug(slug)
        return Ok(uow.posts.comments_on(post.id)) if post is not None else Err(NotFound("post"))
