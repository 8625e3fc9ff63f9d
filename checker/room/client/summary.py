"""A check's summary as the room receives it: the kata, the scores per task, the duration, the time.

Never code, never test names or messages: only what the facilitator's board shows.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from checker.report import CheckReport


def summary_of(result: CheckReport, *, at: datetime | None = None) -> dict[str, Any]:
    return {
        "report_id": uuid.uuid4().hex,  # the same id on every retry: the server stores it once
        "kata": result.kata.id,
        "score": result.score,
        "complete": result.complete,
        "seconds": round(min(result.seconds, 86_400), 3),
        "checked_at": (at or datetime.now(UTC)).isoformat(),
        "tasks": [
            {"number": t.number, "title": t.title[:120], "points": t.points, "earned": t.earned, "passed": t.passed}
            for t in result.tasks
        ],
    }
