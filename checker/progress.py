"""The learner's progress, kept in SQLite under `.kata/` (which git ignores).

Each check's score and each hint level shown are rows; the status of a kata is derived from them.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from checker.errors import KataError
from checker.report import CheckReport


@dataclass(frozen=True)
class KataProgress:
    kata: str
    best: float | None  # best score so far, None when never checked
    done: bool
    hints: dict[int, int]  # task number -> highest hint level shown
    failing: tuple[int, ...] = ()  # tasks that failed in the last check

    @property
    def status(self) -> str:
        if self.done:
            return "done"
        return "not started" if self.best is None else f"{self.best:g}/100"


class ProgressError(KataError):
    """The progress file cannot be read; the message says how to set it aside."""


# The columns each table must have; a file whose tables differ was not written by this checker.
_COLUMNS = {
    "checks": {"id", "kata", "score", "complete", "seconds", "at"},
    "hints": {"kata", "task", "level", "at"},
    "tasks": {"kata", "task", "passed"},
}


class ProgressStore:
    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / "progress.db"
        try:
            self.db = sqlite_utils.Database(self.path)
            self._create()
            self._verify()
        except sqlite3.DatabaseError as error:
            raise ProgressError(_damaged(self.path, str(error))) from None

    def _verify(self) -> None:
        for table, columns in _COLUMNS.items():
            found = {column.name for column in self.db.table(table).columns}
            if not columns <= found:
                raise ProgressError(_damaged(self.path, f"its table {table!r} lacks {sorted(columns - found)}"))

    def _create(self) -> None:
        self.db.table("checks").create(
            {"id": int, "kata": str, "score": float, "complete": int, "seconds": float, "at": str},
            pk="id",
            if_not_exists=True,
        )
        self.db.table("hints").create(
            {"kata": str, "task": int, "level": int, "at": str},
            pk=("kata", "task", "level"),
            if_not_exists=True,
        )
        self.db.table("tasks").create(
            {"kata": str, "task": int, "passed": int}, pk=("kata", "task"), if_not_exists=True
        )

    def record_check(self, report: CheckReport) -> None:
        self.db.table("checks").insert(
            {
                "kata": report.kata.id,
                "score": report.score,
                "complete": int(report.complete),
                "seconds": round(report.seconds, 3),
                "at": _now(),
            }
        )
        self.db.table("tasks").upsert_all(
            [{"kata": report.kata.id, "task": t.number, "passed": int(t.passed)} for t in report.tasks],
            pk=("kata", "task"),
        )

    def record_hint(self, kata: str, task: int, level: int) -> None:
        self.db.table("hints").insert({"kata": kata, "task": task, "level": level, "at": _now()}, replace=True)

    def of(self, kata: str) -> KataProgress:
        best = self.db.execute("select max(score), max(complete) from checks where kata = ?", [kata]).fetchone()
        hints = dict(
            self.db.execute("select task, max(level) from hints where kata = ? group by task", [kata]).fetchall()
        )
        failing = [
            row[0]
            for row in self.db.execute(
                "select task from tasks where kata = ? and passed = 0 order by task", [kata]
            ).fetchall()
        ]
        return KataProgress(kata=kata, best=best[0], done=bool(best[1]), hints=hints, failing=tuple(failing))

    def last_check(self, kata: str) -> dict[str, Any] | None:
        """The last local check of the kata, as a submission's manifest records it; None if never checked."""
        row = self.db.execute(
            "select score, complete, seconds, at from checks where kata = ? order by id desc limit 1", [kata]
        ).fetchone()
        if row is None:
            return None
        passed = self.db.execute("select task, passed from tasks where kata = ? order by task", [kata]).fetchall()
        return {
            "score": row[0],
            "complete": bool(row[1]),
            "seconds": row[2],
            "at": row[3],
            "tasks_passed": [task for task, ok in passed if ok],
            "tasks_failing": [task for task, ok in passed if not ok],
        }


def repair(project_root: Path) -> Path | None:
    """Set a damaged progress file aside (never deleted) so a new one starts; returns where it went."""
    path = project_root / ".kata" / "progress.db"
    if not path.exists():
        return None
    aside = path.with_name(f"progress.db.damaged-{datetime.now(UTC):%Y%m%dT%H%M%S}")
    for suffix in ("", "-wal", "-shm", "-journal"):
        part = path.with_name(path.name + suffix)
        if part.exists():
            part.rename(aside.with_name(aside.name + suffix))
    return aside


def _damaged(path: Path, why: str) -> str:
    return (
        f"{path} cannot be read ({why}). Run `uv run kata doctor --repair` to set it aside and start a new "
        "one: your kata folders are not touched, only the record of checks and hints starts afresh."
    )


def store_for(project_root: Path) -> ProgressStore:
    return ProgressStore(project_root / ".kata")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
