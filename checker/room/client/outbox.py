"""The local queue: every summary is written here first, and leaves only once the server has it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

KEEP = 1000  # a copy offline for a whole day checks far fewer times than this


class Outbox:
    def __init__(self, root: Path) -> None:
        folder = root / ".kata"
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / "room-outbox.db"

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=5)
        db.execute("create table if not exists outbox (id text primary key, body text not null, queued real)")
        return db

    def put(self, summary: dict[str, Any]) -> None:
        with self._connect() as db:
            db.execute(
                "insert or ignore into outbox values (?, ?, julianday('now'))",
                (summary["report_id"], json.dumps(summary)),
            )
            db.execute(f"delete from outbox where id not in (select id from outbox order by queued desc limit {KEEP})")

    def pending(self, limit: int = 100) -> list[dict[str, Any]]:
        with self._connect() as db:
            rows = db.execute("select body from outbox order by queued limit ?", (limit,)).fetchall()
        return [json.loads(body) for (body,) in rows]

    def remove(self, report_id: str) -> None:
        with self._connect() as db:
            db.execute("delete from outbox where id = ?", (report_id,))

    def clear(self) -> None:
        with self._connect() as db:
            db.execute("delete from outbox")

    def __len__(self) -> int:
        with self._connect() as db:
            return int(db.execute("select count(*) from outbox").fetchone()[0])
