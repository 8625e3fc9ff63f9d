"""The SQL repositories, written against the ports of inkwell/application/ports.py.

They were written in a hurry, before the domain had entities of its own.
"""

from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from inkwell.infrastructure.orm import PostRow, TokenRow, UserRow

# TODO(kata): The first use-case test that ran on these repositories failed after the unit of work
# had closed: "DetachedInstanceError: Instance <UserRow> is not bound to a Session". A post changed
# in memory also reached the database without anyone calling save().


class SqlUserRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, user: UserRow) -> UserRow:
        self._session.add(user)
        self._session.flush()  # the database assigns the id
        return user

    def get(self, user_id: int) -> UserRow | None:
        return self._session.get(UserRow, user_id)

    def get_by_email(self, email: str) -> UserRow | None:
        return self._session.scalar(select(UserRow).where(UserRow.email == email))


class SqlPostRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, post: PostRow) -> PostRow:
        self._session.add(post)
        self._session.flush()
        return post

    def get(self, post_id: int) -> PostRow | None:
        return self._session.get(PostRow, post_id)

    def slug_taken(self, slug: str) -> bool:
        return self._session.scalar(select(PostRow.id).where(PostRow.slug == slug)) is not None

    def save(self, post: PostRow) -> None:
        pass  # the session tracks the row's changes


class SqlTokenRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def issue(self, user_id: int) -> str:
        token = secrets.token_urlsafe(24)
        self._session.add(TokenRow(token=token, user_id=user_id))
        return token

    def user_id_for(self, token: str) -> int | None:
        row = self._session.get(TokenRow, token)
        return row.user_id if row is not None else None
