"""The ports implemented on SQLAlchemy: every statement of the workload is written here.

Repositories add and read; they never commit (the unit of work does). An INSERT is flushed at
once, so that the database's refusal of it comes back here, where the constraint that refused
it is known, and becomes the domain error it means.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from inkwell.domain.errors import Conflict, Invalid
from inkwell.domain.model import Comment, Post, PostSummary, User
from inkwell.domain.result import Err, Ok, Result
from inkwell.infrastructure.models import CommentRow, PostRow, TagRow, UserRow, posts_tags


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class SqlAccounts:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, *, email: str, display_name: str) -> Result[User, Conflict]:
        # No SELECT first: between it and the INSERT another request can take the address.
        # The unique index decides, atomically, and its refusal becomes the Conflict.
        row = UserRow(email=email, display_name=display_name, role="member", created_at=_now())
        refused = _refusal(self.session, row)
        if refused == "UNIQUE":
            return Err(Conflict("An account with this email exists."))
        return Ok(_user(row))

    def by_email(self, email: str) -> User | None:
        # Equality on lower(email), the very expression uq_users_email_lower holds: a SEARCH.
        # ILIKE could not use it (and treated '_' in an address as a wildcard).
        row = self.session.scalar(select(UserRow).where(func.lower(UserRow.email) == email))
        return _user(row) if row is not None else None


class SqlPosts:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, *, author_id: int, title: str, slug: str, body: str) -> Result[Post, Conflict | Invalid]:
        # The same race as for emails, settled the same way: by uq_posts_slug. The author is the
        # other constraint an INSERT can break (foreign keys are on): each refusal is answered
        # as what it is, never every IntegrityError as "taken".
        row = PostRow(author_id=author_id, title=title, slug=slug, body=body, status="draft", created_at=_now())
        refused = _refusal(self.session, row)
        if refused == "UNIQUE":
            return Err(Conflict("A post with this slug exists."))
        if refused == "FOREIGN KEY":
            return Err(Invalid("author_id", "No user has this id."))
        return Ok(_post(row))

    def by_slug(self, slug: str) -> Post | None:
        row = self.session.scalar(select(PostRow).where(PostRow.slug == slug))
        return _post(row) if row is not None else None

    def published_by(self, author_id: int, *, limit: int) -> list[PostSummary]:
        query = (
            select(PostRow.id, PostRow.title, PostRow.slug, PostRow.created_at)
            .where(PostRow.author_id == author_id, PostRow.status == "published")
            .order_by(PostRow.created_at.desc())
            .limit(limit)
        )
        return [PostSummary(*row) for row in self.session.execute(query)]

    def published_with_tag(self, tag: str, *, limit: int) -> list[PostSummary]:
        query = (
            select(PostRow.id, PostRow.title, PostRow.slug, PostRow.created_at)
            .join(posts_tags, posts_tags.c.post_id == PostRow.id)
            .join(TagRow, TagRow.id == posts_tags.c.tag_id)
            .where(TagRow.name == tag, PostRow.status == "published")
            .order_by(PostRow.created_at.desc())
            .limit(limit)
        )
        return [PostSummary(*row) for row in self.session.execute(query)]

    def comments_on(self, post_id: int) -> list[Comment]:
        query = (
            select(CommentRow.id, UserRow.display_name, CommentRow.body, CommentRow.created_at)
            .join(UserRow, UserRow.id == CommentRow.author_id)
            .where(CommentRow.post_id == post_id)
            .order_by(CommentRow.created_at, CommentRow.id)
        )
        return [Comment(*row) for row in self.session.execute(query)]


def _refusal(session: Session, row: UserRow | PostRow) -> str:
    """Flush the new row; "" when the database took it, else the kind of constraint that refused it.

    SQLite names the kind first ("UNIQUE constraint failed: posts.slug", "FOREIGN KEY constraint
    failed"); a refusal of any other kind (NOT NULL, CHECK) is a bug, and raises.
    """
    session.add(row)
    try:
        session.flush()
    except IntegrityError as error:
        kind = str(error.orig).partition(" constraint failed")[0]
        if kind in ("UNIQUE", "FOREIGN KEY"):
            return kind
        raise
    return ""


def _user(row: UserRow) -> User:
    return User(id=row.id, email=row.email, display_name=row.display_name, role=row.role)


def _post(row: PostRow) -> Post:
    return Post(
        id=row.id,
        author_id=row.author_id,
        title=row.title,
        slug=row.slug,
        body=row.body,
        status=row.status,
        created_at=row.created_at,
    )
