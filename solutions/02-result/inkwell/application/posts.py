"""Use cases about posts: drafting, publishing, reading."""

from __future__ import annotations

from datetime import UTC, datetime

from inkwell.application.ports import PostRepository, UnitOfWork
from inkwell.domain.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from inkwell.domain.model import Post, PostStatus, Tag
from inkwell.domain.rules import numbered_slug, slugify
from inkwell.result import Err, Ok, Result


def create_draft(
    author_id: int, title: str, body: str, tag_names: list[str], *, uow: UnitOfWork
) -> Result[Post, NotFound | ValidationFailed]:
    if not title.strip():
        return Err(ValidationFailed("A post needs a title.", {"title": "blank"}))
    with uow:
        if uow.users.get(author_id) is None:
            return Err(NotFound(f"No user has id {author_id}."))
        # An unknown tag is the client's mistake, said at once: never a None that crashes later.
        found = [(name, uow.tags.get_by_name(name)) for name in tag_names]
        unknown = [name for name, tag in found if tag is None]
        if unknown:
            names = ", ".join(unknown)
            return Err(ValidationFailed(f"Unknown tags: {names}.", {"tags": f"unknown: {names}"}))
        known = [tag for _, tag in found if isinstance(tag, Tag)]
        post = uow.posts.add(Post(author_id, title.strip(), _free_slug(title, uow.posts), body, tags=known))
        uow.commit()
    return Ok(post)


def publish_post(
    actor_id: int, post_id: int, *, uow: UnitOfWork
) -> Result[Post, NotFound | PermissionDenied | Conflict]:
    with uow:
        post = uow.posts.get(post_id)
        if post is None:
            return Err(NotFound(f"No post has id {post_id}."))
        if post.author_id != actor_id:
            return Err(PermissionDenied("Only the author may publish this post."))
        if post.status != PostStatus.DRAFT:
            return Err(Conflict(f"The post is {post.status}; only a draft can be published."))
        post.status, post.published_at = PostStatus.PUBLISHED, datetime.now(UTC)
        uow.posts.save(post)
        uow.commit()
    return Ok(post)


def get_post(post_id: int, *, uow: UnitOfWork) -> Result[Post, NotFound]:
    with uow:
        post = uow.posts.get(post_id)
    return Ok(post) if post is not None else Err(NotFound(f"No post has id {post_id}."))


def _free_slug(title: str, posts: PostRepository) -> str:
    base = candidate = slugify(title)
    n = 1
    while posts.slug_taken(candidate):
        n += 1
        candidate = numbered_slug(base, n)
    return candidate
