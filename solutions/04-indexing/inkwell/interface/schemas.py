"""Request and response bodies of the HTTP API."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class NewUser(BaseModel):
    email: str = Field(max_length=320)
    display_name: str = Field(min_length=1, max_length=100)


class LogIn(BaseModel):
    email: str = Field(max_length=320)


class NewPost(BaseModel):
    author_id: int
    title: str = Field(min_length=1, max_length=200)
    slug: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)
    body: str = Field(min_length=1)


class UserOut(BaseModel):
    id: int
    email: str
    display_name: str
    role: str


class PostSummaryOut(BaseModel):
    id: int
    title: str
    slug: str
    created_at: datetime


class PostOut(PostSummaryOut):
    author_id: int
    body: str
    status: str


class CommentOut(BaseModel):
    id: int
    author_name: str
    body: str
    created_at: datetime
