"""The outcome of a check: each test's result, each task's score, and the kata's score."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from checker.catalog import Kata


@dataclass(frozen=True)
class TestResult:
    __test__ = False  # a result, not a test class: pytest collects classes named Test* from test modules

    id: str
    task: int
    points: float
    title: str
    outcome: str  # passed, failed, skipped, timeout, not-run
    message: str = ""
    seconds: float = 0.0
    hidden: bool = False
    rules: tuple[str, ...] = ()  # the README rules the test declares it proves

    @property
    def passed(self) -> bool:
        return self.outcome == "passed"


# A task is a competence: done when every check of it passes. A passing check of a task that is
# not done counts this share of its points, so breaking any one rule of a task costs at least
# half of that task, and a rule that carries more of the task's checks costs more.
UNFINISHED_TASK_SHARE = 0.5


def task_earned(points_passed: float, points_all: float) -> float:
    """The points a task earns from the points of its passing checks and of all its checks."""
    if points_passed >= points_all:
        return points_all
    return round(points_passed * UNFINISHED_TASK_SHARE, 2)


def check_earned(test: TestResult, task_done: bool) -> float:
    """What one check adds to the score: its points, half of them while its task is not done."""
    if not test.passed:
        return 0.0
    return test.points if task_done else round(test.points * UNFINISHED_TASK_SHARE, 2)


@dataclass(frozen=True)
class TaskScore:
    number: int
    title: str
    points: int
    earned: float
    tests: tuple[TestResult, ...]

    @property
    def available(self) -> float:
        """The points the tests that ran could award: all of them, or the public share in a learner copy."""
        return sum(t.points for t in self.tests)

    @property
    def passed(self) -> bool:
        return bool(self.tests) and all(t.passed for t in self.tests)

    @property
    def first_failure(self) -> TestResult | None:
        return next((t for t in self.tests if not t.passed), None)


@dataclass(frozen=True)
class CheckReport:
    kata: Kata
    tests: tuple[TestResult, ...]
    problems: tuple[str, ...] = ()  # things that stopped the check itself: timeouts, crashes, suite defects
    seconds: float = 0.0
    hidden_suite: bool = True
    # What the checker saw before running, apart from the run: the kata's contract missing from the
    # submission. Grading reads problems, never these.
    notices: tuple[str, ...] = ()
    tasks: tuple[TaskScore, ...] = field(init=False)

    def __post_init__(self) -> None:
        scores = []
        for task in self.kata.tasks:
            mine = tuple(t for t in self.tests if t.task == task.number)
            earned = task_earned(sum(t.points for t in mine if t.passed), sum(t.points for t in mine))
            scores.append(TaskScore(task.number, task.title, task.points, earned, mine))
        object.__setattr__(self, "tasks", tuple(scores))

    @property
    def score(self) -> float:
        return round(sum(t.earned for t in self.tasks), 2)

    @property
    def available(self) -> float:
        """The points the suites that ran could award: 100, or fewer without the hidden suite."""
        return round(sum(t.points for t in self.tests), 2)

    @property
    def complete(self) -> bool:
        """Every test passed; with the hidden suite, that is all 100 points."""
        everything = all(t.passed for t in self.tests) and bool(self.tests)
        return everything and not self.problems and (self.score >= 100 or not self.hidden_suite)

    def verdict(self) -> str:
        """One sentence on a complete check that never claims more than the suites that ran."""
        if not self.complete:
            return ""
        if self.hidden_suite:
            return f"All {len(self.kata.tasks)} tasks pass."
        ran = len(self.tests)
        extra = self.kata.reviewer_checks
        adds = f"the reviewer's suite adds {extra} more" if extra else "the reviewer's suite adds checks of its own"
        return f"Public checks pass ({ran} of {ran}); {adds}, and only it can say the kata passes."

    def to_dict(self) -> dict[str, Any]:
        return {
            "kata": self.kata.id,
            "score": self.score,
            "max_score": 100,
            "available": self.available,
            "complete": self.complete,
            "hidden_suite": self.hidden_suite,
            "verdict": self.verdict(),
            "reviewer_checks": None if self.hidden_suite else self.kata.reviewer_checks,
            "seconds": round(self.seconds, 3),
            "problems": list(self.problems),
            "notices": list(self.notices),
            "tasks": [
                {"number": t.number, "title": t.title, "points": t.points, "earned": t.earned, "passed": t.passed}
                for t in self.tasks
            ],
            "tests": [asdict(t) for t in self.tests],
        }
