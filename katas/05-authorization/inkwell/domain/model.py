"""Users and posts, and the only moves a post's status may make."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum


class Status(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"


@dataclass(frozen=True)
class User:
    id: int
    email: str
    display_name: str
    # Stored as the legacy directory wrote it ("Editor", "ADMIN"): read it through the policy.
    role: str
    created_at: datetime


@dataclass(frozen=True)
class Post:
    id: int
    author_id: int
    title: str
    slug: str
    body: str
    status: Status
    created_at: datetime
    published_at: datetime | None = None


class InvalidTransition(Exception):
    """The post's status does not allow this move (publishing twice, archiving a draft)."""


def publish(post: Post, now: datetime) -> Post:
    if post.status is not Status.DRAFT:
        raise InvalidTransition(f"Only a draft can be published; this post is {post.status}.")
    return replace(post, status=Status.PUBLISHED, published_at=now)


def archive(post: Post) -> Post:
    if post.status is not Status.PUBLISHED:
        raise InvalidTransition(f"Only a published post can be archived; this post is {post.status}.")
    return replace(post, status=Status.ARCHIVED)
