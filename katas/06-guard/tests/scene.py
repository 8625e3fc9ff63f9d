"""The scene both suites play: the app built on fake time, pointed at the fake outside service.

`World` builds the app through the contract (`create_app(database_url, settings)`), registers
two writers through `app.state.accounts`, and gives helpers for the requests the suites send.
"""

from __future__ import annotations

import gc
import random
import sys
import threading
import time
from collections.abc import Callable, Iterator
from types import BuiltinFunctionType, FunctionType, MethodType, ModuleType
from typing import Any, TypeVar

import pytest
from kata_tests.upstream import OK, FakeUpstream, status

from checker.appclient import AppClient
from checker.testkit import fault, learner

PEER = "198.51.100.10"  # the address the suite's own client connects from
PASSWORD = "correct horse battery staple"
LINK = "https://example.org/story"

T = TypeVar("T")


class FakeClock:
    """The app's clock and sleeper: sleeping only moves the clock, and every sleep is recorded."""

    def __init__(self, start: float = 10_000.0) -> None:
        self.now = start
        self.sleeps: list[float] = []
        self._lock = threading.Lock()

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.sleeps.append(seconds)
            self.now += max(0.0, seconds)

    def advance(self, seconds: float) -> None:
        with self._lock:
            self.now += seconds


class SetupFailed(AssertionError):
    """The suite could not build its scene through the contract; the message says which call."""


class World:
    def __init__(
        self,
        upstream: FakeUpstream,
        *,
        timeout: float = 0.5,
        proxies: tuple[str, ...] = (),
        database_url: str = "sqlite://",
    ) -> None:
        self.upstream = upstream
        self._made = {"timeout": timeout, "proxies": proxies, "database_url": database_url}
        self.clock = FakeClock()
        upstream.fake_clock = self.clock
        self.timeout = timeout
        settings = _call(
            "inkwell.settings.Settings(...)",
            lambda: learner("inkwell.settings").Settings(
                upstream_url=upstream.url,
                upstream_timeout=timeout,
                trusted_proxies=frozenset(proxies),
                clock=self.clock,
                sleep=self.clock.sleep,
                random=random.Random(20261207).random,
            ),
        )
        self.app = _call(
            "create_app(database_url, settings=settings)",
            lambda: (
                learner("inkwell.app").create_app(settings=settings)
                if database_url == "sqlite://"  # the contract's default
                else learner("inkwell.app").create_app(database_url, settings=settings)
            ),
        )
        self.client = AppClient(self.app, raise_server_exceptions=False, client=(PEER, 40000))
        self.tokens: dict[str, str] = {}
        self._threads: list[threading.Thread] = []
        self._peers: dict[str, AppClient] = {}  # a client per other address the suite signs in from
        for name in ("ada", "bob"):
            self.add_writer(name)

    def __enter__(self) -> World:
        self.client.__enter__()
        return self

    def fresh(self) -> World:
        """A new world built as this one was, on the same fake service: new app, clock and writers."""
        return World(self.upstream, **self._made)

    def __exit__(self, *exc: object) -> None:
        # A request still in flight when its client closes can leave the client's event loop
        # waiting forever: end the service's hangs, let every request the test sent finish, then close.
        self.upstream.release()
        self.join(self._threads, 15)
        for client in self._peers.values():
            client.close()
        self.client.__exit__(*exc)

    def spawn(self, send: Callable[[], Any]) -> threading.Thread:
        """Send on a thread of its own, started now; the world waits for it before it closes."""
        thread = threading.Thread(target=send, daemon=True)
        self._threads.append(thread)
        thread.start()
        return thread

    @staticmethod
    def join(threads: list[threading.Thread], seconds: float) -> None:
        """Wait for all of `threads`, `seconds` at most in all."""
        until = time.monotonic() + seconds
        for thread in threads:
            thread.join(max(0.0, until - time.monotonic()))

    def add_writer(self, name: str) -> None:
        accounts = self.app.state.accounts
        email = f"{name}@inkwell.test"
        user_id = _call(
            f"accounts.register_user({email!r}, {name.title()!r}, <password>)",
            lambda: accounts.register_user(email, name.title(), PASSWORD),
        )
        self.tokens[name] = _call(f"accounts.issue_token({user_id})", lambda: accounts.issue_token(user_id))

    def headers(self, who: str = "ada") -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"}

    def new_post(self, link: str | None = LINK, who: str = "ada", title: str = "A post with a link") -> Any:
        body: dict[str, object] = {"title": title, "body": "Read this."}
        if link is not None:
            body["link"] = link
        return self.client.post("/posts", json=body, headers=self.headers(who))

    def invite(self, email: str = "friend@example.org", who: str = "ada") -> Any:
        return self.client.post("/invites", json={"email": email}, headers=self.headers(who))

    def sign_in(
        self, email: str, password: str = PASSWORD, peer: str = PEER, forwarded: str | list[str] | None = None
    ) -> Any:
        """POST /tokens from `peer`; `forwarded` is one X-Forwarded-For line, or several lines of it."""
        lines = [] if forwarded is None else [forwarded] if isinstance(forwarded, str) else forwarded
        headers = [("X-Forwarded-For", line) for line in lines]
        if peer != PEER and peer not in self._peers:
            self._peers[peer] = AppClient(self.app, raise_server_exceptions=False, client=(peer, 1))
        client = self._peers.get(peer, self.client)
        return client.post("/tokens", json={"email": email, "password": password}, headers=headers)

    def limit(self, name: str) -> Any:
        limits = getattr(self.app.state, "limits", None)
        if not isinstance(limits, dict) or name not in limits:
            fault(
                SetupFailed(
                    f"The suite looked for app.state.limits[{name!r}]\n"
                    f"  saw:      app.state.limits = {type(limits).__name__} {sorted(limits) if isinstance(limits, dict) else ''}\n"
                    "  expected: a dict holding the limits 'tokens-account', 'tokens-address' and 'invites-account', "
                    "each with acquire(key) -> seconds to wait (0.0: go ahead)\n"
                    "The README's contract names them: the suites drive a limiter directly to count its memory."
                )
            )
        return limits[name]

    def timed(self, send: Callable[[], Any], limit: float) -> tuple[Any, float]:
        """Send on a thread; wait up to `limit` seconds. If no answer came by then, release the
        fake service (hangs end, later connections reset) and wait for the answer anyway."""
        box: list[Any] = []
        started = time.monotonic()
        thread = self.spawn(lambda: box.append(send()))
        thread.join(limit)
        elapsed = time.monotonic() - started
        if thread.is_alive():
            self.upstream.release()
            thread.join(15)
        return (box[0] if box else None), elapsed


def held_by(root: object, *shared: object) -> int:
    """Bytes of every object reachable from `root`, except code, modules, classes and `shared`."""
    seen = {id(obj) for obj in shared}
    total, todo = 0, [root]
    while todo:
        obj = todo.pop()
        if id(obj) in seen or isinstance(obj, (type, ModuleType, FunctionType, BuiltinFunctionType, MethodType)):
            continue
        seen.add(id(obj))
        total += sys.getsizeof(obj)
        todo.extend(gc.get_referents(obj))
    return total


def address(i: int) -> str:
    return f"10.{i >> 16}.{(i >> 8) & 255}.{i & 255}"


def late(response: Any, seconds: float, budget: float, cut_off: float | None = None) -> str:
    """What a timed request saw: its answer in time, its answer too late, or that none came before
    `cut_off` (the suite's wait, `budget` when not given), when the suite released the service."""
    if response is not None and seconds <= budget:
        return f"{show(response)[:100]} after {seconds:.2f} s"
    if response is not None and seconds < (cut_off or budget):
        return f"{show(response)[:100]} only after {seconds:.2f} s"
    after = f" (once the suite released the service, it answered {show(response)[:60]})" if response is not None else ""
    return f"no answer within {seconds:.2f} s{after}"


def on_time(world: World, play: Callable[[World], T], missed: Callable[[T], bool]) -> T:
    """Plays a check bound by a real deadline; when `missed` says it was late, plays it once more,
    in a fresh world, before it counts. On a loaded machine a good app can miss a short deadline
    once; a wrong app misses it both times, and a fresh world keeps an opened circuit from excusing it."""
    first = play(world)
    if not missed(first):
        return first
    with world.fresh() as again:
        return play(again)


def backoff_sleeps(world: World, previews: int) -> tuple[list[float], list[float]]:
    """The sleeps of `previews` posts whose previews are answered 503, 503, then 200; then the same
    on a fresh world, whose settings.random draws the same numbers (rule 2.3: the delays come from it)."""

    def play(scene: World) -> list[float]:
        for _ in range(previews):
            scene.upstream.will(status(503), status(503), OK)
            scene.new_post()
        return list(scene.clock.sleeps)

    sleeps = play(world)
    with world.fresh() as again:
        return sleeps, play(again)


def show(response: Any) -> str:
    if response is None:
        return "no answer at all"
    return f"{response.status_code} {response.text[:160]}"


def problem_fault(response: Any, code: int) -> str | None:
    """What keeps `response` from being an RFC 9457 problem with this status, or None."""
    if response is None:
        return "no answer at all"
    kind = response.headers.get("content-type", "")
    if response.status_code != code:
        return f"answered {show(response)}, not {code}"
    if not kind.startswith("application/problem+json"):
        return f"content-type {kind!r}, not application/problem+json"
    data = response.json()
    if not (
        isinstance(data, dict) and data.get("status") == code and all(data.get(k) for k in ("type", "title", "detail"))
    ):
        return f"a body without type, title, detail and status {code}: {response.text[:120]}"
    return None


def retry_after(response: Any) -> int | None:
    """The Retry-After header as whole seconds, or None when absent or not a whole number."""
    value = (response.headers.get("retry-after") or "").strip() if response is not None else ""
    return int(value) if value.isdigit() else None


def _call(described: str, make: Callable[[], Any]) -> Any:
    try:
        return make()
    except SetupFailed:
        raise
    except Exception as error:  # noqa: BLE001 - any failure here is reported to the learner
        raise SetupFailed(
            f"Setting up the scene, the suite called {described}\n"
            f"  saw:      {type(error).__name__}: {error}\n"
            "  expected: it to succeed, as the README's contract says"
        ) from None


@pytest.fixture
def upstream() -> Iterator[FakeUpstream]:
    fake = FakeUpstream()
    yield fake
    fake.stop()


@pytest.fixture
def world(upstream: FakeUpstream) -> Iterator[World]:
    with World(upstream) as scene:
        yield scene


@pytest.fixture
def quick(upstream: FakeUpstream) -> Iterator[World]:
    """A world whose attempts time out after 0.1 s, for the tests where the service hangs or drips.

    On a loaded machine an attempt may miss so short a deadline before it reaches the service, or
    a good answer may miss it: the fake service gives no behaviour to an attempt already given up
    on, and the checks that count attempts play a count that is off once more."""
    with World(upstream, timeout=0.1) as scene:
        yield scene
