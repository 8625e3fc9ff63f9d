"""Dependencies shared by the routes: who is calling, from where, and the app's ports."""

from typing import Annotated, cast

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from inkwell.application import accounts
from inkwell.application.ports import Mailer, Previews, UnitOfWorkFactory
from inkwell.domain.model import User
from inkwell.interface.limits import TokenBucket
from inkwell.interface.problems import unauthenticated
from inkwell.interface.refusals import too_many

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


def client_address(request: Request) -> str:
    """The socket's peer. A header a client wrote is believed only when a proxy we run wrote it:
    then the client is the right-most hop that is not one of our proxies."""
    peer = request.client.host if request.client else ""
    trusted: frozenset[str] = request.app.state.settings.trusted_proxies
    if peer not in trusted:
        return peer
    hops = [hop.strip() for line in request.headers.getlist("x-forwarded-for") for hop in line.split(",")]
    return next((hop for hop in reversed(hops) if hop and hop not in trusted), peer)


def limit(request: Request, name: str, key: str) -> None:
    bucket = cast(TokenBucket, request.app.state.limits[name])
    wait = bucket.acquire(key)
    if wait:
        raise too_many(f"Too many requests ({name}); try again later.", wait, bucket.burst)
