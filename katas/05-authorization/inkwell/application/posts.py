"""The post use cases."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

from inkwell.application.errors import NotFound
from inkwell.application.ports import PostQuery, UnitOfWork, UnitOfWorkFactory
from inkwell.domain import model
from inkwell.domain.model import Post, Status, User
from inkwell.domain.text import slugify, unique_slug


class PostService:
    def __init__(self, unit_of_work: UnitOfWorkFactory, clock: Callable[[], datetime] | None = None):
        self._uow = unit_of_work
        self._now = clock or (lambda: datetime.now(UTC))

    def create_post(self, actor: User | None, *, title: str, body: str, author_id: int | None = None) -> Post:
        # The support team sometimes posts on a member's behalf.
        with self._uow() as uow:
            slug = unique_slug(title, uow.posts.slugs_starting_with(slugify(title)))
            author = author_id or (actor.id if actor else 0)
            post = uow.posts.add(author_id=author, title=title, slug=slug, body=body, now=self._now())
            uow.commit()
            return post

    # TODO(kata): Task 5. Every use case below must ask the one policy (Task 1) before it
    # touches a post, and raise NotFound or PermissionDenied itself: the routes are only one way
    # in, and a script or a job calling these methods must meet the same rules.
    def read_post(self, actor: User | None, post_id: int) -> Post:
        with self._uow() as uow:
            return _existing(uow, post_id)

    # TODO(kata): Task 2. Lists and searches must show a caller only what they may read: the
    # published posts plus their own for a member, everything for staff. Scope the query itself.
    def list_posts(
        self,
        actor: User | None,
        *,
        status: Status | None = None,
        author_id: int | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> list[Post]:
        with self._uow() as uow:
            return uow.posts.find(PostQuery(status, author_id, None, limit, offset))

    def search_posts(self, actor: User | None, text: str, *, limit: int = 20, offset: int = 0) -> list[Post]:
        with self._uow() as uow:
            return uow.posts.find(PostQuery(None, None, text, limit, offset))

    def edit_post(
        self,
        actor: User | None,
        post_id: int,
        *,
        title: str | None = None,
        body: str | None = None,
        status: Status | None = None,
        author_id: int | None = None,
    ) -> Post:
        with self._uow() as uow:
            post = _existing(uow, post_id)
            changes = {"title": title, "body": body, "status": status, "author_id": author_id}
            edited = replace(post, **{k: v for k, v in changes.items() if v is not None})
            uow.posts.save(edited)
            uow.commit()
            return edited

    def delete_post(self, actor: User | None, post_id: int) -> None:
        with self._uow() as uow:
            _existing(uow, post_id)
            uow.posts.delete(post_id)
            uow.commit()

    def publish_post(self, actor: User | None, post_id: int) -> Post:
        with self._uow() as uow:
            published = model.publish(_existing(uow, post_id), self._now())
            uow.posts.save(published)
            uow.commit()
            return published

    def archive_post(self, actor: User | None, post_id: int) -> Post:
        with self._uow() as uow:
            archived = model.archive(_existing(uow, post_id))
            uow.posts.save(archived)
            uow.commit()
            return archived


def _existing(uow: UnitOfWork, post_id: int) -> Post:
    post = uow.posts.get(post_id)
    if post is None:
        raise NotFound("No post has this id.")
    return post
