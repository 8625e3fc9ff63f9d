"""The learners' use cases: join a room, post a check's summary, read one's own progress."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import timedelta

from checker.room.application.ports import Clock, RateLimiter, Secrets, UnitOfWork
from checker.room.domain.errors import Conflict, NotFound, RateLimited, ValidationFailed, retry_seconds
from checker.room.domain.model import Learner, Progress, Room, Summary
from checker.room.domain.names import learner_name, reads_as
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


@dataclass(frozen=True)
class JoinLimits:
    """What one client address may try, and how many learners a room holds.

    A classroom behind one NAT joins from one address, all in the first minute: `per_client` is per
    room and address, generous enough for that. `unknown_codes` counts the codes an address tried
    that name no room; once it is spent, every code answers 429, known or not, so that guessing
    codes learns nothing faster than it allows. `room_size` is the facilitator's cap.
    """

    per_client: RateLimiter
    unknown_codes: RateLimiter
    room_size: int


def join_room(
    code: str, typed_name: str, *, client: str, uow: UnitOfWork, secrets: Secrets, limits: JoinLimits, clock: Clock
) -> Result[Joined, NotFound | Conflict | RateLimited | ValidationFailed]:
    match learner_name(typed_name):
        case Err(invalid):
            return Err(invalid)
        case Ok(name):
            pass
    wait = limits.unknown_codes.peek(client)
    if wait:
        return Err(
            RateLimited(f"Too many unknown room codes from your address; try again in {retry_seconds(wait)} s.", wait)
        )
    token = secrets.new_token()
    with uow:
        room = uow.rooms.room_by_code(code)
        if room is None:
            limits.unknown_codes.wait(client)
            return Err(NotFound(f"There is no room {code}. Check the code on the facilitator's screen."))
        if not room.is_open:
            return Err(Conflict(f"Room {code} is {room.status}; it takes no new learners."))
        wait = limits.per_client.wait(f"{room.id}@{client}")
        if wait:
            return Err(
                RateLimited(
                    f"Too many joins from your address to room {code}; try again in {retry_seconds(wait)} s.", wait
                )
            )
        names = uow.rooms.learner_names(room.id)
        if len(names) >= limits.room_size:
            return Err(Conflict(f"Room {code} is full: it takes {limits.room_size} learners. Tell the facilitator."))
        taken = Conflict(f"Someone in room {code} is already called {name!r}; pick another name.")
        match reads_as(name, names):
            case str(same) if same == name:
                return Err(taken)
            case str(same):
                why = "it differs only in look-alike letters, width, case or invisible marks"
                return Err(
                    Conflict(f"{name!r} reads the same as {same!r}, already in room {code} ({why}); pick another name.")
                )
        learner = uow.rooms.add_learner(
            room_id=room.id, name=name, token_digest=secrets.digest(token), joined_at=clock()
        )
        if learner is None:
            return Err(taken)  # joined by someone else since the names were read
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
