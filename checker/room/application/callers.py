"""Who is calling: a bearer token becomes a learner, a facilitator, or nobody."""

from __future__ import annotations

from checker.room.application.ports import Secrets, UnitOfWork
from checker.room.domain.policy import Caller, Nobody


def identify(token: str | None, *, uow: UnitOfWork, secrets: Secrets) -> Caller:
    # Tokens are stored as digests only: a copy of the database lets nobody post as a learner.
    if not token:
        return Nobody()
    with uow:
        return uow.rooms.caller(secrets.digest(token))
