"""The tables of Inkwell, as the production database has them today."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, DateTime, ForeignKey, Index, Integer, String, Table, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


# TODO(kata): Task 3. Make the database itself refuse a second account for one address in any
# case (a unique index on lower(email), or an equivalent), instead of trusting a Python check.
class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320))
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(10), default="member")
    created_at: Mapped[datetime] = mapped_column(DateTime)


# TODO(kata): Task 2. Give the feed (author_id = ? AND status = ? ORDER BY created_at DESC) one
# composite index whose columns are the filters first, then the sort.
# TODO(kata): Task 4. Drop what only costs writes: an index that is a prefix of another, and the
# index on status (three values; it narrows nothing).
# TODO(kata): Task 3. Make slug unique in the database.
class PostRow(Base):
    __tablename__ = "posts"
    __table_args__ = (
        Index("ix_posts_author_id", "author_id"),
        Index("ix_posts_author_id_status", "author_id", "status"),
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


# TODO(kata): Task 1. A post's comments are read by post_id in time order: index them that way.
class CommentRow(Base):
    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)


# TODO(kata): Task 1. Tags are found by name, the natural key: make it a unique index.
class TagRow(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


# TODO(kata): Task 1. The primary key serves post -> tags; the tag page goes tag -> posts and
# needs the other direction indexed.
posts_tags = Table(
    "posts_tags",
    Base.metadata,
    Column("post_id", Integer, ForeignKey("posts.id"), primary_key=True),
    Column("tag_id", Integer, ForeignKey("tags.id"), primary_key=True),
)
