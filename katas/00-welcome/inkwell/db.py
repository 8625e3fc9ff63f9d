"""Persistence for the welcome kata: one table of users."""

from __future__ import annotations

from sqlalchemy import String, create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.pool import StaticPool


class Base(DeclarativeBase):
    pass


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))


def make_engine(database_url: str) -> Engine:
    # An in-memory SQLite database lives as long as its connection: share one across threads.
    if database_url in ("sqlite://", "sqlite:///:memory:"):
        engine = create_engine(database_url, connect_args={"check_same_thread": False}, poolclass=StaticPool)
    else:
        engine = create_engine(database_url)
    Base.metadata.create_all(engine)
    return engine
