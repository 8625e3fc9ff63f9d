"""The tables, mapped straight onto the domain's dataclasses: no copying between rows and entities."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, Table, Text, TypeDecorator, create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.orm import registry
from sqlalchemy.pool import StaticPool

from inkwell.domain.model import Post, User


class UtcDateTime(TypeDecorator[datetime]):
    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        return value.astimezone(UTC).replace(tzinfo=None) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


mapper_registry = registry()
metadata = mapper_registry.metadata

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(320), unique=True),
    Column("display_name", String(100)),
    Column("role", String(10)),
    Column("created_at", UtcDateTime()),
)
posts = Table(
    "posts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("author_id", ForeignKey("users.id")),
    Column("title", String(200)),
    Column("slug", String(60), unique=True),
    Column("body", Text),
    Column("status", String(10)),
    Column("created_at", UtcDateTime()),
    Column("published_at", UtcDateTime(), nullable=True),
)
tokens = Table(
    "tokens",
    metadata,
    Column("token", String(64), primary_key=True),
    Column("user_id", ForeignKey("users.id")),
)


def start_mappers() -> None:
    if not mapper_registry.mappers:
        mapper_registry.map_imperatively(User, users)
        mapper_registry.map_imperatively(Post, posts)


def make_engine(database_url: str) -> Engine:
    start_mappers()
    if database_url in ("sqlite://", "sqlite:///:memory:"):
        engine = create_engine(database_url, connect_args={"check_same_thread": False}, poolclass=StaticPool)
    else:
        engine = create_engine(database_url)
    metadata.create_all(engine)
    return engine
