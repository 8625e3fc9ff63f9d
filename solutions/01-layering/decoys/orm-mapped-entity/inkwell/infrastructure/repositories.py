"""The repositories: the entities are mapped, so they go into the session as they are."""

from __future__ import annotations

import secrets

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from inkwell.domain.model import Post, User
from inkwell.infrastructure.orm import tokens


class SqlUserRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, user: User) -> User:
        self._session.add(user)
        self._session.flush()
        return user

    def get(self, user_id: int) -> User | None:
        return self._session.get(User, user_id)

    def get_by_email(self, email: str) -> User | None:
        return self._session.scalar(select(User).where(User.email == email))


class SqlPostRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, post: Post) -> Post:
        self._session.add(post)
        self._session.flush()
        return post

    def get(self, post_id: int) -> Post | None:
        return self._session.get(Post, post_id)

    def slug_taken(self, slug: str) -> bool:
        return self._session.scalar(select(Post.id).where(Post.slug == slug)) is not None

    def save(self, post: Post) -> None:
        pass  # the session tracks the mapped entity's changes itself


class SqlTokenRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def issue(self, user_id: int) -> str:
        token = secrets.token_urlsafe(24)
        self._session.execute(insert(tokens).values(token=token, user_id=user_id))
        return token

    def user_id_for(self, token: str) -> int | None:
        return self._session.scalar(select(tokens.c.user_id).where(tokens.c.token == token))
