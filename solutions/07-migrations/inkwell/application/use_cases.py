"""Release 2's use cases: each returns a Result for what can be refused."""

from __future__ import annotations

from inkwell.application.ports import UnitOfWork
from inkwell.domain.errors import Conflict, Invalid, NotFound
from inkwell.domain.model import User
from inkwell.domain.result import Err, Ok, Result
from inkwell.domain.text import normalise_email

PAGE_SIZE = 20


def register(
    uow: UnitOfWork, *, email: str, given_name: str, family_name: str, handle: str
) -> Result[User, Conflict | Invalid]:
    try:
        cleaned = normalise_email(email)
    except ValueError as error:
        return Err(Invalid("email", str(error)))
    with uow:
        added = uow.accounts.add(email=cleaned, given_name=given_name, family_name=family_name, handle=handle)
        if isinstance(added, Ok):
            uow.commit()
        return added


def read_user(uow: UnitOfWork, user_id: int) -> Result[User, NotFound]:
    with uow:
        user = uow.accounts.by_id(user_id)
    return Ok(user) if user is not None else Err(NotFound("user"))


def newest_members(uow: UnitOfWork) -> list[User]:
    with uow:
        return uow.accounts.newest(limit=PAGE_SIZE)
