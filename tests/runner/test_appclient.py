"""AppClient answers as Starlette's TestClient does, so a suite reads the same verdicts through it.

Each check sends the same requests through both clients and compares what the test sees: status,
headers, body, the peer address, the lifespan, a raised error. A kata's verdicts go through the
suites themselves (tests/bars); these pin the edges a suite could meet on a learner's app.
"""

from __future__ import annotations

import asyncio
import threading
import time
from contextlib import asynccontextmanager

import pytest
from fastapi import FastAPI, Request
from fastapi.responses import PlainTextResponse, RedirectResponse
from fastapi.testclient import TestClient

from checker.appclient import AppClient


def _app(events: list[str] | None = None) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if events is not None:
            events.append("startup")
        yield {"greeting": "hello"}
        if events is not None:
            events.append("shutdown")

    app = FastAPI(lifespan=lifespan)
    release = threading.Event()
    app.state.release = release

    @app.get("/echo/{name}")
    def echo(name: str, request: Request, q: str = "") -> dict[str, object]:
        return {
            "name": name,
            "q": q,
            "peer": list(request.client or ()),
            "path": request.url.path,
            "agent": request.headers.get("user-agent"),
            "forwarded": request.headers.getlist("x-forwarded-for"),
            "greeting": getattr(request.state, "greeting", None),
        }

    @app.post("/items", status_code=201)
    async def create(item: dict[str, object]) -> dict[str, object]:
        return {"got": item}

    @app.get("/teapot")
    def teapot() -> PlainTextResponse:
        return PlainTextResponse("short and stout", status_code=418, headers={"Retry-After": "7"})

    @app.get("/boom")
    def boom() -> None:
        raise ValueError("the app broke")

    @app.get("/moved")
    def moved() -> RedirectResponse:
        return RedirectResponse("/echo/there")

    @app.get("/hang")
    def hang() -> dict[str, bool]:
        return {"released": release.wait(10)}

    @app.get("/quick")
    async def quick() -> dict[str, bool]:
        await asyncio.sleep(0)
        return {"ok": True}

    return app


def _seen(response) -> tuple[int, str, dict[str, str], bytes]:
    headers = {k: v for k, v in response.headers.items() if k not in {"date", "server"}}
    return response.status_code, response.url.path, headers, response.content


@pytest.mark.parametrize(
    "send",
    [
        lambda c: c.get("/echo/caf%C3%A9", params={"q": "a b&c"}),
        lambda c: c.get("/echo/x", headers=[("X-Forwarded-For", "10.0.0.1"), ("X-Forwarded-For", "10.0.0.2")]),
        lambda c: c.post("/items", json={"title": "Ünïcode", "n": [1, 2]}),
        lambda c: c.post("/items", content=b"{not json", headers={"Content-Type": "application/json"}),
        lambda c: c.get("/teapot"),
        lambda c: c.get("/moved"),
        lambda c: c.get("/nowhere"),
        lambda c: c.delete("/items"),
    ],
    ids=[
        "path-and-query",
        "header-lines",
        "json-body",
        "malformed-body",
        "status-and-headers",
        "redirect",
        "404",
        "405",
    ],
)
def test_the_app_answers_both_clients_alike(send):
    with (
        TestClient(_app(), client=("203.0.113.9", 4321)) as theirs,
        AppClient(_app(), client=("203.0.113.9", 4321)) as ours,
    ):
        assert _seen(send(ours)) == _seen(send(theirs))


def test_the_lifespan_runs_on_entering_and_leaving_and_its_state_reaches_requests():
    events: list[str] = []
    with AppClient(_app(events)) as client:
        assert events == ["startup"]
        assert client.get("/echo/x").json()["greeting"] == "hello"
    assert events == ["startup", "shutdown"]


def test_an_error_in_the_app_is_raised_in_the_test_or_answered_500_as_asked():
    with AppClient(_app()) as client, pytest.raises(ValueError, match="the app broke"):
        client.get("/boom")
    with AppClient(_app(), raise_server_exceptions=False) as ours:
        with TestClient(_app(), raise_server_exceptions=False) as theirs:
            assert (ours.get("/boom").status_code, ours.get("/boom").text) == (
                theirs.get("/boom").status_code,
                theirs.get("/boom").text,
            )


def test_a_request_that_hangs_does_not_hold_up_others_and_closing_ends_the_clients_thread():
    app = _app()
    before = threading.active_count()
    with AppClient(app) as client:
        stuck = threading.Thread(target=lambda: client.get("/hang"), daemon=True)
        stuck.start()
        time.sleep(0.1)
        started = time.monotonic()
        assert client.get("/quick").json() == {"ok": True}
        assert client.get("/echo/x").status_code == 200
        waited = time.monotonic() - started
        app.state.release.set()
        stuck.join(5)
    assert waited < 5, f"a request waited {waited:.1f} s behind one that hung"
    assert not stuck.is_alive()
    deadline = time.monotonic() + 5
    while threading.active_count() > before + 1 and time.monotonic() < deadline:  # anyio's idle worker may linger
        time.sleep(0.05)
    assert threading.active_count() <= before + 1, [t.name for t in threading.enumerate()]


def test_a_client_never_entered_nor_closed_leaves_no_thread_behind_once_dropped():
    app = _app()

    def loops() -> set[int | None]:
        return {t.ident for t in threading.enumerate() if t.name == "appclient"}

    before = loops()  # an earlier test's client may still be ending its own
    for _ in range(20):
        assert AppClient(app).get("/quick").status_code == 200
    deadline = time.monotonic() + 5
    while loops() - before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not loops() - before, f"{len(loops() - before)} of the 20 clients' threads still run"
