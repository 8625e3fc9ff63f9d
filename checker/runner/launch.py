"""Ways to start a check's pytest process: a fresh interpreter, or a fork of a warm one.

A fresh interpreter pays for importing pytest, FastAPI, SQLAlchemy and Pydantic on every check
(about a second). The warm launcher keeps one worker that has imported them and forks a new
child per check, so watch mode answers a save in a fraction of that. Forking is POSIX-only:
where `os.fork` is missing (Windows) the warm launcher falls back to fresh interpreters.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

PYTEST = [sys.executable, "-I", "-B", "-m", "pytest"]


class Handle(Protocol):
    def poll(self) -> int | None: ...
    def kill(self) -> None: ...


class Launcher(Protocol):
    def start(self, args: list[str], *, cwd: Path, env: dict[str, str], output: Path) -> Handle: ...


class FreshLauncher:
    """One new interpreter per check: the portable default."""

    def start(self, args: list[str], *, cwd: Path, env: dict[str, str], output: Path) -> Handle:
        with open(output, "wb") as sink:
            return subprocess.Popen(
                [*PYTEST, *args],
                cwd=cwd,
                env=env,
                stdout=sink,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )


class WithSettings:
    """Another launcher whose runs also get `settings` in their environment."""

    def __init__(self, inner: Launcher, settings: dict[str, str]) -> None:
        self.inner, self.settings = inner, settings

    def start(self, args: list[str], *, cwd: Path, env: dict[str, str], output: Path) -> Handle:
        return self.inner.start(args, cwd=cwd, env={**env, **self.settings}, output=output)


class ForkServer:
    """The client side of a warm worker: starts it on demand, sends a request, reads the pid."""

    def __init__(self, argv: list[str], pass_fds: tuple[int, ...] = ()) -> None:
        self.argv, self.pass_fds = argv, pass_fds
        self._worker: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()

    def fork(self, request: Mapping[str, object]) -> int:
        with self._lock:
            worker = self._ensure()
            assert worker.stdin and worker.stdout
            worker.stdin.write(json.dumps(request) + "\n")
            worker.stdin.flush()
            return self.translate(int(worker.stdout.readline()))

    def translate(self, pid: int) -> int:
        """The child's pid as this process sees it (the worker's own answer, unless it lives in a
        PID namespace of its own)."""
        return pid

    def prepare(self) -> None:
        """Start the worker now, so the first run does not wait for its imports."""
        with self._lock:
            self._ensure()

    def close(self) -> None:
        if self._worker is not None:
            self._worker.kill()
            self._worker.wait()
            self._worker = None

    def _ensure(self) -> subprocess.Popen[str]:
        if self._worker is None or self._worker.poll() is not None:
            # A session of its own: Ctrl-C in the user's terminal stops the command, and the command
            # then closes the worker, instead of the worker printing a traceback of its own.
            self._worker = subprocess.Popen(
                self.argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                bufsize=1,
                start_new_session=os.name == "posix",
                pass_fds=self.pass_fds,
            )
        return self._worker


class WarmLauncher:
    """A worker process with the heavy stack imported; each check is a fork of it."""

    def __init__(self) -> None:
        self._server = ForkServer([sys.executable, "-I", "-B", "-m", "checker.runner.warm"])
        self._fallback = FreshLauncher()

    @property
    def warm(self) -> bool:
        return hasattr(os, "fork")

    def start(self, args: list[str], *, cwd: Path, env: dict[str, str], output: Path) -> Handle:
        if not self.warm:
            return self._fallback.start(args, cwd=cwd, env=env, output=output)
        pid = self._server.fork({"args": args, "cwd": str(cwd), "env": env, "output": str(output)})
        return _ForkedHandle(pid)

    def prepare(self) -> None:
        if self.warm:
            self._server.prepare()

    def close(self) -> None:
        self._server.close()


class _ForkedHandle:
    """A forked child of the worker: alive until the worker reaps it."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self._code: int | None = None

    def poll(self) -> int | None:
        if self._code is not None:
            return self._code
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            self._code = 0
        return self._code

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
