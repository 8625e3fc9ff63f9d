"""The accounts port on SQLAlchemy. It adds and reads; the unit of work commits.

An INSERT is flushed at once, so that a refusal by a unique index (the email, the handle) comes
back here and becomes a Conflict: no SELECT before the INSERT, which another request could race.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from inkwell.domain.errors import Conflict
from inkwell.domain.model import User
from inkwell.domain.result import Err, Ok, Result
from inkwell.infrastructure.models import UserRow


class SqlAccounts:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, *, email: str, given_name: str, family_name: str, handle: str) -> Result[User, Conflict]:
        now = datetime.now(UTC).replace(tzinfo=None)
        row = UserRow(
            email=email, given_name=given_name, family_name=family_name, handle=handle, role="member", created_at=now
        )
        self.session.add(row)
        try:
            self.session.flush()
        except IntegrityError:
            return Err(Conflict("An account with this email or handle exists."))
        return Ok(_user(row))

    def by_id(self, user_id: int) -> User | None:
        row = self.session.get(UserRow, user_id)
        return _user(row) if row is not None else None

    def newest(self, *, limit: int) -> list[User]:
        query = select(UserRow).order_by(UserRow.created_at.desc(), UserRow.id.desc()).limit(limit)
        return [_user(row) for row in self.session.scalars(query)]


def _user(row: UserRow) -> User:
    return User(
        id=row.id,
        email=row.email,
        given_name=row.given_name,
        family_name=row.family_name,
        handle=row.handle,
        role=row.role,
        created_at=row.created_at,
    )
