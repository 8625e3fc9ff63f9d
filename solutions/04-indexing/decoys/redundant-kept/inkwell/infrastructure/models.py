"""The tables of Inkwell, with one index per query of the workload and none besides.

Each index is named: migrations.py creates the same names on databases that already exist, and
the names are how a plan (`SEARCH posts USING INDEX ix_posts_feed ...`) tells which one served.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, DateTime, ForeignKey, Index, Integer, String, Table, Text, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320))
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(10), default="member")
    created_at: Mapped[datetime] = mapped_column(DateTime)


# On lower(email), so the database refuses "Ada@x.io" beside "ada@x.io" even when a row comes
# from an import script rather than through normalise_email; the login query compares
# lower(email), so this very index serves it.
Index("uq_users_email_lower", func.lower(UserRow.email), unique=True)


class PostRow(Base):
    __tablename__ = "posts"
    __table_args__ = (
        # The slug is the natural key of a post: the database, not a SELECT before the INSERT,
        # keeps it unique.
        Index("uq_posts_slug", "slug", unique=True),
        # The feed filters on author_id and status (equalities) and sorts on created_at: in
        # that order the matching entries lie together, already sorted, so the page is the
        # first 20 of them and no temporary B-tree sorts anything. It also serves every query
        # on author_id alone, which is why ix_posts_author_id and (author_id, status) are gone,
        # and ix_posts_status (three values) went because it narrowed nothing.
        Index("ix_posts_feed", "author_id", "status", "created_at"),
        Index("ix_posts_author_id", "author_id"),
        Index("ix_posts_status", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(80))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="draft")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    published_at: Mapped[datetime | None] = mapped_column(DateTime)


class CommentRow(Base):
    __tablename__ = "comments"
    # A post's comments, in time order, straight from the index.
    __table_args__ = (Index("ix_comments_post_created", "post_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class TagRow(Base):
    __tablename__ = "tags"
    # The tag page starts from the name: a natural key, unique.
    __table_args__ = (Index("uq_tags_name", "name", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


posts_tags = Table(
    "posts_tags",
    Base.metadata,
    Column("post_id", Integer, ForeignKey("posts.id"), primary_key=True),
    Column("tag_id", Integer, ForeignKey("tags.id"), primary_key=True),
    # The primary key (post_id, tag_id) serves post -> tags; the tag page joins tag -> posts.
    Index("ix_posts_tags_tag", "tag_id", "post_id"),
)
