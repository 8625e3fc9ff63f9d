"""Request and response bodies.

Request bodies forbid unknown fields: a client that sends `status` or `author_id` hears 422
instead of having the field silently dropped today and silently honoured after a refactor.
Server-owned fields (ids, authors, statuses, slugs, dates, roles) appear only in responses.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class _RequestBody(BaseModel):
    # "forbid", not "ignore": a dropped field today is an honoured one after the next refactor.
    model_config = ConfigDict(extra="forbid")


class NewPost(_RequestBody):
    title: str = Field(min_length=1, max_length=200)
    body: str = Field(max_length=20_000)


class PostPatch(_RequestBody):
    title: str | None = Field(default=None, min_length=1, max_length=200)
    body: str | None = Field(default=None, max_length=20_000)


class NewUser(_RequestBody):
    email: str = Field(max_length=320)
    display_name: str = Field(min_length=1, max_length=100)


class ProfilePatch(_RequestBody):
    display_name: str = Field(min_length=1, max_length=100)


class PostOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    author_id: int
    title: str
    slug: str
    body: str
    status: str
    created_at: datetime
    published_at: datetime | None


class PublicUser(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    display_name: str


class Me(PublicUser):
    email: str
    role: str
