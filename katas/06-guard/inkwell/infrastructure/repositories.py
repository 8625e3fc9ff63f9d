"""SQLAlchemy repositories: they add rows and hand out domain objects; only the unit of work commits."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from inkwell.domain.model import Post, Preview, User
from inkwell.infrastructure.db import PostRow, TokenRow, UserRow


class SqlPosts:
    def __init__(self, session: Session):
        self._s = session

    def get(self, post_id: int) -> Post | None:
        row = self._s.get(PostRow, post_id)
        return _post(row) if row else None

    def add(self, *, author_id: int, title: str, body: str, link: str | None, preview: Preview | None) -> Post:
        row = PostRow(
            author_id=author_id,
            title=title,
            body=body,
            link=link,
            preview_title=preview.title if preview else None,
            preview_description=preview.description if preview else None,
            created_at=datetime.now(UTC),
        )
        self._s.add(row)
        self._s.flush()
        return _post(row)


class SqlUsers:
    def __init__(self, session: Session):
        self._s = session

    def get(self, user_id: int) -> User | None:
        row = self._s.get(UserRow, user_id)
        return _user(row) if row else None

    def add(self, *, email: str, display_name: str, password_hash: str, now: datetime) -> User:
        row = UserRow(email=email, display_name=display_name, password_hash=password_hash, created_at=now)
        self._s.add(row)
        self._s.flush()
        return _user(row)

    def password_hash(self, email: str) -> tuple[int, str] | None:
        row = self._s.scalar(select(UserRow).where(UserRow.email == email))
        return (row.id, row.password_hash) if row else None

    def add_token(self, user_id: int, token_hash: str) -> None:
        self._s.add(TokenRow(digest=token_hash, user_id=user_id))

    def by_token(self, token_hash: str) -> User | None:
        stmt = select(UserRow).join(TokenRow, TokenRow.user_id == UserRow.id).where(TokenRow.digest == token_hash)
        row = self._s.scalar(stmt)
        return _user(row) if row else None


def _post(row: PostRow) -> Post:
    preview = Preview(row.preview_title, row.preview_description) if row.preview_title is not None else None
    return Post(
        id=row.id,
        author_id=row.author_id,
        title=row.title,
        body=row.body,
        link=row.link,
        preview=preview,
        created_at=row.created_at,
    )


def _user(row: UserRow) -> User:
    return User(id=row.id, email=row.email, display_name=row.display_name, created_at=row.created_at)
