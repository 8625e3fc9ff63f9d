"""`kata submit`: one zip of your kata folders, with a manifest, to hand to your facilitator."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from checker.catalog import Kata
from checker.cli.context import console, fail, invocation, is_interactive, project
from checker.runner.workspace import SubmissionError
from checker.workshop.submission import build_submission


def command(
    name: Annotated[str | None, typer.Option("--name", help="Your name, as your facilitator knows you.")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Folder to write the zip into (default: here).")] = None,
) -> None:
    """Zip your kata folders with a manifest (name, katas, file hashes, last checks) for `kata grade`."""
    here = project()
    if not name:
        if not is_interactive():
            fail(f"Add your name: {invocation()} submit --name 'Ada Lovelace'.")
        name = typer.prompt("Your name")
    try:
        made = build_submission(here.catalog, here.store, name, out or here.root)
    except (SubmissionError, OSError) as error:
        fail(str(error))
    show = console()
    size = made.path.stat().st_size / 1024
    files = len(made.manifest["files"])
    show.print(f"[bold green]Submission written[/]: {made.path} ({size:.0f} KB, {files} files)", soft_wrap=True)
    for kata_id, last in made.manifest["checks"].items():
        if last is None:
            state = "never checked"
        else:
            state = _last_check(here.catalog.get(kata_id), last)
        show.print(f"  {kata_id:<20} {state}")
    show.print("Hand this file to your facilitator. Submitting again replaces it.")


def _last_check(kata: Kata, last: dict[str, Any]) -> str:
    if kata.has_hidden_suite:
        return f"last check {last['score']:g}/100" + (", every task passes" if last["complete"] else "")
    # A learner copy scores its public tests only: "complete" says they all pass, and no more.
    extra = kata.reviewer_checks
    adds = f"the reviewer's suite adds {extra} more checks" if extra else "the reviewer's suite adds its own"
    return f"last check {last['score']:g} public points" + (f"; public checks pass, {adds}" if last["complete"] else "")
