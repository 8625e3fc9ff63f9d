"""The facilitator's use cases: open a room, see the board, export it, close and archive it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from checker.room.application.ports import Clock, Secrets, UnitOfWork
from checker.room.domain.board import Board, build_board
from checker.room.domain.errors import Conflict, ValidationFailed
from checker.room.domain.model import Room, RoomStatus
from checker.room.domain.policy import Caller, Denied, may_manage_room
from checker.room.domain.result import Err, Ok, Result


@dataclass(frozen=True)
class OpenedRoom:
    room: Room
    admin_token: str  # shown once; only its digest is stored


def open_room(name: str, *, uow: UnitOfWork, secrets: Secrets, clock: Clock) -> Result[OpenedRoom, ValidationFailed]:
    name = " ".join(name.split())
    if not 1 <= len(name) <= 80:
        return Err(ValidationFailed("A room needs a name of 1 to 80 characters.", {"name": "1 to 80 characters"}))
    token = secrets.new_token()
    with uow:
        code = secrets.new_code()
        while uow.rooms.room_by_code(code) is not None:
            code = secrets.new_code()
        room = uow.rooms.add_room(code=code, name=name, admin_digest=secrets.digest(token), created_at=clock())
        uow.commit()
    return Ok(OpenedRoom(room, token))


def list_rooms(*, uow: UnitOfWork, statuses: Sequence[RoomStatus] = (RoomStatus.OPEN,)) -> list[Room]:
    with uow:
        return uow.rooms.rooms(statuses)


def room_board(
    caller: Caller, code: str, *, uow: UnitOfWork, katas: Sequence[tuple[str, str]], clock: Clock
) -> Result[Board, Denied]:
    with uow:
        match may_manage_room(caller, uow.rooms.room_by_code(code), code):
            case Err(error):
                return Err(error)
            case Ok(room):
                rows = uow.rooms.board_rows(room.id)
    now = room.closed_at or clock()  # a closed room's clock stops
    return Ok(build_board(room, katas, rows, now))


def room_version(caller: Caller, code: str, *, uow: UnitOfWork) -> Result[Room, Denied]:
    """The room alone, to answer "has anything changed?" without building the board."""
    with uow:
        room = uow.rooms.room_by_code(code)
    return may_manage_room(caller, room, code)


def close_room(caller: Caller, code: str, *, uow: UnitOfWork, clock: Clock) -> Result[Room, Denied | Conflict]:
    """A closed room takes no more joins or reports; its board stays readable."""
    return _move(caller, code, RoomStatus.CLOSED, uow=uow, clock=clock)


def archive_room(caller: Caller, code: str, *, uow: UnitOfWork, clock: Clock) -> Result[Room, Denied | Conflict]:
    """Archiving a closed room revokes every learner token: the room is then a record only."""
    return _move(caller, code, RoomStatus.ARCHIVED, uow=uow, clock=clock)


_FROM = {RoomStatus.CLOSED: RoomStatus.OPEN, RoomStatus.ARCHIVED: RoomStatus.CLOSED}


def _move(
    caller: Caller, code: str, target: RoomStatus, *, uow: UnitOfWork, clock: Clock
) -> Result[Room, Denied | Conflict]:
    with uow:
        match may_manage_room(caller, uow.rooms.room_by_code(code), code):
            case Err(error):
                return Err(error)
            case Ok(room):
                pass
        if room.status is target:
            return Ok(room)  # closing twice is not an error: a retried click lands in the same state
        if room.status is not _FROM[target]:
            return Err(Conflict(f"The room is {room.status}; only a {_FROM[target]} room can be {target}."))
        moved = replace(room, status=target, closed_at=room.closed_at or clock(), version=room.version + 1)
        uow.rooms.save_room(moved)
        if target is RoomStatus.ARCHIVED:
            uow.rooms.revoke_tokens(room.id)
        uow.commit()
    return Ok(moved)
