"""The JSON shapes of the API."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from inkwell.domain.model import Post, User


class NewUser(BaseModel):
    email: str = Field(max_length=320)
    display_name: str = Field(min_length=1, max_length=100)


class UserOut(BaseModel):
    id: int
    email: str
    display_name: str
    role: str

    @classmethod
    def of(cls, user: User) -> UserOut:
        return cls(id=user.id or 0, email=user.email, display_name=user.display_name, role=user.role)


class NewToken(BaseModel):
    email: str = Field(max_length=320)


class TokenOut(BaseModel):
    token: str


class NewPost(BaseModel):
    title: str = Field(max_length=200)
    body: str
    tags: list[str] = []


class PostOut(BaseModel):
    id: int
    author_id: int
    title: str
    slug: str
    body: str
    status: str
    tags: list[str]
    created_at: datetime
    published_at: datetime | None

    @classmethod
    def of(cls, post: Post) -> PostOut:
        return cls(
            id=post.id or 0,
            author_id=post.author_id,
            title=post.title,
            slug=post.slug,
            body=post.body,
            status=post.status,
            tags=[tag.name for tag in post.tags],
            created_at=post.created_at,
            published_at=post.published_at,
        )
