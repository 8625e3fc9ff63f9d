"""Start the room server on a database file: open a room when asked (or when none is open), then serve."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from checker.errors import KataError
from checker.room.application.rooms import OpenedRoom, list_rooms, open_room
from checker.room.domain.model import Room
from checker.room.domain.result import Err, Ok
from checker.room.infrastructure.unit_of_work import SqlUnitOfWork
from checker.room.interface.app import ROOM_SIZE, create_app


@dataclass(frozen=True)
class Prepared:
    app: FastAPI
    opened: OpenedRoom | None  # the room opened now, with its admin token (shown this once)
    open_rooms: list[Room]


class RoomNameError(KataError, ValueError):
    pass


def prepare(
    database: Path,
    *,
    katas: Sequence[tuple[str, str]],
    room_name: str | None,
    public_url: str | None = None,
    room_size: int = ROOM_SIZE,
) -> Prepared:
    database.parent.mkdir(parents=True, exist_ok=True)
    app = create_app(f"sqlite:///{database}", katas=katas, public_url=public_url, room_size=room_size)
    svc = app.state.services
    rooms = list_rooms(uow=SqlUnitOfWork(svc.engine))
    opened: OpenedRoom | None = None
    if room_name is not None or not rooms:
        match open_room(room_name or "Workshop", uow=SqlUnitOfWork(svc.engine), secrets=svc.secrets, clock=svc.clock):
            case Ok(value):
                opened = value
                rooms = [*rooms, value.room]
            case Err(error):
                raise RoomNameError(error.detail)
    return Prepared(app, opened, rooms)


def serve(app: FastAPI, *, host: str, port: int) -> None:
    # A short graceful shutdown: open page polls must not hold a restart up.
    uvicorn.run(app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=2)
