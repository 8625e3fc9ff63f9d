"""The progress line of `kata grade`: runs done of all runs (one per kata of each submission), the
runs going on now, the time spent and the time left."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from checker.grading.model import SubmissionGrade
from checker.inert import one_line


class RunProgress:
    """Counts kata runs as the grader reports them; safe to call from the grader's threads."""

    def __init__(self, bar: Progress, task: TaskID, katas: int) -> None:
        self.bar, self.task, self.katas = bar, task, katas
        self.running: dict[tuple[str, str], None] = {}  # in start order
        self.done: dict[str, int] = {}
        self._lock = threading.Lock()

    def on_run(self, submission: str, kata: str, done: bool) -> None:
        with self._lock:
            if done:
                self.running.pop((submission, kata), None)
                self.done[submission] = self.done.get(submission, 0) + 1
            else:
                self.running[(submission, kata)] = None
            self._show()

    def on_graded(self, grade: SubmissionGrade) -> None:
        with self._lock:  # a refused submission runs nothing: all its runs are done at once
            self.done[grade.name] = self.katas
            self.running = {key: None for key in self.running if key[0] != grade.name}
            self._show()

    def _show(self) -> None:
        now = [f"{one_line(submission)} › {kata}" for submission, kata in self.running]
        shown = ", ".join(now[:3]) + (f" and {len(now) - 3} more" if len(now) > 3 else "")
        self.bar.update(self.task, completed=sum(self.done.values()), description=escape(shown))


@contextmanager
def run_progress(terminal: Console, *, submissions: int, katas: int, quiet: bool) -> Iterator[RunProgress]:
    columns = (
        TextColumn("grading"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("runs"),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
        TextColumn("{task.description}"),
    )
    with Progress(*columns, console=terminal, transient=True, disable=quiet or not terminal.is_terminal) as bar:
        task = bar.add_task("", total=submissions * katas)
        yield RunProgress(bar, task, katas)
