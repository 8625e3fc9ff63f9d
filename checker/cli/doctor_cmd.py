"""`kata doctor`: can this machine run the katas? One line per check, a fix for each problem."""

from __future__ import annotations

from typing import Annotated

import typer

from checker.cli import render
from checker.cli.context import console, project
from checker.doctor import run_doctor


def command(as_json: Annotated[bool, typer.Option("--json", help="Print the findings as JSON.")] = False) -> None:
    """Check Python, the dependencies, SQLite's features and the folders the katas write to."""
    found = run_doctor(project().root)
    out = console()
    if as_json:
        render.print_json(out, [f.__dict__ for f in found])
    else:
        render.findings(out, found)
        problems = sum(1 for f in found if not f.ok)
        out.print("\n[bold green]Ready.[/]" if not problems else f"\n[bold red]{problems} problem(s) to fix.[/]")
    raise typer.Exit(0 if all(f.ok for f in found) else 1)
