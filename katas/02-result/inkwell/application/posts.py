"""Use cases about posts: drafting, publishing, reading."""

from __future__ import annotations

from datetime import UTC, datetime

from inkwell.application.ports import PostRepository, TagRepository, UnitOfWork
from inkwell.domain.model import Post, PostStatus, Tag
from inkwell.domain.rules import numbered_slug, slugify


def create_draft(author_id: int, title: str, body: str, tag_names: list[str], *, uow: UnitOfWork) -> Post:
    # TODO(kata): a draft with an unknown tag answers 400 "'NoneType' object has no attribute 'id'".
    if not title.strip():
        raise ValueError("title is required")
    with uow:
        if uow.users.get(author_id) is None:
            raise Exception("author not found")
        found = [_find_tag(uow.tags, name) for name in tag_names]
        post = uow.posts.add(Post(author_id, title.strip(), _free_slug(title, uow.posts), body, tags=found))
        uow.commit()
    return post


def publish_post(actor_id: int, post_id: int, *, uow: UnitOfWork) -> Post | str | None:
    # TODO(kata): publishing another writer's post answers 200 {"error": ...}; publishing a post
    # twice answers a plain-text Internal Server Error.
    with uow:
        post = uow.posts.get(post_id)
        if post is None:
            return None
        if post.author_id != actor_id:
            return "error: only the author may publish"
        if post.status != PostStatus.DRAFT:
            raise ValueError(f"post is already {post.status}")
        post.status, post.published_at = PostStatus.PUBLISHED, datetime.now(UTC)
        uow.posts.save(post)
        uow.commit()
    return post


def get_post(post_id: int, *, uow: UnitOfWork) -> Post | None:
    # TODO(kata): a client crashed on a post that does not exist, far from the call that asked for it.
    with uow:
        return uow.posts.get(post_id)


def _find_tag(tags: TagRepository, name: str) -> Tag | None:
    # TODO(kata): during last week's database hiccup, writers were told their tags do not exist.
    try:
        return tags.get_by_name(name)
    except Exception:
        return None


def _free_slug(title: str, posts: PostRepository) -> str:
    base = candidate = slugify(title)
    n = 1
    while posts.slug_taken(candidate):
        n += 1
        candidate = numbered_slug(base, n)
    return candidate
