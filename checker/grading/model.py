"""What grading produces: a grade per kata, per submission, and for the batch; plain data that
round-trips through JSON, so shards graded on different machines can be merged."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from checker.report import TestResult

NOT_ATTEMPTED = ("missing", "unchanged")


@dataclass
class TaskGrade:
    number: int
    title: str
    points: int
    earned: float
    hint: str = ""  # the first hint level: what to read when the task failed


@dataclass
class KataGrade:
    kata: str
    status: str  # graded, tampered, missing, unchanged (the starter as shipped), refused, error
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)  # why the kata scored 0 despite its tests
    problems: list[str] = field(default_factory=list)  # what stopped the run itself: timeouts, crashes
    tasks: list[TaskGrade] = field(default_factory=list)
    tests: list[TestResult] = field(default_factory=list)
    seconds: float = 0.0
    # Under the outside judge: the part of `score` that rests on checks the run decided itself
    # (checker.grading.judge); None under the in-process judge, where all of it does.
    self_reported: float | None = None
    self_reported_tests: list[str] = field(default_factory=list)  # ids of the tests the run decided

    @property
    def attempted(self) -> bool:
        """Handed in and changed: a missing kata folder or an untouched starter is no attempt."""
        return self.status not in NOT_ATTEMPTED

    @property
    def verdict(self) -> str:
        """What the gradebook and the table show for this kata: the score, or why there is none."""
        if self.status == "graded":
            return f"{self.score:g}"
        return "not attempted" if not self.attempted else f"0 {self.status}"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> KataGrade:
        tasks = [TaskGrade(**t) for t in data.get("tasks", [])]
        tests = [TestResult(**{**t, "rules": tuple(t.get("rules", ()))}) for t in data.get("tests", [])]
        return cls(**{**data, "tasks": tasks, "tests": tests})


@dataclass
class SubmissionGrade:
    name: str
    location: str
    kind: str
    learner: str | None = None
    refused: str | None = None
    error: str | None = None  # the grader itself failed on this submission; the batch went on
    katas: dict[str, KataGrade] = field(default_factory=dict)
    review: list[str] = field(default_factory=list)  # static scan findings: "file:line what"

    @property
    def label(self) -> str:
        return self.learner or self.name

    @property
    def total(self) -> float:
        return round(sum(k.score for k in self.katas.values()), 2)

    @property
    def attempted(self) -> bool:
        return any(k.attempted for k in self.katas.values())

    @property
    def status(self) -> str:
        """The gradebook's status: error, refused, not attempted, needs review or ok."""
        if self.error or self.refused:
            return "error" if self.error else "refused"
        if not self.attempted:
            return "not attempted"
        return "needs review" if self.flags else "ok"

    @property
    def flags(self) -> list[str]:
        flags = [f"refused: {self.refused}"] if self.refused else []
        if self.error:
            flags.append(f"grader error: {self.error}")
        for grade in self.katas.values():
            if grade.status == "error":
                flags.append(f"grader error {grade.kata}: {'; '.join(grade.reasons)}")
            elif grade.status == "tampered":
                flags.append(f"tampered {grade.kata}: {'; '.join(grade.reasons)}")
            elif grade.problems:
                flags.append(f"problems {grade.kata}: {len(grade.problems)}")
        if self.review:
            flags.append(f"needs review: {'; '.join(self.review[:5])}" + (" ..." if len(self.review) > 5 else ""))
        return flags

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["total"] = self.total
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SubmissionGrade:
        data = {k: v for k, v in data.items() if k != "total"}
        katas = {k: KataGrade.from_dict(v) for k, v in data.get("katas", {}).items()}
        return cls(**{**data, "katas": katas})


@dataclass
class Batch:
    katas: list[str]
    grades: list[SubmissionGrade]
    environment: list[str] = field(default_factory=list)  # what the isolation achieved on this machine
    shard: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "katas": self.katas,
            "environment": self.environment,
            "shard": self.shard,
            "grades": [g.to_dict() for g in self.grades],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Batch:
        grades = [SubmissionGrade.from_dict(g) for g in data["grades"]]
        return cls(data["katas"], grades, data.get("environment", []), data.get("shard", ""))
