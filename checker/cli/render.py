"""How reports, lists and findings look: aligned, coloured in a terminal, plain when piped."""

from __future__ import annotations

import json
from typing import Any

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from checker.catalog import Kata
from checker.cli.context import invocation
from checker.doctor import Finding
from checker.progress import KataProgress
from checker.report import CheckReport, TaskScore

MARK = {True: ("✓", "green"), False: ("✗", "red")}


def print_json(out: Console, data: Any) -> None:
    out.print_json(json.dumps(data), highlight=False) if out.is_terminal else print(json.dumps(data, indent=2))


def report(out: Console, result: CheckReport, progress: KataProgress) -> None:
    kata = result.kata
    colour = "green" if result.complete else ("yellow" if result.score else "red")
    total = "100" if result.hidden_suite else f"{result.available:g} public points"
    head = Text.assemble((f"{kata.id}", "bold"), f"  {kata.title}  ", (f"{result.score:g}/{total}", f"bold {colour}"))
    out.print(head)
    width = max(len(task.title) for task in result.tasks)
    for task in result.tasks:
        _task_line(out, kata, task, progress, width)
    for problem in (*result.notices, *result.problems):
        out.print(Text.assemble(("  ! ", "bold yellow"), problem))
    public = sum(1 for t in result.tests if not t.hidden)
    suites = f"{public} public, {len(result.tests) - public} hidden" if result.hidden_suite else f"{public} public"
    out.print(Text(f"  {len(result.tests)} tests ({suites}) in {result.seconds:.1f} s", style="dim"))
    if not result.hidden_suite:
        extra = kata.reviewer_checks
        adds = f"the reviewer's suite adds {extra} more checks" if extra else "the reviewer's suite adds its own checks"
        out.print(
            Text(f"  Only the public checks ran here; {adds}: the full grading is with your facilitator.", style="dim")
        )


def _task_line(out: Console, kata: Kata, task: TaskScore, progress: KataProgress, width: int) -> None:
    if not task.tests:
        out.print(Text(f"  ·  {task.number}  {task.title:<{width}}  graded by your facilitator", style="dim"))
        return
    mark, colour = MARK[task.passed]
    share = "" if task.available == task.points else f" (of {task.points})"
    out.print(
        Text.assemble(
            (f"  {mark} ", colour),
            (f"{task.number}  ", "bold"),
            f"{task.title:<{width}}  ",
            (f"{task.earned:g}/{task.available:g}", colour),
            (share, "dim"),
        )
    )
    failure = task.first_failure
    if failure is None:
        return
    _indented(out, Text(failure.title, style="bold"))
    _indented(out, Text(failure.message or "(no message)"))
    shown = progress.hints.get(task.number, 0)
    levels = len(kata.tasks[task.number - 1].hints)
    if shown < levels:
        out.print(
            Text(
                f"      hint: {invocation()} hint {kata.id} --task {task.number}  (level {shown + 1} of {levels})",
                style="cyan",
            )
        )
    else:
        out.print(
            Text(
                f"      all {levels} hint levels seen: {invocation()} hint {kata.id} --task {task.number} --level {levels}",
                style="cyan",
            )
        )


def _indented(out: Console, text: Text) -> None:
    if out.is_terminal:
        out.print(Padding(text, (0, 0, 0, 6)))  # wrapped lines keep the indent
    else:
        for line in text.split():
            out.print(Text("      ") + line)  # piped: whole lines, never cut


def katas(out: Console, rows: list[tuple[Kata, KataProgress]], current: Kata) -> None:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for column, justify in (
        ("", "left"),
        ("kata", "left"),
        ("title", "left"),
        ("tasks", "right"),
        ("time", "right"),
        ("status", "left"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for kata, progress in rows:
        style = "green" if progress.done else ("yellow" if progress.best is not None else "")
        table.add_row(
            "→" if kata.id == current.id else "",
            kata.id,
            kata.title,
            str(len(kata.tasks)),
            f"{kata.minutes} min",
            Text(progress.status, style=style),
        )
    out.print(table)


def findings(out: Console, found: list[Finding]) -> None:
    width = max(len(f.name) for f in found)
    for finding in found:
        mark, colour = MARK[finding.ok] if finding.ok or finding.blocking else ("–", "yellow")
        line = Text.assemble((f"{mark} ", colour), f"{finding.name:<{width}}  ", finding.detail)
        if finding.fix:
            line.append(f"\n  {' ' * width}  fix: {finding.fix}", style="yellow")
        out.print(line)
