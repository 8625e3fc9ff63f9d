"""`kata doctor`: can this machine run the katas? One line per check, a fix for each problem."""

from __future__ import annotations

from typing import Annotated

import typer

from checker.cli import render
from checker.cli.context import console, project
from checker.doctor import run_doctor
from checker.progress import repair
from checker.workshop.room import run_room_doctor


def command(
    as_json: Annotated[bool, typer.Option("--json", help="Print the findings as JSON.")] = False,
    room: Annotated[
        bool, typer.Option("--room", help="The workshop set-up check: also run a real check, end with a verdict.")
    ] = False,
    fix: Annotated[
        bool, typer.Option("--repair", help="Set a damaged progress record aside (kept, renamed) and start anew.")
    ] = False,
) -> None:
    """Check Python, the dependencies, SQLite's features, the folders the katas write to, the progress record."""
    if fix:
        aside = repair(project().root)
        console().print(
            f"Set the damaged progress record aside as {aside}." if aside else "No progress record to repair."
        )
    if room:
        _room(as_json)
    found = run_doctor(project().root)
    out = console()
    if as_json:
        render.print_json(out, [f.__dict__ for f in found])
    else:
        render.findings(out, found)
        problems = sum(1 for f in found if not f.ok and f.blocking)
        out.print("\n[bold green]Ready.[/]" if not problems else f"\n[bold red]{problems} problem(s) to fix.[/]")
    raise typer.Exit(0 if all(f.ok or not f.blocking for f in found) else 1)


def _room(as_json: bool) -> None:
    result = run_room_doctor(project().root)
    out = console()
    if as_json:
        findings = [f.__dict__ for f in result.findings]
        render.print_json(out, {"ready": result.ready, "verdict": result.verdict, "findings": findings})
    else:
        render.findings(out, list(result.findings))
        out.print(f"\n[bold {'green' if result.ready else 'red'}]{result.verdict}[/]")
    raise typer.Exit(0 if result.ready else 1)
