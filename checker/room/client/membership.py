"""Which room this copy joined, and the learner's own token: `.kata/room.json`, readable by its owner only."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Membership:
    url: str
    room: str
    room_name: str
    name: str
    learner_id: int
    token: str


def membership_file(root: Path) -> Path:
    return root / ".kata" / "room.json"


def load(root: Path) -> Membership | None:
    try:
        return Membership(**json.loads(membership_file(root).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def save(root: Path, membership: Membership) -> Path:
    path = membership_file(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Created with owner-only permissions: the token is the learner's alone.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        json.dump(asdict(membership), file, indent=2)
    return path
