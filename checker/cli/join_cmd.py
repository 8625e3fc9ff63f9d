"""`kata join`: join the facilitator's room; from then on each check sends its summary."""

from __future__ import annotations

from typing import Annotated

import typer

from checker.cli import render
from checker.cli.context import console, fail, project

UrlArg = Annotated[str, typer.Argument(help="The room server's address, e.g. http://10.0.0.5:8000.")]
RoomOpt = Annotated[str, typer.Option("--room", help="The join code on the facilitator's screen.")]
NameOpt = Annotated[str, typer.Option("--name", help="Your name as the room will show it.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]


def command(url: UrlArg, room: RoomOpt, name: NameOpt, as_json: JsonOpt = False) -> None:
    """Join a workshop room: your checks then report their scores (never your code) to the facilitator."""
    from checker.room.client.joining import JoinError, join

    here = project()
    try:
        membership = join(here.root, url, room, name)
    except JoinError as error:
        fail(str(error))
    out = console()
    if as_json:
        render.print_json(
            out, {"room": membership.room, "room_name": membership.room_name, "learner_id": membership.learner_id}
        )
        return
    out.print(f"[bold green]Joined {membership.room_name!r}[/] as {membership.name}.")
    out.print("  Each check now sends its scores and time to the room; never your code.")
    out.print("  Offline? Summaries wait in .kata/ and go out with your next check.")
