"""`kata serve`: run the live room for a workshop, on this machine or on the local network."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Annotated

import typer

from checker.cli.context import console, fail, project
from checker.cli.ports import PortOpt, choose_port

HostOpt = Annotated[str, typer.Option("--host", help="Address to bind (loopback by default).")]
LanOpt = Annotated[
    bool, typer.Option("--lan", help="Listen on every interface, so that laptops on the network can join.")
]
DbOpt = Annotated[Path | None, typer.Option("--db", help="The room database (default: .kata/room-server.db).")]
RoomOpt = Annotated[
    str | None, typer.Option("--room", help="Open a new room with this name (one opens anyway when none is open).")
]

MaxLearnersOpt = Annotated[
    int, typer.Option("--max-learners", min=1, max=10_000, help="The most learners a room takes (default 100).")
]


def command(
    host: HostOpt = "127.0.0.1",
    port: PortOpt = None,
    lan: LanOpt = False,
    db: DbOpt = None,
    room: RoomOpt = None,
    max_learners: MaxLearnersOpt = 100,
) -> None:
    """Start the room server; prints the join code, the admin token and the room page's link."""
    try:
        from checker.room.interface.server import RoomNameError, prepare, serve
    except ModuleNotFoundError:
        # A learner copy ships only the room's client: the server is the facilitator's.
        fail("This copy has no room server: kata serve runs from the facilitator's full project.")

    here = project()
    katas = [(k.id, k.title) for k in here.catalog.katas]
    bind = "0.0.0.0" if lan else host
    port, port_note = choose_port(bind, port, "kata serve")
    base = f"http://{_lan_address() if lan else host}:{port}"
    try:
        database = db or here.root / ".kata" / "room-server.db"
        prepared = prepare(database, katas=katas, room_name=room, public_url=base, room_size=max_learners)
    except RoomNameError as error:
        fail(str(error))
    out = console()
    out.soft_wrap = True  # links and commands stay on one line, to be copied whole
    if port_note:
        out.print(port_note)
    if prepared.opened is not None:
        opened = prepared.opened
        out.print(f"[bold]Room {opened.room.name!r} is open.[/]  Join code: [bold]{opened.room.code}[/]")
        out.print(f"  Admin token (shown once; keep it): {opened.admin_token}")
        out.print(f"  Room page: http://127.0.0.1:{port}/rooms/{opened.room.code}#token={opened.admin_token}")
    for open_room in prepared.open_rooms:
        if prepared.opened is None or open_room.id != prepared.opened.room.id:
            out.print(
                f"Room {open_room.name!r} is open: http://127.0.0.1:{port}/rooms/{open_room.code} (its admin token was shown when it opened)"
            )
    code = prepared.opened.room.code if prepared.opened else prepared.open_rooms[-1].code
    out.print(f"Learners run: [bold]uv run kata join {base} --room {code} --name THEIR-NAME[/]")
    if not lan:
        out.print("[dim]Listening on loopback only; --lan lets the laptops of the room reach it.[/]")
    out.print("[dim]Ctrl+C stops the server; the room is kept and reopens with it.[/]")
    serve(prepared.app, host=bind, port=port)


def _lan_address() -> str:
    # Connecting a UDP socket sends nothing; it only makes the system pick the outgoing interface.
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            return str(probe.getsockname()[0])
        except OSError:
            return "127.0.0.1"
