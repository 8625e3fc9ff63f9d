"""The room repository over SQLAlchemy Core: one statement per question, each on an index."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, insert, select, update
from sqlalchemy.dialects.sqlite import insert as upsert

from checker.room.domain.model import Learner, Progress, Room, RoomStatus, Summary
from checker.room.domain.policy import AsFacilitator, AsLearner, Caller, Nobody
from checker.room.infrastructure.tables import learners, progress, reports, rooms


class SqlRoomRepository:
    def __init__(self, connection: Connection) -> None:
        self.db = connection

    def add_room(self, *, code: str, name: str, admin_digest: str, created_at: datetime) -> Room:
        values = {"code": code, "name": name, "admin_digest": admin_digest, "created_at": created_at}
        row_id = self.db.execute(insert(rooms).values(status=RoomStatus.OPEN.value, version=0, **values)).lastrowid
        return Room(int(row_id or 0), code, name, RoomStatus.OPEN, created_at)

    def room_by_code(self, code: str) -> Room | None:
        row = self.db.execute(select(rooms).where(rooms.c.code == code)).first()
        return _room(row) if row else None

    def room_by_id(self, room_id: int) -> Room | None:
        row = self.db.execute(select(rooms).where(rooms.c.id == room_id)).first()
        return _room(row) if row else None

    def rooms(self, statuses: Sequence[RoomStatus]) -> list[Room]:
        query = select(rooms).where(rooms.c.status.in_([s.value for s in statuses])).order_by(rooms.c.id)
        return [_room(row) for row in self.db.execute(query)]

    def save_room(self, room: Room) -> None:
        values = {"status": room.status.value, "closed_at": room.closed_at, "version": room.version}
        self.db.execute(update(rooms).where(rooms.c.id == room.id).values(**values))

    def touch(self, room_id: int) -> None:
        self.db.execute(update(rooms).where(rooms.c.id == room_id).values(version=rooms.c.version + 1))

    def add_learner(self, *, room_id: int, name: str, token_digest: str, joined_at: datetime) -> Learner | None:
        values = {"room_id": room_id, "name": name, "token_digest": token_digest, "joined_at": joined_at}
        result = self.db.execute(upsert(learners).values(**values).on_conflict_do_nothing())
        if result.rowcount != 1:
            return None  # the name is taken in this room
        return Learner(int(result.lastrowid or 0), room_id, name, joined_at)

    def learner_names(self, room_id: int) -> list[str]:
        query = select(learners.c.name).where(learners.c.room_id == room_id)  # on (room_id, name)
        return list(self.db.scalars(query))

    def learner(self, learner_id: int) -> Learner | None:
        row = self.db.execute(select(learners).where(learners.c.id == learner_id)).first()
        return _learner(row) if row else None

    def caller(self, token_digest: str) -> Caller:
        row = self.db.execute(select(learners).where(learners.c.token_digest == token_digest)).first()
        if row is not None:
            return AsLearner(_learner(row))
        row = self.db.execute(select(rooms).where(rooms.c.admin_digest == token_digest)).first()
        return AsFacilitator(_room(row)) if row is not None else Nobody()

    def add_report(self, learner_id: int, summary: Summary, received_at: datetime) -> bool:
        fields = asdict(summary)
        fields["tasks"] = json.dumps(fields["tasks"], separators=(",", ":"))
        query = upsert(reports).values(learner_id=learner_id, received_at=received_at, **fields)
        return self.db.execute(query.on_conflict_do_nothing()).rowcount == 1

    def progress(self, learner_id: int, kata: str) -> Progress | None:
        query = select(progress).where(progress.c.learner_id == learner_id, progress.c.kata == kata)
        row = self.db.execute(query).first()
        return _progress(row._mapping) if row else None

    def save_progress(self, item: Progress) -> None:
        values = asdict(item)
        values["failing"] = json.dumps(values["failing"])
        query = upsert(progress).values(**values)
        changed = {k: v for k, v in values.items() if k not in ("learner_id", "kata")}
        self.db.execute(query.on_conflict_do_update(index_elements=["learner_id", "kata"], set_=changed))

    def progress_of(self, learner_id: int) -> list[Progress]:
        query = select(progress).where(progress.c.learner_id == learner_id).order_by(progress.c.kata)
        return [_progress(row._mapping) for row in self.db.execute(query)]

    def board_rows(self, room_id: int) -> list[tuple[Learner, list[Progress]]]:
        # One statement for the whole room, however many learners: the learners joined to their
        # progress, walked in order of the (room_id, name) index.
        p = progress.alias("p")
        query = (
            select(learners.c.id, learners.c.room_id, learners.c.name, learners.c.joined_at, *p.c)
            .outerjoin(p, p.c.learner_id == learners.c.id)
            .where(learners.c.room_id == room_id)
            .order_by(learners.c.name, learners.c.id, p.c.kata)
        )
        board: dict[int, tuple[Learner, list[Progress]]] = {}
        for row in self.db.execute(query):
            m = row._mapping
            learner_id = m[learners.c.id]
            if learner_id not in board:
                board[learner_id] = (Learner(learner_id, room_id, m[learners.c.name], m[learners.c.joined_at]), [])
            if m[p.c.kata] is not None:
                board[learner_id][1].append(_progress({c.name: m[c] for c in p.c}))
        return list(board.values())

    def revoke_tokens(self, room_id: int) -> None:
        self.db.execute(update(learners).where(learners.c.room_id == room_id).values(token_digest=None))


def _room(row: Row[Any]) -> Room:
    m = row._mapping
    return Room(m["id"], m["code"], m["name"], RoomStatus(m["status"]), m["created_at"], m["closed_at"], m["version"])


def _learner(row: Row[Any]) -> Learner:
    m = row._mapping
    return Learner(m["id"], m["room_id"], m["name"], m["joined_at"])


def _progress(m: Any) -> Progress:
    values = dict(m)
    values["failing"] = tuple((int(n), str(t)) for n, t in json.loads(values["failing"]))
    return Progress(**values)
