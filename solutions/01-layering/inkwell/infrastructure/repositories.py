"""The repositories: they implement the application's ports by copying rows into entities and back.

Copying (rather than mapping the entities themselves) keeps the domain free of the ORM: an
entity never lazy-loads, never flushes, and means the same thing in a test as in production.
"""

from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from inkwell.domain.model import Post, PostStatus, Role, User
from inkwell.infrastructure.orm import PostRow, TokenRow, UserRow


class SqlUserRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, user: User) -> User:
        row = UserRow(email=user.email, display_name=user.display_name, role=str(user.role), created_at=user.created_at)
        self._session.add(row)
        self._session.flush()  # the database assigns the id
        user.id = row.id
        return user

    def get(self, user_id: int) -> User | None:
        row = self._session.get(UserRow, user_id)
        return _user(row) if row is not None else None

    def get_by_email(self, email: str) -> User | None:
        row = self._session.scalar(select(UserRow).where(UserRow.email == email))
        return _user(row) if row is not None else None


class SqlPostRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, post: Post) -> Post:
        row = PostRow(author_id=post.author_id, slug=post.slug, created_at=post.created_at)
        _copy_changes(post, row)
        self._session.add(row)
        self._session.flush()
        post.id = row.id
        return post

    def get(self, post_id: int) -> Post | None:
        row = self._session.get(PostRow, post_id)
        return _post(row) if row is not None else None

    def slug_taken(self, slug: str) -> bool:
        return self._session.scalar(select(PostRow.id).where(PostRow.slug == slug)) is not None

    def save(self, post: Post) -> None:
        row = self._session.get_one(PostRow, post.id)
        _copy_changes(post, row)


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


def _user(row: UserRow) -> User:
    return User(
        id=row.id,
        email=row.email,
        display_name=row.display_name,
        role=Role(row.role),
        created_at=row.created_at,
    )


def _post(row: PostRow) -> Post:
    return Post(
        id=row.id,
        author_id=row.author_id,
        title=row.title,
        slug=row.slug,
        body=row.body,
        status=PostStatus(row.status),
        created_at=row.created_at,
        published_at=row.published_at,
    )


def _copy_changes(post: Post, row: PostRow) -> None:
    row.title, row.body = post.title, post.body
    row.status, row.published_at = str(post.status), post.published_at
