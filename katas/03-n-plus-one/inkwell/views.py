"""What the read endpoints answer: small, flat shapes made for one page each."""

from __future__ import annotations

from datetime import datetime
from typing import Generic, TypeVar

from pydantic import BaseModel

T = TypeVar("T")


class AuthorRef(BaseModel):
    id: int
    display_name: str


class FeedItem(BaseModel):
    id: int
    title: str
    slug: str
    published_at: datetime
    author: AuthorRef
    tags: list[str]
    comment_count: int


class CommentView(BaseModel):
    id: int
    body: str
    created_at: datetime
    author: AuthorRef


class AuthorPost(BaseModel):
    id: int
    title: str
    slug: str
    published_at: datetime
    comments: list[CommentView]


class AuthorSummary(BaseModel):
    id: int
    display_name: str
    post_count: int


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_offset: int | None


class AuthorPage(Page[AuthorPost]):
    author: AuthorRef
