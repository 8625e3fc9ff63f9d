"""Dependencies shared by the routes: who is calling, and the unit of work the use cases open."""

from typing import Annotated, cast

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from inkwell.application import accounts
from inkwell.application.ports import UnitOfWorkFactory
from inkwell.domain.model import User
from inkwell.interface.problems import Unauthenticated

_bearer = HTTPBearer(auto_error=False)


# Starlette types every app.state attribute as Any; app.py stores the factory there.
def _new_uow(request: Request) -> UnitOfWorkFactory:
    return cast(UnitOfWorkFactory, request.app.state.new_uow)


NewUow = Annotated[UnitOfWorkFactory, Depends(_new_uow)]


def _caller(
    new_uow: NewUow, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> User | None:
    # The token is the only source of identity: no id in a path, query or body can replace it.
    if credentials is None:
        return None
    user = accounts.authenticate(new_uow, credentials.credentials)
    if user is None:
        raise Unauthenticated("The bearer token is not valid.")
    return user


def _signed_in(caller: Annotated[User | None, Depends(_caller)]) -> User:
    if caller is None:
        raise Unauthenticated("Sign in: this request needs a bearer token.")
    return caller


Caller = Annotated[User | None, Depends(_caller)]
SignedIn = Annotated[User, Depends(_signed_in)]
