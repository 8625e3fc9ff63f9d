"""Use cases about posts: drafting, publishing, reading."""

from __future__ import annotations

from datetime import UTC, datetime

from inkwell.application.ports import PostRepository, TagRepository, UserRepository
from inkwell.domain.model import Post, PostStatus, Tag
from inkwell.domain.rules import slugify


def create_draft(
    author_id: int,
    title: str,
    body: str,
    tag_names: list[str],
    *,
    users: UserRepository,
    posts: PostRepository,
    tags: TagRepository,
) -> Post:
    # TODO(kata): Task 1. Return Result[Post, NotFound | ValidationFailed]: Err(NotFound) for an
    # unknown author, Err(ValidationFailed) with the field "title" or "tags" for a blank title or
    # an unknown tag name.
    if users.get(author_id) is None:
        raise Exception("author not found")
    if not title.strip():
        raise ValueError("title is required")
    found = [_find_tag(tags, name) for name in tag_names]
    post = Post(author_id, title.strip(), _free_slug(title, posts), body, tags=found)
    return posts.add(post)


def publish_post(actor_id: int, post_id: int, *, posts: PostRepository) -> Post | str | None:
    # TODO(kata): Task 1. Return Result[Post, NotFound | PermissionDenied | Conflict] instead of
    # None, an error string and a ValueError.
    post = posts.get(post_id)
    if post is None:
        return None
    if post.author_id != actor_id:
        return "error: only the author may publish"
    if post.status != PostStatus.DRAFT:
        raise ValueError(f"post is already {post.status}")
    post.status, post.published_at = PostStatus.PUBLISHED, datetime.now(UTC)
    posts.save(post)
    return post


def get_post(post_id: int, *, posts: PostRepository) -> Post | None:
    # TODO(kata): Task 1. Return Result[Post, NotFound]: a None travels far before it crashes.
    return posts.get(post_id)


def _find_tag(tags: TagRepository, name: str) -> Tag | None:
    # TODO(kata): Task 2. Let the repository's exceptions through (they are bugs or outages, not
    # unknown tags) and turn an unknown name into an Err in create_draft. Task 5: nothing swallowed.
    try:
        return tags.get_by_name(name)
    except Exception:
        return None


def _free_slug(title: str, posts: PostRepository) -> str:
    base = candidate = slugify(title)
    n = 1
    while posts.slug_taken(candidate):
        n += 1
        candidate = f"{base[:55]}-{n}"
    return candidate
