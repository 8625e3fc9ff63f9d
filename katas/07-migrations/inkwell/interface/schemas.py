"""Request and response bodies of release 2's HTTP API."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

HANDLE = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class NewUser(BaseModel):
    email: str = Field(max_length=320)
    given_name: str = Field(min_length=1, max_length=100)
    family_name: str = Field(default="", max_length=100)
    handle: str = Field(pattern=HANDLE, max_length=120)


class UserOut(BaseModel):
    id: int
    email: str
    given_name: str
    family_name: str
    handle: str
    role: str
    created_at: datetime
