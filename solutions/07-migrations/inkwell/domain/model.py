"""A member of Inkwell, as release 2 knows them: names split in two, and a handle of their own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class User:
    id: int
    email: str
    given_name: str
    family_name: str
    handle: str
    role: str
    created_at: datetime
