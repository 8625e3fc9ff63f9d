"""The dependencies routes ask for: ports only. Tests swap them with `app.dependency_overrides`.

Which adapters stand behind the ports is the composition root's decision (`inkwell.app`): the
interface never imports the infrastructure.
"""

from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request

from inkwell.application.accounts import authenticate
from inkwell.application.ports import Notifier, UnitOfWork


def unit_of_work(request: Request) -> UnitOfWork:
    uow: UnitOfWork = request.app.state.uow_factory()
    return uow


def notifier(request: Request) -> Notifier:
    mailer: Notifier = request.app.state.notifier
    return mailer


UowDep = Annotated[UnitOfWork, Depends(unit_of_work)]
NotifierDep = Annotated[Notifier, Depends(notifier)]


def current_user_id(uow: UowDep, authorization: Annotated[str | None, Header()] = None) -> int:
    scheme, _, token = (authorization or "").partition(" ")
    user_id = authenticate(token if scheme.lower() == "bearer" else "", uow=uow)
    if user_id is None:
        raise HTTPException(401, "A valid bearer token is required.", {"WWW-Authenticate": "Bearer"})
    return user_id


CallerDep = Annotated[int, Depends(current_user_id)]
