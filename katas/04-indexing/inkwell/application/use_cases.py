"""The workload: each use case returns a Result, never None or a bare exception."""

from __future__ import annotations

from inkwell.application.ports import Accounts, Posts
from inkwell.domain.errors import Conflict, Invalid, NotFound
from inkwell.domain.model import Comment, Post, PostSummary, User
from inkwell.domain.result import Err, Ok, Result
from inkwell.text import normalise_email

PAGE_SIZE = 20


def register(accounts: Accounts, *, email: str, display_name: str) -> Result[User, Conflict | Invalid]:
    try:
        cleaned = normalise_email(email)
    except ValueError as error:
        return Err(Invalid("email", str(error)))
    return accounts.add(email=cleaned, display_name=display_name)


def log_in(accounts: Accounts, *, email: str) -> Result[User, NotFound]:
    try:
        cleaned = normalise_email(email)
    except ValueError:
        return Err(NotFound("account"))
    user = accounts.by_email(cleaned)
    return Ok(user) if user is not None else Err(NotFound("account"))


def write_post(posts: Posts, *, author_id: int, title: str, slug: str, body: str) -> Result[Post, Conflict]:
    return posts.add(author_id=author_id, title=title, slug=slug, body=body)


def read_post(posts: Posts, slug: str) -> Result[Post, NotFound]:
    post = posts.by_slug(slug)
    return Ok(post) if post is not None else Err(NotFound("post"))


def author_feed(posts: Posts, author_id: int) -> list[PostSummary]:
    return posts.published_by(author_id, limit=PAGE_SIZE)


def tag_page(posts: Posts, tag: str) -> list[PostSummary]:
    return posts.published_with_tag(tag, limit=PAGE_SIZE)


def comments_on(posts: Posts, slug: str) -> Result[list[Comment], NotFound]:
    post = posts.by_slug(slug)
    return Ok(posts.comments_on(post.id)) if post is not None else Err(NotFound("post"))
