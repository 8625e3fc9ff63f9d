"""A fault-injecting fake of the outside service, on 127.0.0.1, started by the suites.

It serves link previews (GET /previews?url=...) and mail (POST /messages). Each arrival takes
the next behaviour from a script (or the default): answer, hang, drip, reset the connection,
answer a status with Retry-After, or answer a malformed body. An attempt the app had already
given up on when it was served takes no behaviour, and is kept apart. It records every arrival with
its real time, the app's fake time, its method, path, headers and body, how many requests
it held at once (in all, and per route), and when each hang ended. `release()` ends every hang and drip (until the next `will`); the fixture calls it at teardown.
"""

from __future__ import annotations

import json
import select
import socket
import struct
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass(frozen=True)
class Behaviour:
    kind: str = "answer"  # answer, hang, drip, reset
    status: int = 200
    body: bytes | None = None  # None: the well-formed answer for the path
    headers: tuple[tuple[str, str], ...] = ()
    sized: bool = True  # False: no Content-Length, the body ends when the connection closes

    def __str__(self) -> str:
        if self.kind != "answer":
            return self.kind
        extra = "".join(f" {k}: {v}" for k, v in self.headers) + ("" if self.sized else " (no Content-Length)")
        return f"{self.status}{extra}" + (f" {self.body[:30]!r}" if self.body is not None else "")


OK = Behaviour()
HANG = Behaviour("hang")
DRIP = Behaviour("drip")
RESET = Behaviour("reset")


def status(code: int, retry_after: str | None = None) -> Behaviour:
    return Behaviour(status=code, headers=(("Retry-After", retry_after),) if retry_after is not None else ())


def body(raw: bytes | str | object, *, sized: bool = True) -> Behaviour:
    """A 200 whose body is `raw`: bytes as they are, anything else as JSON. Not `sized`: sent without
    a Content-Length, its end marked by closing the connection, as HTTP/1.0 allows."""
    data = raw if isinstance(raw, bytes) else json.dumps(raw).encode()
    return Behaviour(body=data, sized=sized)


@dataclass(frozen=True)
class Arrival:
    real: float
    fake: float
    method: str
    path: str
    headers: dict[str, str]
    body: bytes = field(repr=False)


class FakeUpstream:
    def __init__(self, fake_clock: Callable[[], float] = lambda: 0.0) -> None:
        self.fake_clock = fake_clock
        self.default = OK
        self.arrivals: list[Arrival] = []
        self.abandoned: list[Arrival] = []  # attempts the app had given up on before they were served
        self.most_in_flight = 0
        self.most_in_flight_at: dict[str, int] = {}  # per route: "/previews", "/messages"
        self.hangs_ended: list[float] = []  # real times at which a hang let go of its request
        self.hang_at_most = 2.5  # seconds a hang holds a request unless released or given up on
        self._in_flight = 0
        self._in_flight_at: dict[str, int] = {}
        self._script: deque[Behaviour] = deque()
        self._lock = threading.Lock()
        self._released = threading.Event()
        self._server = _Server(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
        self._thread.start()

    def will(self, *behaviours: Behaviour, then: Behaviour | None = None) -> None:
        """The next arrivals meet `behaviours` in order (what was left of an earlier script is
        dropped), and every later one `then` (if given). A released service holds hangs again."""
        self._released.clear()
        with self._lock:
            self._script = deque(behaviours)
            if then is not None:
                self.default = then

    def afresh(self) -> None:
        """Count held requests and ended hangs from now on (for a check played twice)."""
        with self._lock:
            self.most_in_flight = self._in_flight
            self.most_in_flight_at = dict(self._in_flight_at)
            self.hangs_ended = []

    def first_hang_ended(self) -> float | None:
        with self._lock:
            return min(self.hangs_ended, default=None)

    def arrived(self, path: str = "") -> list[Arrival]:
        with self._lock:
            return [a for a in self.arrivals if a.path.startswith(path)]

    def release(self) -> None:
        """End every hang and drip, and reset every later connection at once."""
        with self._lock:
            self._script.clear()
            self.default = RESET
        self._released.set()

    def stop(self) -> None:
        self.release()
        self._server.shutdown()
        self._server.server_close()

    def wait_for(self, ready: Callable[[], bool], seconds: float) -> None:
        """Wait until `ready()`, until a hang ends, or `seconds`, whichever comes first."""
        until = time.monotonic() + seconds
        while not ready() and self.first_hang_ended() is None and time.monotonic() < until:
            time.sleep(0.01)

    def held_at(self, route: str) -> int:
        """The most requests to `route` held at once (since `afresh`)."""
        with self._lock:
            return self.most_in_flight_at.get(route, 0)

    def _next(self, arrival: Arrival) -> Behaviour:
        route = urlsplit(arrival.path).path
        with self._lock:
            self.arrivals.append(arrival)
            self._in_flight += 1
            self._in_flight_at[route] = self._in_flight_at.get(route, 0) + 1
            self.most_in_flight = max(self.most_in_flight, self._in_flight)
            self.most_in_flight_at[route] = max(self.most_in_flight_at.get(route, 0), self._in_flight_at[route])
            return self._script.popleft() if self._script else self.default

    def _done(self, arrival: Arrival) -> None:
        with self._lock:
            self._in_flight -= 1
            self._in_flight_at[urlsplit(arrival.path).path] -= 1


class _Server(ThreadingHTTPServer):
    # socketserver listens with a backlog of 5: a sixth connection that arrives in the same instant
    # has its SYN dropped, and the client's kernel sends it again only a second later.
    request_queue_size = 128


def _handler(fake: FakeUpstream) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def setup(self) -> None:
            super().setup()
            # Headers and body leave as written, without waiting for the client's ACK (Nagle).
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def do_GET(self) -> None:
            self._serve()

        def do_POST(self) -> None:
            self._serve()

        def log_message(self, format: str, *args: object) -> None:
            pass

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            sent = self.rfile.read(length) if length else b""
            arrival = Arrival(
                time.monotonic(), fake.fake_clock(), self.command, self.path, dict(self.headers.items()), sent
            )
            if self._client_gone():
                # The app gave up on this attempt before it was served (a loaded machine can delay
                # the accept past a short deadline): it spends no behaviour of a later script.
                fake.abandoned.append(arrival)
                return
            behaviour = fake._next(arrival)
            try:
                getattr(self, f"_{behaviour.kind}")(behaviour)
            except OSError:
                pass  # the app gave up on this request: that is allowed
            finally:
                fake._done(arrival)

        def _answer(self, behaviour: Behaviour) -> None:
            code, data = behaviour.status, behaviour.body
            if data is None:
                code, data = self._well_formed() if code == 200 else (code, b'{"error": "try again later"}')
            self.send_response(code)
            for name, value in behaviour.headers:
                self.send_header(name, value)
            self.send_header("Content-Type", "application/json")
            if behaviour.sized:
                self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _well_formed(self) -> tuple[int, bytes]:
            route = urlsplit(self.path)
            if (self.command, route.path) == ("POST", "/messages"):
                return 202, json.dumps({"id": f"msg-{len(fake.arrivals)}"}).encode()
            if (self.command, route.path) == ("GET", "/previews"):
                url = parse_qs(route.query).get("url", ["?"])[0]
                preview = {"url": url, "title": f"Preview of {url}", "description": "A page.", "lang": "en"}
                return 200, json.dumps(preview).encode()
            return 404, b'{"error": "no such route"}'

        def _hang(self, behaviour: Behaviour) -> None:
            # Held until released, until the app gives up and closes its end, or `hang_at_most`: an app
            # without a timeout is then answered with a reset, so no check outlives its time limit.
            until = time.monotonic() + fake.hang_at_most
            while not fake._released.wait(0.01) and not self._client_gone() and time.monotonic() < until:
                pass
            with fake._lock:
                fake.hangs_ended.append(time.monotonic())
            self._reset(behaviour)

        def _client_gone(self) -> bool:
            try:
                readable, _, _ = select.select([self.connection], [], [], 0)
                return bool(readable) and self.connection.recv(1, socket.MSG_PEEK) == b""
            except OSError:
                return True

        def _drip(self, behaviour: Behaviour) -> None:
            # Headers at once, then one byte of a long body every 5 ms: each read is quick,
            # the whole answer would take minutes.
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "10000")
            self.end_headers()
            self.wfile.flush()
            while not fake._released.wait(0.005):
                self.wfile.write(b" ")
                self.wfile.flush()
            self._reset(behaviour)

        def _reset(self, behaviour: Behaviour) -> None:
            # SO_LINGER with a zero timeout: close() sends a TCP reset, as a crashed peer does.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()

    return Handler
