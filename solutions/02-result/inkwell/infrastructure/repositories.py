"""SQLAlchemy adapters of the repository ports, mapping rows to entities and back.

They add and change rows inside the unit of work's transaction and never commit: `flush()`
sends the INSERT so the database assigns an id, and the unit of work decides whether it lasts.
"""

from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from inkwell.domain.model import Post, PostStatus, Role, Tag, User
from inkwell.infrastructure.db import PostRow, TagRow, TokenRow, UserRow


class SqlUserRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, user_id: int) -> User | None:
        row = self.session.get(UserRow, user_id)
        return _user(row) if row is not None else None

    def get_by_email(self, email: str) -> User | None:
        row = self.session.scalar(select(UserRow).where(UserRow.email == email))
        return _user(row) if row is not None else None

    def add(self, user: User) -> User:
        row = UserRow(
            email=user.email,
            display_name=user.display_name,
            role=user.role.value,
            created_at=user.created_at,
        )
        self.session.add(row)
        self.session.flush()
        user.id = row.id
        return user


class SqlPostRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, post_id: int) -> Post | None:
        row = self.session.get(PostRow, post_id)
        return _post(row) if row is not None else None

    def slug_taken(self, slug: str) -> bool:
        return self.session.scalar(select(PostRow.id).where(PostRow.slug == slug)) is not None

    def add(self, post: Post) -> Post:
        row = PostRow(
            author_id=post.author_id,
            title=post.title,
            slug=post.slug,
            body=post.body,
            status=post.status.value,
            created_at=post.created_at,
            published_at=post.published_at,
            tags=[self.session.get_one(TagRow, tag.id) for tag in post.tags],
        )
        self.session.add(row)
        self.session.flush()
        post.id = row.id
        return post

    def save(self, post: Post) -> None:
        row = self.session.get_one(PostRow, post.id)
        row.status, row.published_at = post.status.value, post.published_at


class SqlTagRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get_by_name(self, name: str) -> Tag | None:
        row = self.session.scalar(select(TagRow).where(TagRow.name == name))
        return Tag(row.name, row.id) if row is not None else None


class SqlTokenRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def issue(self, user_id: int) -> str:
        token = secrets.token_urlsafe(24)
        self.session.add(TokenRow(token=token, user_id=user_id))
        return token

    def user_id_for(self, token: str) -> int | None:
        row = self.session.get(TokenRow, token)
        return row.user_id if row is not None else None


def _user(row: UserRow) -> User:
    return User(row.email, row.display_name, Role(row.role), row.id, row.created_at)


def _post(row: PostRow) -> Post:
    return Post(
        author_id=row.author_id,
        title=row.title,
        slug=row.slug,
        body=row.body,
        status=PostStatus(row.status),
        tags=[Tag(t.name, t.id) for t in row.tags],
        id=row.id,
        created_at=row.created_at,
        published_at=row.published_at,
    )
