"""Inkwell's entities as plain objects: what a user, a post and a tag are."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum


def _now() -> datetime:
    return datetime.now(UTC)


class Role(StrEnum):
    MEMBER = "member"
    EDITOR = "editor"
    ADMIN = "admin"


class PostStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"


@dataclass
class User:
    email: str
    display_name: str
    role: Role = Role.MEMBER
    id: int | None = None
    created_at: datetime = field(default_factory=_now)


@dataclass
class Tag:
    name: str
    id: int | None = None


@dataclass
class Post:
    author_id: int
    title: str
    slug: str
    body: str
    status: PostStatus = PostStatus.DRAFT
    tags: list[Tag] = field(default_factory=list)
    id: int | None = None
    created_at: datetime = field(default_factory=_now)
    published_at: datetime | None = None
