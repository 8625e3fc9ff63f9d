"""Request-scoped dependencies: a unit of work, and the caller a bearer token identifies."""

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Header, Request

from inkwell.application.ports import UnitOfWork
from inkwell.application.use_cases import authenticate
from inkwell.domain.errors import NotAuthenticated


def unit_of_work(request: Request) -> UnitOfWork:
    # The composition root decides which unit of work the app uses; routes only ask for one.
    factory: Callable[[], UnitOfWork] = request.app.state.uow_factory
    return factory()


UowDep = Annotated[UnitOfWork, Depends(unit_of_work)]


def caller_id(uow: UowDep, authorization: Annotated[str | None, Header()] = None) -> int:
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise NotAuthenticated("A valid bearer token is required.")
    return authenticate(uow, token)


CallerId = Annotated[int, Depends(caller_id)]
