"""The shapes of requests and responses. Validation of form (types, lengths) happens here;
business rules do not."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class NewUser(BaseModel):
    email: str = Field(max_length=320)
    display_name: str = Field(min_length=1, max_length=100)


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    display_name: str
    role: str


class RegisteredUserOut(UserOut):
    token: str  # shown once, at registration


class NewPost(BaseModel):
    title: str = Field(max_length=200)
    body: str = Field(max_length=100_000)


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
