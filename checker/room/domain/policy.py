"""Who may do what to which room or learner: every rule in one place, decided per resource.

A caller is nobody, a learner (by their own token) or the facilitator of one room (by its admin
token). Whatever belongs to another room answers "not found", so that a token never reveals
what exists beyond its own room.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.room.domain.errors import Forbidden, NotFound, Unauthenticated
from checker.room.domain.model import Learner, Room
from checker.room.domain.result import Err, Ok, Result


@dataclass(frozen=True)
class Nobody:
    pass


@dataclass(frozen=True)
class AsLearner:
    learner: Learner


@dataclass(frozen=True)
class AsFacilitator:
    room: Room


Caller = Nobody | AsLearner | AsFacilitator
Denied = Unauthenticated | Forbidden | NotFound


def may_manage_room(caller: Caller, room: Room | None, code: str) -> Result[Room, Denied]:
    """Read the board, export, close, archive: the room's facilitator only.

    A code that names no room (`room` is None) answers exactly as another room's code does: 401 to
    nobody, "not found" to anyone else, so that no caller learns which codes exist.
    """
    match caller:
        case Nobody():
            return Err(Unauthenticated("This needs the room's admin token as a bearer token."))
        case AsFacilitator(own) if room is not None and own.id == room.id:
            return Ok(room)
        case AsLearner(learner) if room is not None and learner.room_id == room.id:
            return Err(Forbidden("Only the facilitator sees the whole room; a learner sees their own progress."))
    return Err(NotFound(f"There is no room {code} for this token."))


def may_read_learner(caller: Caller, learner: Learner) -> Result[Learner, Denied]:
    """A learner reads their own progress; the facilitator of their room reads anyone's in it."""
    match caller:
        case Nobody():
            return Err(Unauthenticated("This needs your learner token as a bearer token."))
        case AsLearner(me) if me.id == learner.id:
            return Ok(learner)
        case AsFacilitator(room) if room.id == learner.room_id:
            return Ok(learner)
    return Err(NotFound(f"There is no learner {learner.id} for this token."))


def may_report_for(caller: Caller, learner: Learner) -> Result[Learner, Denied]:
    """Progress is posted by the learner it belongs to, with their own token, and by nobody else."""
    match caller:
        case Nobody():
            return Err(Unauthenticated("This needs your learner token as a bearer token."))
        case AsLearner(me) if me.id == learner.id:
            return Ok(learner)
        case AsFacilitator(room) if room.id == learner.room_id:
            return Err(Forbidden("A facilitator cannot post progress for a learner."))
    return Err(NotFound(f"There is no learner {learner.id} for this token."))
