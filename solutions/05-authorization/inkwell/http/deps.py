"""Dependencies shared by the routes: who is calling, and the services they call."""

from typing import Annotated, cast

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from inkwell.application.accounts import AccountService
from inkwell.application.posts import PostService
from inkwell.domain.model import User
from inkwell.http.problems import Unauthenticated

_bearer = HTTPBearer(auto_error=False)


# Starlette types every app.state attribute as Any; app.py stores these two services there.
def _accounts(request: Request) -> AccountService:
    return cast(AccountService, request.app.state.accounts)


def _posts(request: Request) -> PostService:
    return cast(PostService, request.app.state.posts)


def _caller(
    accounts: Annotated[AccountService, Depends(_accounts)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> User | None:
    # The token is the only source of identity: no id in a path, query or body can replace it.
    if credentials is None:
        return None
    user = accounts.authenticate(credentials.credentials)
    if user is None:
        raise Unauthenticated("The bearer token is not valid.")
    return user


def _signed_in(caller: Annotated[User | None, Depends(_caller)]) -> User:
    if caller is None:
        raise Unauthenticated("Sign in: this request needs a bearer token.")
    return caller


Accounts = Annotated[AccountService, Depends(_accounts)]
Posts = Annotated[PostService, Depends(_posts)]
Caller = Annotated[User | None, Depends(_caller)]
SignedIn = Annotated[User, Depends(_signed_in)]
