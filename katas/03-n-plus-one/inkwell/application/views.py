"""What the read use cases answer: flat views made for one page each, not entities.

A read side that only shows data has no rule to protect, so it skips the entities and hands the
interface exactly what a page shows (see the README, "A read side without entities").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class AuthorRef:
    id: int
    display_name: str


@dataclass(frozen=True)
class FeedItem:
    id: int
    title: str
    slug: str
    published_at: datetime
    author: AuthorRef
    tags: list[str]
    comment_count: int


@dataclass(frozen=True)
class CommentView:
    id: int
    body: str
    created_at: datetime
    author: AuthorRef


@dataclass(frozen=True)
class AuthorPost:
    id: int
    title: str
    slug: str
    published_at: datetime
    comments: list[CommentView]


@dataclass(frozen=True)
class AuthorSummary:
    id: int
    display_name: str
    post_count: int


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_offset: int | None


@dataclass(frozen=True)
class AuthorPage:
    author: AuthorRef
    items: list[AuthorPost]
    next_offset: int | None
