"""The learners' use cases: join a room, post a check's summary, read one's own progress."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import timedelta

from checker.room.application.ports import Clock, RateLimiter, Secrets, UnitOfWork
from checker.room.domain.errors import Conflict, NotFound, RateLimited, ValidationFailed
from checker.room.domain.model import Learner, Progress, Room, Summary
from checker.room.domain.policy import Caller, Denied, may_read_learner, may_report_for
from checker.room.domain.result import Err, Ok, Result


@dataclass(frozen=True)
class Joined:
    room: Room
    learner: Learner
    token: str  # shown once, to the learner's copy; only its digest is stored


@dataclass(frozen=True)
class Recorded:
    stored: bool  # False when this report id was already stored: a retry, counted once


def join_room(
    code: str, name: str, *, uow: UnitOfWork, secrets: Secrets, limiter: RateLimiter, clock: Clock
) -> Result[Joined, NotFound | Conflict | RateLimited]:
    name = " ".join(name.split())  # "Ada  Lovelace " and "Ada Lovelace" are one name
    wait = limiter.wait(f"join:{code}")
    if wait:
        return Err(RateLimited("Too many joins to this room at once; try again in a moment.", wait))
    token = secrets.new_token()
    with uow:
        room = uow.rooms.room_by_code(code)
        if room is None:
            return Err(NotFound(f"There is no room {code}. Check the code on the facilitator's screen."))
        if not room.is_open:
            return Err(Conflict(f"Room {code} is {room.status}; it takes no new learners."))
        learner = uow.rooms.add_learner(
            room_id=room.id, name=name, token_digest=secrets.digest(token), joined_at=clock()
        )
        if learner is None:
            return Err(Conflict(f"Someone in room {code} is already called {name!r}; pick another name."))
        uow.rooms.touch(room.id)
        uow.commit()
    return Ok(Joined(room, learner, token))


# A copy that was offline sends its reports later, but not days later; clocks drift a little.
REPORT_MAX_AGE = timedelta(days=1)
CLOCK_SKEW = timedelta(minutes=5)


def record_report(
    caller: Caller,
    learner_id: int,
    summary: Summary,
    *,
    uow: UnitOfWork,
    limiter: RateLimiter,
    clock: Clock,
    katas: Collection[str] = (),
) -> Result[Recorded, Denied | Conflict | RateLimited | ValidationFailed]:
    with uow:
        learner = uow.rooms.learner(learner_id)
        if learner is None:
            return Err(NotFound(f"There is no learner {learner_id} for this token."))
        match may_report_for(caller, learner):
            case Err(error):
                return Err(error)
        if katas and summary.kata not in katas:
            return Err(ValidationFailed(f"This room knows no kata {summary.kata!r}.", {"kata": "not in this course"}))
        now = clock()
        if not now - REPORT_MAX_AGE <= summary.checked_at <= now + CLOCK_SKEW:
            why = "more than a day old or in the future"
            return Err(ValidationFailed(f"The check's time is {why}: check again.", {"checked_at": why}))
        room = uow.rooms.room_by_id(learner.room_id)
        if room is None or not room.is_open:
            return Err(Conflict("The room is closed; it takes no more reports."))
        wait = limiter.wait(f"report:{learner.id}")
        if wait:
            return Err(RateLimited("Too many reports; your copy keeps them and sends them later.", wait))
        if not uow.rooms.add_report(learner.id, summary, clock()):
            return Ok(Recorded(stored=False))
        known = uow.rooms.progress(learner.id, summary.kata)
        uow.rooms.save_progress(known.merge(summary) if known else Progress.first(learner.id, summary))
        uow.rooms.touch(room.id)
        uow.commit()
    return Ok(Recorded(stored=True))


def own_progress(caller: Caller, learner_id: int, *, uow: UnitOfWork) -> Result[list[Progress], Denied]:
    with uow:
        learner = uow.rooms.learner(learner_id)
        if learner is None:
            return Err(NotFound(f"There is no learner {learner_id} for this token."))
        match may_read_learner(caller, learner):
            case Err(error):
                return Err(error)
        return Ok(uow.rooms.progress_of(learner.id))
