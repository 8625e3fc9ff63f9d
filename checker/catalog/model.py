"""What a kata is: its metadata and where its parts live."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Task:
    number: int
    title: str
    points: int
    hints: tuple[str, ...]
    starter_fails: bool = True
    starter_says: str = ""


@dataclass(frozen=True)
class Kata:
    id: str
    title: str
    order: int
    summary: str
    minutes: int
    package: str
    contract: str
    tasks: tuple[Task, ...]
    root: Path  # the project (or learner copy) root that holds katas/ and solutions/
    # In a learner copy: how many checks the reviewer's hidden suite adds to the public ones.
    reviewer_checks: int | None = None
    # Test processes an interactive check runs side by side, each with a share of the suites' files.
    processes: int = 1

    @property
    def folder(self) -> Path:
        return self.root / "katas" / self.id

    @property
    def starter(self) -> Path:
        return self.folder / self.package

    @property
    def public_tests(self) -> Path:
        return self.folder / "tests"

    @property
    def solution_folder(self) -> Path:
        return self.root / "solutions" / self.id

    @property
    def hidden_tests(self) -> Path:
        return self.solution_folder / "hidden"

    @property
    def decoys(self) -> Path:
        return self.solution_folder / "decoys"

    @property
    def notebook(self) -> Path:
        return self.root / "notebooks" / f"{self.id}.ipynb"

    @property
    def has_hidden_suite(self) -> bool:
        return self.hidden_tests.is_dir()

    @property
    def has_solution(self) -> bool:
        return (self.solution_folder / self.package).is_dir()

    @property
    def readme(self) -> Path:
        return self.folder / "README.md"

    def task(self, number: int) -> Task | None:
        return next((task for task in self.tasks if task.number == number), None)
