"""SQLAlchemy repositories: they add and change rows, and hand out domain objects; only the
unit of work commits."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from inkwell.application.errors import EmailTaken
from inkwell.application.ports import PostQuery
from inkwell.domain.model import Post, Status, User
from inkwell.infrastructure.db import PostRow, TokenRow, UserRow


class SqlPosts:
    def __init__(self, session: Session):
        self._s = session

    def get(self, post_id: int) -> Post | None:
        row = self._s.get(PostRow, post_id)
        return _post(row) if row else None

    def add(self, *, author_id: int, title: str, slug: str, body: str, now: datetime) -> Post:
        row = PostRow(author_id=author_id, title=title, slug=slug, body=body, status=Status.DRAFT.value, created_at=now)
        self._s.add(row)
        self._s.flush()
        return _post(row)

    def save(self, post: Post) -> None:
        row = self._s.get_one(PostRow, post.id)
        row.title, row.body, row.status, row.published_at, row.author_id = (
            post.title,
            post.body,
            post.status.value,
            post.published_at,
            post.author_id,
        )

    def delete(self, post_id: int) -> None:
        self._s.execute(delete(PostRow).where(PostRow.id == post_id))

    # --8<-- [start:find]
    def find(self, query: PostQuery) -> list[Post]:
        stmt = select(PostRow).order_by(PostRow.id).limit(query.limit).offset(query.offset)
        if query.status is not None:
            stmt = stmt.where(PostRow.status == query.status.value)
        if query.author_id is not None:
            stmt = stmt.where(PostRow.author_id == query.author_id)
        if query.text:
            # autoescape: a search for '%' or '_' finds those characters, not every post.
            text = query.text
            stmt = stmt.where(
                or_(PostRow.title.icontains(text, autoescape=True), PostRow.body.icontains(text, autoescape=True))
            )
        return [_post(row) for row in self._s.scalars(stmt)]
        # --8<-- [end:find]

    def slugs_starting_with(self, prefix: str) -> set[str]:
        return set(self._s.scalars(select(PostRow.slug).where(PostRow.slug.startswith(prefix))))


class SqlUsers:
    def __init__(self, session: Session):
        self._s = session

    def get(self, user_id: int) -> User | None:
        row = self._s.get(UserRow, user_id)
        return _user(row) if row else None

    def add(self, *, email: str, display_name: str, role: str, now: datetime) -> User:
        row = UserRow(email=email, display_name=display_name, role=role, created_at=now)
        self._s.add(row)
        try:
            self._s.flush()
        except IntegrityError as error:
            # The unique constraint decides, so two sign-ups at once cannot both win; only that
            # constraint means "taken": any other violation is a bug and stays one.
            if "users.email" not in str(error.orig):
                raise
            raise EmailTaken("This email is already registered.") from None
        return _user(row)

    def save(self, user: User) -> None:
        row = self._s.get_one(UserRow, user.id)
        row.display_name, row.role = user.display_name, user.role

    def add_token(self, user_id: int, token_hash: str) -> None:
        self._s.add(TokenRow(digest=token_hash, user_id=user_id))

    def by_token(self, token_hash: str) -> User | None:
        stmt = select(UserRow).join(TokenRow, TokenRow.user_id == UserRow.id).where(TokenRow.digest == token_hash)
        row = self._s.scalar(stmt)
        return _user(row) if row else None


def _post(row: PostRow) -> Post:
    return Post(
        id=row.id,
        author_id=row.author_id,
        title=row.title,
        slug=row.slug,
        body=row.body,
        status=Status(row.status),
        created_at=row.created_at,
        published_at=row.published_at,
    )


def _user(row: UserRow) -> User:
    return User(id=row.id, email=row.email, display_name=row.display_name, role=row.role, created_at=row.created_at)
