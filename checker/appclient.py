"""AppClient: how the katas' suites call their app in process, as through Starlette's TestClient.

The same interface: an httpx2.Client on the app at http://testserver; `with` runs the app's
lifespan; `raise_server_exceptions`; `client=(host, port)` as the peer the app sees. About a third
of the cost per request: TestClient crosses to its event loop's thread some ten times per request
(two events, a memory stream, a cancel scope, the task, each chunk of the body), and those
crossings were most of a suite's time in the request-heavy katas. AppClient runs each exchange
as one coroutine on a loop thread of the client's own and hands the whole answer back once.

An answer is read whole before it returns, so an endless streamed answer never returns (no kata
app streams one; the checker's time limit stops such a test as it stops any hang).
"""

from __future__ import annotations

import asyncio
import threading
import weakref
from collections.abc import Awaitable, Callable, Coroutine, MutableMapping
from typing import Any, TypeVar
from urllib.parse import unquote

import httpx2

Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[MutableMapping[str, Any], Receive, Send], Awaitable[None]]

T = TypeVar("T")

# How long closing a client waits for requests still in flight (a hung call of a test that failed).
_CLOSE_WAIT = 5.0


class _Loop:
    """An event loop on a daemon thread of its own, started on first use, stopped by `stop`."""

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._lock = threading.Lock()

    def run(self, work: Coroutine[Any, Any, T]) -> T:
        with self._lock:
            if self._loop is None:
                self._loop = asyncio.new_event_loop()
                threading.Thread(target=_serve, args=(self._loop,), name="appclient", daemon=True).start()
            done = asyncio.run_coroutine_threadsafe(work, self._loop)
        return done.result()

    def stop(self) -> None:
        """Cancel what still runs (waiting a few seconds for it), then end the thread. Never blocks
        the loop's own thread: a client collected there only asks the loop to stop."""
        with self._lock:
            loop, self._loop = self._loop, None
        if loop is None or loop.is_closed():
            return
        if not _on(loop):
            try:
                asyncio.run_coroutine_threadsafe(_cancel_the_rest(), loop).result(_CLOSE_WAIT + 1)
            except Exception:  # noqa: BLE001 - a request that will not end must not keep the test from closing
                pass
        loop.call_soon_threadsafe(loop.stop)


def _serve(loop: asyncio.AbstractEventLoop) -> None:
    asyncio.set_event_loop(loop)
    try:
        loop.run_forever()
    finally:
        loop.close()


def _on(loop: asyncio.AbstractEventLoop) -> bool:
    try:
        return asyncio.get_running_loop() is loop
    except RuntimeError:
        return False


async def _cancel_the_rest() -> None:
    rest = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
    for task in rest:
        task.cancel()
    if rest:
        await asyncio.wait(rest, timeout=_CLOSE_WAIT)


class _Transport(httpx2.BaseTransport):
    def __init__(self, app: App, loop: _Loop, peer: tuple[str, int], state: dict[str, Any], raise_errors: bool):
        self.app, self.loop, self.peer, self.state, self.raise_errors = app, loop, peer, state, raise_errors

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        url = request.url
        scope: dict[str, Any] = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": request.method,
            "scheme": url.scheme,
            "path": unquote(url.path),
            "raw_path": url.raw_path.split(b"?", 1)[0],
            "query_string": url.query,
            "root_path": "",
            "headers": [(key.lower().encode(), value.encode()) for key, value in request.headers.multi_items()],
            "client": self.peer,
            "server": [url.host, url.port or {"https": 443}.get(url.scheme, 80)],
            "extensions": {},
            "state": dict(self.state),
        }
        status, headers, body, error = self.loop.run(_exchange(self.app, scope, request.read()))
        # As TestClient: the app's error is raised in the test if asked; if not, the test gets what
        # the app answered (Starlette answers 500 before it re-raises), or an empty 500.
        if error is not None and self.raise_errors:
            raise error
        if status is None:
            if self.raise_errors:
                raise AssertionError("The app returned without sending a response.")
            status, headers, body = 500, [], b""
        return httpx2.Response(status, headers=headers, content=body, request=request)


async def _exchange(
    app: App, scope: MutableMapping[str, Any], body: bytes
) -> tuple[int | None, list[tuple[str, str]], bytes, BaseException | None]:
    """One request: the app's status, headers and whole body, and what it raised, if anything."""
    status: int | None = None
    headers: list[tuple[str, str]] = []
    chunks: list[bytes] = []
    answered = asyncio.Event()
    asked = False

    async def receive() -> Message:
        nonlocal asked
        if not asked:
            asked = True
            return {"type": "http.request", "body": body, "more_body": False}
        await answered.wait()
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        nonlocal status, headers
        if message["type"] == "http.response.start":
            status = message["status"]
            headers = [(key.decode("latin-1"), value.decode("latin-1")) for key, value in message.get("headers", [])]
        elif message["type"] == "http.response.body":
            chunks.append(bytes(message.get("body", b"")))
            if not message.get("more_body", False):
                answered.set()

    try:
        await app(scope, receive, send)
    except Exception as error:  # the test sees it raised (or a 500), as through TestClient
        return status, headers, b"".join(chunks), error
    finally:
        answered.set()
    return status, headers, b"".join(chunks), None


class _Lifespan:
    """The app's lifespan, run as TestClient runs it: startup on entering, shutdown on leaving."""

    def __init__(self, app: App, state: dict[str, Any]) -> None:
        self.app, self.state = app, state
        self.inbox: asyncio.Queue[Message] = asyncio.Queue()
        self.outbox: asyncio.Queue[Message] = asyncio.Queue()
        self.task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        scope = {"type": "lifespan", "asgi": {"version": "3.0"}, "state": self.state}
        self.task = asyncio.ensure_future(self.app(scope, self.inbox.get, self.outbox.put))
        await self._step("startup")

    async def stop(self) -> None:
        if self.task is not None and not self.task.done():
            await self._step("shutdown")

    async def _step(self, phase: str) -> None:
        assert self.task is not None
        await self.inbox.put({"type": f"lifespan.{phase}"})
        answer = asyncio.ensure_future(self.outbox.get())
        await asyncio.wait([answer, self.task], return_when=asyncio.FIRST_COMPLETED)
        if answer.done() and answer.result()["type"] == f"lifespan.{phase}.complete":
            return
        answer.cancel()
        if self.task.done() and self.task.exception() is not None:
            raise self.task.exception()  # type: ignore[misc]
        if answer.done():  # lifespan.<phase>.failed, and the app did not raise
            raise RuntimeError(answer.result().get("message") or f"the app's lifespan {phase} failed")
        # The app ended its lifespan without a word: it has none, as a plain ASGI app may.


class AppClient(httpx2.Client):
    """An httpx2.Client that calls `app` in process. Close it (or use `with`) to end its thread."""

    __test__ = False

    def __init__(
        self,
        app: Any,
        base_url: str = "http://testserver",
        raise_server_exceptions: bool = True,
        headers: dict[str, str] | None = None,
        follow_redirects: bool = True,
        client: tuple[str, int] = ("testclient", 50000),
    ) -> None:
        self.app = app
        self.app_state: dict[str, Any] = {}
        self._loop = _Loop()
        self._lifespan: _Lifespan | None = None
        transport = _Transport(app, self._loop, client, self.app_state, raise_server_exceptions)
        super().__init__(
            transport=transport,
            base_url=base_url,
            headers={"user-agent": "testclient", **(headers or {})},
            follow_redirects=follow_redirects,
        )
        weakref.finalize(self, self._loop.stop)

    def __enter__(self) -> AppClient:
        super().__enter__()
        self._lifespan = _Lifespan(self.app, self.app_state)
        self._loop.run(self._lifespan.start())
        return self

    def __exit__(self, *exc: Any) -> None:
        try:
            if self._lifespan is not None:
                lifespan, self._lifespan = self._lifespan, None
                self._loop.run(lifespan.stop())
        finally:
            self._loop.stop()
            super().__exit__(*exc)

    def close(self) -> None:
        self._loop.stop()
        super().close()
