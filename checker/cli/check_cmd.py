"""`kata check`: run a kata's suites against your work and report task by task."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from checker.catalog import Kata
from checker.cli import render
from checker.cli.context import Project, console, fail, invocation, project
from checker.report import CheckReport
from checker.room import client as room
from checker.runner.launch import FreshLauncher, Launcher, WithSettings
from checker.runner.process import Limits, check, side_by_side
from checker.runner.workspace import SubmissionError

KataArg = Annotated[
    str | None,
    typer.Argument(
        help="Kata id, e.g. 00-welcome (default: the kata whose folder you are in, else the current one).",
        show_default=False,
    ),
]
PathOpt = Annotated[Path | None, typer.Option("--path", help="Check a copy elsewhere: a solution, a submission.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object (score, tasks, tests).")]
TimeoutOpt = Annotated[float, typer.Option("--timeout", min=1, help="Seconds one test may run.")]


def command(
    kata_id: KataArg = None, path: PathOpt = None, as_json: JsonOpt = False, timeout: TimeoutOpt = 20.0
) -> None:
    """Check a kata: the report per task, with the first failure and the hint to try."""
    here = project()
    kata = here.kata(kata_id) if kata_id else here.here_or_current()
    out = console()
    result = run_and_record(here, kata, path, out=None if as_json else out, timeout=timeout)
    if as_json:
        render.print_json(out, result.to_dict())
    else:
        render.report(out, result, here.store.of(kata.id))
        closing(out, here, result, own_work=path is None)
    raise typer.Exit(0 if result.complete else 1)


def run_and_record(
    here: Project, kata: Kata, path: Path | None, *, out: Console | None, timeout: float = 20.0
) -> CheckReport:
    """Check, with a progress bar on a terminal; progress is recorded only for the learner's own folder."""
    limits, jobs = Limits(per_test=timeout), side_by_side(kata)
    try:
        if out is not None and out.is_terminal:
            result = _with_progress(out, kata, path, limits, _launcher(here), jobs)
        else:
            result = check(kata, path, limits=limits, launcher=_launcher(here), jobs=jobs)
    except SubmissionError as error:
        fail(str(error))
    if path is None or path.resolve() == kata.folder.resolve():
        here.store.record_check(result)
        room.report_in_background(here.root, result)
    return result


def _launcher(here: Project) -> Launcher:
    """A fresh interpreter per check, with Hypothesis's storage in the project's `.hypothesis/`
    (git-ignored, left out of every copy), where `kata watch`'s warm worker keeps it too. In the
    run's own scratch folder the Unicode tables that `st.text()` needs were rebuilt on every check
    (about a million characters encoded: 1.2-1.7 s of 02's 4 s)."""
    return WithSettings(FreshLauncher(), {"HYPOTHESIS_STORAGE_DIRECTORY": str(here.root / ".hypothesis")})


def _with_progress(
    out: Console, kata: Kata, path: Path | None, limits: Limits, launcher: Launcher, jobs: int
) -> CheckReport:
    columns = (TextColumn("checking {task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=out, transient=True) as bar:
        task = bar.add_task(kata.id, total=None)

        def advance(_: object) -> None:
            bar.advance(task)

        return check(kata, path, limits=limits, listener=advance, launcher=launcher, jobs=jobs)


def closing(out: Console, here: Project, result: CheckReport, *, own_work: bool) -> None:
    if not result.complete:
        return
    following = here.catalog.after(result.kata.id)
    out.print(f"[bold green]{result.verdict()}[/]")
    if own_work:
        if result.kata.has_solution:
            out.print(f"  Compare with the reference: {invocation()} solution {result.kata.id}")
        if following:
            out.print(
                f"  Next: {invocation()} check {following.id}  ({following.title}, about {following.minutes} min)"
            )
