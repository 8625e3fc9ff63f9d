"""Request and response bodies. Request bodies forbid fields they do not declare."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, HttpUrl


class _RequestBody(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Credentials(_RequestBody):
    email: str = Field(max_length=320)
    password: str = Field(max_length=200)


class NewPost(_RequestBody):
    title: str = Field(min_length=1, max_length=200)
    body: str = Field(max_length=20_000)
    link: HttpUrl | None = None


class NewInvite(_RequestBody):
    email: str = Field(min_length=3, max_length=320, pattern=r"^[^@\s]+@[^@\s]+$")


class TokenOut(BaseModel):
    token: str


class PreviewOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    title: str
    description: str | None


class PostOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    author_id: int
    title: str
    body: str
    link: str | None
    preview: PreviewOut | None
    preview_status: str


class InviteOut(BaseModel):
    email: str
    status: str
