"""The schema. Every query the server runs is served by one of the indexes named here."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)


class UtcDateTime(TypeDecorator[datetime]):
    """SQLite keeps no time zone: store UTC, read back an aware UTC datetime."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        return value.astimezone(UTC).replace(tzinfo=None) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


metadata = MetaData()

rooms = Table(
    "rooms",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(12), nullable=False, unique=True),
    Column("name", String(80), nullable=False),
    Column("admin_digest", String(64), nullable=False, unique=True),
    Column("status", String(10), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("closed_at", UtcDateTime),
    Column("version", Integer, nullable=False, default=0),
)

learners = Table(
    "learners",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("room_id", ForeignKey("rooms.id"), nullable=False),
    Column("name", String(40), nullable=False),
    Column("token_digest", String(64), unique=True),  # NULL once the room is archived
    Column("joined_at", UtcDateTime, nullable=False),
    # Also the index of "the learners of a room, by name": the board's query.
    UniqueConstraint("room_id", "name", name="uq_learners_room_name"),
)

reports = Table(
    "reports",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("learner_id", ForeignKey("learners.id"), nullable=False),
    Column("report_id", String(32), nullable=False),
    Column("kata", String(48), nullable=False),
    Column("score", Float, nullable=False),
    Column("complete", Boolean, nullable=False),
    Column("seconds", Float, nullable=False),
    Column("checked_at", UtcDateTime, nullable=False),
    Column("received_at", UtcDateTime, nullable=False),
    Column("tasks", Text, nullable=False),  # JSON: the per-task scores, kept for the record and the export
    # A retried report carries the same id: the constraint makes storing it idempotent.
    UniqueConstraint("learner_id", "report_id", name="uq_reports_learner_report"),
)

progress = Table(
    "progress",
    metadata,
    Column("learner_id", ForeignKey("learners.id"), primary_key=True),
    Column("kata", String(48), primary_key=True),
    Column("best", Float, nullable=False),
    Column("last", Float, nullable=False),
    Column("checks", Integer, nullable=False),
    Column("started_at", UtcDateTime, nullable=False),
    Column("last_at", UtcDateTime, nullable=False),
    Column("finished_at", UtcDateTime),
    Column("failing", Text, nullable=False),  # JSON: [[number, title], ...] of the latest check
)

Index("ix_rooms_status", rooms.c.status)
