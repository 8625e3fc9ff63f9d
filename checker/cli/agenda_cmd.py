"""`kata agenda`: a timed workshop plan, in Markdown, from the katas' estimates."""

from __future__ import annotations

from typing import Annotated

import typer

from checker.cli.context import fail, project
from checker.workshop.agenda import AgendaError, plan
from checker.workshop.agenda_text import agenda_markdown
from checker.workshop.mistakes import common_mistakes


def command(
    katas: Annotated[
        str | None, typer.Option("--katas", help="Comma-separated kata ids, in the order to run them (default: all).")
    ] = None,
    minutes: Annotated[int, typer.Option("--minutes", min=1, help="Length of the session in minutes.")] = 180,
    start: Annotated[str, typer.Option("--start", help="Clock time the session starts.")] = "09:00",
) -> None:
    """Print a timed plan (Markdown): opening, each kata with intro and debrief, breaks, closing."""
    here = project()
    chosen = [here.kata(k.strip()) for k in katas.split(",") if k.strip()] if katas else list(here.catalog.katas)
    try:
        agenda = plan(chosen, minutes)
        text = agenda_markdown(agenda, start=start, mistakes={k.id: common_mistakes(k) for k in agenda.katas})
    except (AgendaError, ValueError) as error:
        fail(str(error))
    print(text, end="")
