"""Rooms, learners, the summaries their checks send, and each learner's progress on a kata."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum


class RoomStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    ARCHIVED = "archived"


@dataclass(frozen=True)
class Room:
    id: int
    code: str
    name: str
    status: RoomStatus
    created_at: datetime
    closed_at: datetime | None = None
    version: int = 0  # grows with every join and report: the page asks "anything new since v?"

    @property
    def is_open(self) -> bool:
        return self.status is RoomStatus.OPEN


@dataclass(frozen=True)
class Learner:
    id: int
    room_id: int
    name: str
    joined_at: datetime


@dataclass(frozen=True)
class TaskSummary:
    number: int
    title: str
    points: float
    earned: float
    passed: bool


@dataclass(frozen=True)
class Summary:
    """What one check sends: never code, only the kata, the scores, the duration and the time."""

    report_id: str  # chosen by the learner's copy, so that a retried report is stored once
    kata: str
    score: float
    complete: bool
    seconds: float
    checked_at: datetime
    tasks: tuple[TaskSummary, ...]

    @property
    def failing(self) -> tuple[TaskSummary, ...]:
        return tuple(t for t in self.tasks if not t.passed)


@dataclass(frozen=True)
class Progress:
    """One learner on one kata, folded from every summary in the order the checks ran."""

    learner_id: int
    kata: str
    best: float
    last: float
    checks: int
    started_at: datetime
    last_at: datetime
    finished_at: datetime | None
    failing: tuple[tuple[int, str], ...]  # (number, title) of the tasks the latest check failed

    @classmethod
    def first(cls, learner_id: int, summary: Summary) -> Progress:
        return cls(
            learner_id=learner_id,
            kata=summary.kata,
            best=summary.score,
            last=summary.score,
            checks=1,
            started_at=summary.checked_at,
            last_at=summary.checked_at,
            finished_at=summary.checked_at if summary.complete else None,
            failing=tuple((t.number, t.title) for t in summary.failing),
        )

    def merge(self, summary: Summary) -> Progress:
        # Queued summaries arrive late and out of order: the latest check wins, whenever it arrives.
        merged = replace(
            self,
            best=max(self.best, summary.score),
            checks=self.checks + 1,
            started_at=min(self.started_at, summary.checked_at),
            finished_at=_earliest(self.finished_at, summary.checked_at if summary.complete else None),
        )
        if summary.checked_at >= self.last_at:
            failing = tuple((t.number, t.title) for t in summary.failing)
            merged = replace(merged, last=summary.score, last_at=summary.checked_at, failing=failing)
        return merged

    @property
    def done(self) -> bool:
        return self.finished_at is not None

    def spent(self, now: datetime) -> timedelta:
        """From the first check to the first pass; still counting while the kata is not done."""
        end = self.finished_at or max(now, self.last_at)
        return max(end - self.started_at, timedelta(0))


def _earliest(a: datetime | None, b: datetime | None) -> datetime | None:
    present = [d for d in (a, b) if d is not None]
    return min(present) if present else None
