"""Users and posts. A post may carry a link; its preview comes from the outside service, later."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class User:
    id: int
    email: str
    display_name: str
    created_at: datetime


@dataclass(frozen=True)
class Preview:
    title: str
    description: str | None = None


@dataclass(frozen=True)
class Post:
    id: int
    author_id: int
    title: str
    body: str
    link: str | None
    preview: Preview | None
    created_at: datetime

    @property
    def preview_status(self) -> str:
        # "pending": the link is saved and its preview is owed; nothing made up stands in for it.
        if self.link is None:
            return "none"
        return "pending" if self.preview is None else "ready"
