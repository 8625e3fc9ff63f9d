"""`kata hint`: staged hints for a task, recording which levels were used."""

from __future__ import annotations

from typing import Annotated

import typer

from checker.catalog import Kata
from checker.cli.context import Project, console, fail, invocation, project
from checker.hints import HintError, show_hint


def command(
    kata_id: Annotated[str, typer.Argument(help="Kata id, e.g. 00-welcome.")],
    task: Annotated[
        int | None, typer.Option("--task", "-t", help="Task number (default: the first not yet passed).")
    ] = None,
    level: Annotated[int | None, typer.Option("--level", "-l", help="Hint level (default: the next one).")] = None,
) -> None:
    """Show the next hint level for a task: a nudge, then the technique, then the shape of the code."""
    here = project()
    kata = here.kata(kata_id)
    number = task if task is not None else _first_open_task(here, kata)
    try:
        hint = show_hint(kata, here.store, number, level)
    except HintError as error:
        fail(str(error))
    out = console()
    out.print(f"[bold]{kata.id} · task {hint.task}: {hint.task_title}[/]  [dim]hint {hint.level} of {hint.levels}[/]")
    out.print(f"  {hint.text}")
    if hint.level < hint.levels:
        out.print(f"[dim]  More: {invocation()} hint {kata.id} --task {hint.task}[/]")
    else:
        out.print(f"[dim]  That was the last level. Once the kata passes: {invocation()} solution {kata.id}[/]")


def _first_open_task(here: Project, kata: Kata) -> int:
    """The task the learner most likely needs: the first failing one, else the first with hints left."""
    progress = here.store.of(kata.id)
    if progress.failing:
        return progress.failing[0]
    seen = progress.hints
    for task in kata.tasks:
        if seen.get(task.number, 0) < len(task.hints):
            return task.number
    return kata.tasks[-1].number
