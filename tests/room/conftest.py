"""Fixtures for the room: an app on an in-memory database, a clock the test moves, a live server."""

from __future__ import annotations

import socket
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from checker.room.application.rooms import OpenedRoom, open_room
from checker.room.infrastructure.unit_of_work import SqlUnitOfWork
from checker.room.interface.app import create_app

KATAS = (("00-welcome", "Welcome to Inkwell"), ("01-layering", "Layers"), ("02-result", "Results"))
START = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class Member:
    id: int
    token: str
    name: str

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def new_room(app: FastAPI, name: str = "Tuesday workshop") -> OpenedRoom:
    svc = app.state.services
    return open_room(name, uow=SqlUnitOfWork(svc.engine), secrets=svc.secrets, clock=svc.clock).value  # type: ignore[union-attr]


def summary(kata: str = "00-welcome", *, score: float = 40, at: datetime = START, **changes: Any) -> dict[str, Any]:
    """A check's summary as a learner's copy sends it: task 1 passes, task 2 earns what is left."""
    complete = score >= 100
    body = {
        "report_id": uuid.uuid4().hex,
        "kata": kata,
        "score": score,
        "complete": complete,
        "seconds": 1.5,
        "checked_at": at.isoformat(),
        "tasks": [
            {"number": 1, "title": "Normalise emails", "points": 25, "earned": min(score, 25), "passed": score >= 25},
            {"number": 2, "title": "Slugify titles", "points": 75, "earned": max(score - 25, 0), "passed": complete},
        ],
    }
    return {**body, **changes}


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app(clock: Clock) -> FastAPI:
    return create_app(katas=KATAS, clock=clock)


@pytest.fixture
def client(app: FastAPI) -> TestClient:
    return TestClient(app)


@pytest.fixture
def room(app: FastAPI) -> OpenedRoom:
    return new_room(app)


@pytest.fixture
def admin(room: OpenedRoom) -> dict[str, str]:
    return {"Authorization": f"Bearer {room.admin_token}"}


@pytest.fixture
def join(client: TestClient, room: OpenedRoom):
    def joining(name: str, code: str | None = None) -> Member:
        response = client.post(f"/api/rooms/{code or room.room.code}/learners", json={"name": name})
        assert response.status_code == 201, f"joining as {name!r} answered {response.status_code}: {response.text}"
        body = response.json()
        return Member(body["learner_id"], body["token"], name)

    return joining


class LiveServer:
    """The app under uvicorn on 127.0.0.1, in a thread of the test process."""

    def __init__(self, app: FastAPI) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            assert time.monotonic() < deadline, "the room server did not start within 10 s"
            time.sleep(0.02)
        return self

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture
def live(tmp_path_factory) -> Iterator[tuple[LiveServer, OpenedRoom]]:
    # A database file, as `kata serve` uses, and the real clock: a learner copy stamps its
    # summaries with the time of the machine.
    database = tmp_path_factory.mktemp("room") / "room.db"
    served = create_app(f"sqlite:///{database}", katas=KATAS)
    opened = new_room(served)
    with LiveServer(served) as server:
        yield server, opened
