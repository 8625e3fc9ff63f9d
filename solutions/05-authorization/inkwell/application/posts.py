"""The post use cases, one function each. Each asks the policy before it touches a post, so a
check cannot be forgotten in one entry point and remembered in another."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from inkwell.application import policy
from inkwell.application.errors import NotFound, PermissionDenied
from inkwell.application.policy import Action
from inkwell.application.ports import PostQuery, UnitOfWork, UnitOfWorkFactory
from inkwell.domain import model
from inkwell.domain.model import Post, Status, User
from inkwell.domain.text import slugify, unique_slug


def _now() -> datetime:
    return datetime.now(UTC)


def create_post(new_uow: UnitOfWorkFactory, actor: User | None, *, title: str, body: str) -> Post:
    # The author is the caller, always: no argument can name somebody else.
    if actor is None:
        raise PermissionDenied("Sign in to write a post.")
    with new_uow() as uow:
        slug = unique_slug(title, uow.posts.slugs_starting_with(slugify(title)))
        post = uow.posts.add(author_id=actor.id, title=title, slug=slug, body=body, now=_now())
        uow.commit()
        return post


def read_post(new_uow: UnitOfWorkFactory, actor: User | None, post_id: int) -> Post:
    with new_uow() as uow:
        return _authorized(uow, actor, Action.READ, post_id)


def list_posts(
    new_uow: UnitOfWorkFactory,
    actor: User | None,
    *,
    status: Status | str | None = None,
    author_id: int | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[Post]:
    # Filters narrow the caller's scope; they never widen it. A script passes the status as a
    # plain string ("draft"), the route as a Status: read both as the domain's Status.
    wanted = None if status is None else Status(status)
    query = PostQuery(policy.list_scope(actor), wanted, author_id, None, limit, offset)
    with new_uow() as uow:
        return uow.posts.find(query)


def search_posts(
    new_uow: UnitOfWorkFactory, actor: User | None, text: str, *, limit: int = 20, offset: int = 0
) -> list[Post]:
    query = PostQuery(policy.list_scope(actor), None, None, text, limit, offset)
    with new_uow() as uow:
        return uow.posts.find(query)


def edit_post(
    new_uow: UnitOfWorkFactory, actor: User | None, post_id: int, *, title: str | None = None, body: str | None = None
) -> Post:
    with new_uow() as uow:
        post = _authorized(uow, actor, Action.EDIT, post_id)
        edited = replace(post, title=post.title if title is None else title, body=post.body if body is None else body)
        uow.posts.save(edited)
        uow.commit()
        return edited


def delete_post(new_uow: UnitOfWorkFactory, actor: User | None, post_id: int) -> None:
    with new_uow() as uow:
        _authorized(uow, actor, Action.DELETE, post_id)
        uow.posts.delete(post_id)
        uow.commit()


def publish_post(new_uow: UnitOfWorkFactory, actor: User | None, post_id: int) -> Post:
    with new_uow() as uow:
        published = model.publish(_authorized(uow, actor, Action.PUBLISH, post_id), _now())
        uow.posts.save(published)
        uow.commit()
        return published


def archive_post(new_uow: UnitOfWorkFactory, actor: User | None, post_id: int) -> Post:
    with new_uow() as uow:
        archived = model.archive(_authorized(uow, actor, Action.ARCHIVE, post_id))
        uow.posts.save(archived)
        uow.commit()
        return archived


USE_CASES = (create_post, read_post, list_posts, search_posts, edit_post, delete_post, publish_post, archive_post)


def _authorized(uow: UnitOfWork, actor: User | None, action: Action, post_id: int) -> Post:
    post = uow.posts.get(post_id)
    if post is None:
        raise NotFound("No post has this id.")
    policy.authorize(actor, action, post)
    return post
