"""`kata list`: every kata with its status, estimated time, and the next one to do."""

from __future__ import annotations

from typing import Annotated

import typer

from checker.cli import render
from checker.cli.context import console, invocation, project


def command(as_json: Annotated[bool, typer.Option("--json", help="Print the list as JSON.")] = False) -> None:
    """List the katas: status, tasks, estimated time; the arrow marks the next one to do."""
    here = project()
    rows = [(kata, here.store.of(kata.id)) for kata in here.catalog.katas]
    current = here.current()
    out = console()
    if as_json:
        render.print_json(
            out,
            {
                "next": current.id,
                "katas": [
                    {
                        "id": k.id,
                        "title": k.title,
                        "minutes": k.minutes,
                        "status": p.status,
                        "best": p.best,
                        "done": p.done,
                        "tasks": [{"number": t.number, "title": t.title, "points": t.points} for t in k.tasks],
                    }
                    for k, p in rows
                ],
            },
        )
        return
    render.katas(out, rows, current)
    done = sum(1 for _, p in rows if p.done)
    out.print(
        f"\n{done} of {len(rows)} done. Next: [bold]{invocation()} check {current.id}[/]  ({current.minutes} min)"
    )
