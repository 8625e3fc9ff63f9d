"""Request and response bodies."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from inkwell.domain.model import Status


# TODO(kata): A researcher published a post they do not own with one PATCH, and signed up as an
# admin by adding one field to the sign-up form.
class _RequestBody(BaseModel):
    # Be liberal in what we accept: clients send whatever their forms hold.
    model_config = ConfigDict(extra="ignore")


class NewPost(_RequestBody):
    title: str = Field(min_length=1, max_length=200)
    body: str = Field(max_length=20_000)
    author_id: int | None = None  # lets the support team post on a member's behalf


class PostPatch(_RequestBody):
    title: str | None = Field(default=None, min_length=1, max_length=200)
    body: str | None = Field(default=None, max_length=20_000)
    status: Status | None = None
    author_id: int | None = None


class NewUser(_RequestBody):
    email: str = Field(max_length=320)
    display_name: str = Field(min_length=1, max_length=100)
    role: str = "member"


class ProfilePatch(_RequestBody):
    display_name: str = Field(min_length=1, max_length=100)
    role: str | None = None


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
