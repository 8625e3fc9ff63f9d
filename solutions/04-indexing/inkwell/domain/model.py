"""What the workload reads and writes, as plain values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class User:
    id: int
    email: str
    display_name: str
    role: str


@dataclass(frozen=True)
class PostSummary:
    id: int
    title: str
    slug: str
    created_at: datetime


@dataclass(frozen=True)
class Post:
    id: int
    author_id: int
    title: str
    slug: str
    body: str
    status: str
    created_at: datetime


@dataclass(frozen=True)
class Comment:
    id: int
    author_name: str
    body: str
    created_at: datetime
