"""Dependencies shared by the routes: who is calling, from where, and the app's ports."""

from typing import Annotated, cast

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from inkwell.application import accounts
from inkwell.application.ports import Mailer, Previews, UnitOfWorkFactory
from inkwell.domain.model import User
from inkwell.interface.limits import WindowLimiter
from inkwell.interface.problems import Problem, unauthenticated

_bearer = HTTPBearer(auto_error=False)


# Starlette types every app.state attribute as Any; app.py stores each port there.
def _new_uow(request: Request) -> UnitOfWorkFactory:
    return cast(UnitOfWorkFactory, request.app.state.new_uow)


def _previews(request: Request) -> Previews:
    return cast(Previews, request.app.state.previews)


def _mailer(request: Request) -> Mailer:
    return cast(Mailer, request.app.state.mailer)


NewUow = Annotated[UnitOfWorkFactory, Depends(_new_uow)]
PreviewsDep = Annotated[Previews, Depends(_previews)]
MailerDep = Annotated[Mailer, Depends(_mailer)]


def _signed_in(new_uow: NewUow, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> User:
    user = accounts.authenticate(new_uow, credentials.credentials) if credentials else None
    if user is None:
        raise unauthenticated("Sign in: this request needs a valid bearer token.")
    return user


SignedIn = Annotated[User, Depends(_signed_in)]


def limit_invites(request: Request) -> None:
    # TODO(kata): the invite limit is no limit: a spammer sends a new X-Forwarded-For each time,
    # and a client hears 429 with no word on when to come back.
    key = request.headers.get("x-forwarded-for") or (request.client.host if request.client else "")
    if cast(WindowLimiter, request.app.state.limits["invites"]).acquire(key):
        raise Problem(429, "Too Many Requests", "Too many invites; slow down.")
