"""The dependencies routes ask for. Tests swap them with `app.dependency_overrides[...]`."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request
from sqlalchemy.orm import Session

from inkwell.application.ports import Notifier, PostRepository, TagRepository, UserRepository
from inkwell.infrastructure.notifier import LoggingNotifier
from inkwell.infrastructure.repositories import (
    SqlPostRepository,
    SqlTagRepository,
    SqlUserRepository,
)
from inkwell.infrastructure.tokens import TokenStore


def session(request: Request) -> Iterator[Session]:
    with request.app.state.sessions() as s:
        yield s


SessionDep = Annotated[Session, Depends(session)]


def users_repository(session: SessionDep) -> UserRepository:
    return SqlUserRepository(session)


def posts_repository(session: SessionDep) -> PostRepository:
    return SqlPostRepository(session)


def tags_repository(session: SessionDep) -> TagRepository:
    return SqlTagRepository(session)


def notifier() -> Notifier:
    return LoggingNotifier()


def token_store(session: SessionDep) -> TokenStore:
    return TokenStore(session)


def current_user_id(
    tokens: Annotated[TokenStore, Depends(token_store)],
    authorization: Annotated[str | None, Header()] = None,
) -> int:
    scheme, _, token = (authorization or "").partition(" ")
    user_id = tokens.user_id_for(token) if scheme.lower() == "bearer" and token else None
    if user_id is None:
        raise HTTPException(401, "A valid bearer token is required.", {"WWW-Authenticate": "Bearer"})
    return user_id


UsersDep = Annotated[UserRepository, Depends(users_repository)]
PostsDep = Annotated[PostRepository, Depends(posts_repository)]
TagsDep = Annotated[TagRepository, Depends(tags_repository)]
NotifierDep = Annotated[Notifier, Depends(notifier)]
TokensDep = Annotated[TokenStore, Depends(token_store)]
CallerDep = Annotated[int, Depends(current_user_id)]
