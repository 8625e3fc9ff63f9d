"""Request-scoped dependencies: a unit of work, and the caller a bearer token identifies."""

from typing import Annotated

from fastapi import Depends, Header, Request

from inkwell.application.unit_of_work import UnitOfWork
from inkwell.application.use_cases import Authenticate
from inkwell.domain.errors import NotAuthenticated
from inkwell.domain.model import User


def unit_of_work(request: Request) -> UnitOfWork:
    # The composition root decides which unit of work the app uses; routes only ask for one.
    return request.app.state.uow_factory()


UowDep = Annotated[UnitOfWork, Depends(unit_of_work)]


def current_user(uow: UowDep, authorization: Annotated[str | None, Header()] = None) -> User:
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise NotAuthenticated("A valid bearer token is required.")
    return Authenticate(uow).execute(token)


CurrentUser = Annotated[User, Depends(current_user)]
