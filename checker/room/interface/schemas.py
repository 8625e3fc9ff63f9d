"""What the API accepts and returns. Strict: unknown fields are rejected, every size is bounded."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from checker.room.domain.model import Summary, TaskSummary

# Only bounded here: what a name may hold, and when two read the same, is the domain's rule (names.py).
Name = Annotated[str, StringConstraints(min_length=1, max_length=120)]
KataId = Annotated[str, StringConstraints(pattern=r"^\d{2}-[a-z0-9-]{1,40}$")]
Points = Annotated[float, Field(ge=0, le=100)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class JoinIn(Strict):
    name: Name


class SessionIn(Strict):
    token: Annotated[str, StringConstraints(min_length=1, max_length=200)]


class JoinOut(Strict):
    room: str
    room_name: str
    learner_id: int
    token: str


class TaskIn(Strict):
    number: Annotated[int, Field(ge=1, le=50)]
    title: Annotated[str, StringConstraints(min_length=1, max_length=120)]
    points: Points
    earned: Points
    passed: bool


class ReportIn(Strict):
    report_id: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
    kata: KataId
    score: Points
    complete: bool
    seconds: Annotated[float, Field(ge=0, le=86_400)]
    # JSON has no datetime: this one field parses a string, and must carry its time zone.
    checked_at: Annotated[AwareDatetime, Field(strict=False)]
    tasks: Annotated[list[TaskIn], Field(min_length=1, max_length=50)]

    @model_validator(mode="after")
    def _consistent(self) -> ReportIn:
        try:
            self.checked_at.astimezone(UTC)
        except (OverflowError, ValueError):
            raise ValueError("checked_at is out of range") from None
        if any(t.earned > t.points for t in self.tasks):
            raise ValueError("a task earned more than its points")
        if any(t.passed and t.earned != t.points for t in self.tasks):
            raise ValueError("a task passed without earning its points")
        if abs(sum(t.earned for t in self.tasks) - self.score) > 0.01:
            raise ValueError("the score is not the sum of the tasks' points")
        if self.complete and not all(t.passed for t in self.tasks):
            raise ValueError("a complete check with a failing task")
        if len({t.number for t in self.tasks}) != len(self.tasks):
            raise ValueError("task numbers repeat")
        return self

    def to_summary(self) -> Summary:
        tasks = tuple(TaskSummary(t.number, t.title, t.points, t.earned, t.passed) for t in self.tasks)
        return Summary(self.report_id, self.kata, self.score, self.complete, self.seconds, self.checked_at, tasks)


class ReportOut(Strict):
    stored: bool


class ProgressOut(Strict):
    kata: str
    best: float
    last: float
    checks: int
    done: bool
    started_at: datetime
    last_at: datetime
    failing: list[int]


class RoomOut(Strict):
    code: str
    name: str
    status: str
    closed_at: datetime | None
