"""The JSON shapes of the API, read from the use cases' views."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict


class Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class AuthorRefOut(Out):
    id: int
    display_name: str


class FeedItemOut(Out):
    id: int
    title: str
    slug: str
    published_at: datetime
    author: AuthorRefOut
    tags: list[str]
    comment_count: int


class CommentOut(Out):
    id: int
    body: str
    created_at: datetime
    author: AuthorRefOut


class AuthorPostOut(Out):
    id: int
    title: str
    slug: str
    published_at: datetime
    comments: list[CommentOut]


class AuthorSummaryOut(Out):
    id: int
    display_name: str
    post_count: int


class FeedPageOut(Out):
    items: list[FeedItemOut]
    next_offset: int | None


class AuthorsPageOut(Out):
    items: list[AuthorSummaryOut]
    next_offset: int | None


class AuthorPageOut(Out):
    author: AuthorRefOut
    items: list[AuthorPostOut]
    next_offset: int | None
