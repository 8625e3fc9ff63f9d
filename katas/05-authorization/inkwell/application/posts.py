"""The post use cases, one function each."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from inkwell.application.errors import NotFound
from inkwell.application.ports import PostQuery, UnitOfWork, UnitOfWorkFactory
from inkwell.domain import model
from inkwell.domain.model import Post, Status, User
from inkwell.domain.text import slugify, unique_slug


def _now() -> datetime:
    return datetime.now(UTC)


def create_post(
    new_uow: UnitOfWorkFactory, actor: User | None, *, title: str, body: str, author_id: int | None = None
) -> Post:
    # The support team sometimes posts on a member's behalf.
    with new_uow() as uow:
        slug = unique_slug(title, uow.posts.slugs_starting_with(slugify(title)))
        author = author_id or (actor.id if actor else 0)
        post = uow.posts.add(author_id=author, title=title, slug=slug, body=body, now=_now())
        uow.commit()
        return post


def read_post(new_uow: UnitOfWorkFactory, actor: User | None, post_id: int) -> Post:
    with new_uow() as uow:
        return _existing(uow, post_id)


def list_posts(
    new_uow: UnitOfWorkFactory,
    actor: User | None,
    *,
    status: Status | str | None = None,
    author_id: int | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[Post]:
    # TODO(kata): A member's unpublished drafts show up in other people's feeds and searches.
    wanted = None if status is None else Status(status)
    query = PostQuery(wanted, author_id, None, limit, offset)
    with new_uow() as uow:
        return uow.posts.find(query)


def search_posts(
    new_uow: UnitOfWorkFactory, actor: User | None, text: str, *, limit: int = 20, offset: int = 0
) -> list[Post]:
    query = PostQuery(None, None, text, limit, offset)
    with new_uow() as uow:
        return uow.posts.find(query)


# TODO(kata): A nightly import script called these functions and changed posts that belong to
# nobody it acts for; over HTTP, members edit each other's posts.
def edit_post(
    new_uow: UnitOfWorkFactory,
    actor: User | None,
    post_id: int,
    *,
    title: str | None = None,
    body: str | None = None,
    status: Status | None = None,
    author_id: int | None = None,
) -> Post:
    with new_uow() as uow:
        post = _existing(uow, post_id)
        changes = {"title": title, "body": body, "status": status, "author_id": author_id}
        edited = replace(post, **{k: v for k, v in changes.items() if v is not None})
        uow.posts.save(edited)
        uow.commit()
        return edited


def delete_post(new_uow: UnitOfWorkFactory, actor: User | None, post_id: int) -> None:
    with new_uow() as uow:
        _existing(uow, post_id)
        uow.posts.delete(post_id)
        uow.commit()


def publish_post(new_uow: UnitOfWorkFactory, actor: User | None, post_id: int) -> Post:
    with new_uow() as uow:
        published = model.publish(_existing(uow, post_id), _now())
        uow.posts.save(published)
        uow.commit()
        return published


def archive_post(new_uow: UnitOfWorkFactory, actor: User | None, post_id: int) -> Post:
    with new_uow() as uow:
        archived = model.archive(_existing(uow, post_id))
        uow.posts.save(archived)
        uow.commit()
        return archived


USE_CASES = (create_post, read_post, list_posts, search_posts, edit_post, delete_post, publish_post, archive_post)


def _existing(uow: UnitOfWork, post_id: int) -> Post:
    post = uow.posts.get(post_id)
    if post is None:
        raise NotFound("No post has this id.")
    return post
