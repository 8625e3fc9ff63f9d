"""Inkwell's entities: plain objects that hold the business rules.

They are not ORM-mapped (not even imperatively): the infrastructure copies rows into them and
back, so a rule here can be tested by building an object, with no database in sight.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from inkwell.domain.errors import NotPostAuthor, PostNotPublishable

MIN_BODY_LENGTH = 30


class Role(StrEnum):
    MEMBER = "member"
    EDITOR = "editor"
    ADMIN = "admin"


class PostStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class User:
    email: str
    display_name: str
    role: Role = Role.MEMBER
    created_at: datetime = field(default_factory=utc_now)
    id: int | None = None  # set by the repository when the user is first stored


@dataclass
class Post:
    author_id: int
    title: str
    slug: str
    body: str
    status: PostStatus = PostStatus.DRAFT
    created_at: datetime = field(default_factory=utc_now)
    published_at: datetime | None = None
    id: int | None = None

    def publish(self, *, actor_id: int, now: datetime) -> None:
        """Publish the post, or raise the domain error of the rule it breaks."""
        if actor_id != self.author_id:
            raise NotPostAuthor("Only the author of a post may publish it.")
        if self.status == PostStatus.PUBLISHED:
            return  # published_at is set once: publishing again changes nothing
        if self.status == PostStatus.ARCHIVED:
            raise PostNotPublishable("An archived post cannot be published again.")
        if not self.title.strip():
            raise PostNotPublishable("A post needs a title before it is published.")
        if len(self.body.strip()) < MIN_BODY_LENGTH:
            raise PostNotPublishable(f"A post needs a body of at least {MIN_BODY_LENGTH} characters.")
        self.status = PostStatus.PUBLISHED
        self.published_at = now
