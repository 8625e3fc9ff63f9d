"""The grading worker: the runner's warm worker, with each forked child confined before pytest.

It imports the heavy stack once and forks one child per run. The worker itself never imports a
submission; each child confines itself (limits, network, cgroup) and only then runs the suites.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

from checker.grading.jail import Confinement, confine, enclose
from checker.runner import warm

# Beyond the runner's preload: what every pytest run or TestClient imports lazily.
PRELOAD = (
    "pdb",
    "unittest",
    "anyio._backends._asyncio",
    "anyio.streams.memory",
    "pydantic.v1",
    "xml.etree.ElementTree",
)


def _preload() -> None:
    warm._preload()
    from _pytest.config import default_plugins

    for name in (*PRELOAD, *(f"_pytest.{plugin}" for plugin in default_plugins)):
        try:
            importlib.import_module(name)
        except ImportError:
            pass


def _confine(request: dict[str, Any], rules: Confinement, report: int | None) -> None:
    if report is not None:
        _tell_pid(report)
    walls = request.get("enclose")
    if walls:  # a shared bubblewrap sandbox: wall this run off from the others first
        if walls.get("wait_moved"):
            _wait_to_be_moved()
        enclose(walls["writable"], walls["readable"], walls["covers"])  # covers: {folder: its skeleton}
    for problem in confine(rules, request.get("cgroup") or None):
        print(f"kata grade: {problem}", file=sys.stderr)


def _wait_to_be_moved(seconds: float = 2.0) -> None:
    """The grader moves each run into a pids cgroup of its own from outside; wait for it, so that
    every process the run starts is counted there."""
    import time

    before = open("/proc/self/cgroup").read()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and open("/proc/self/cgroup").read() == before:
        time.sleep(0.001)


def _tell_pid(report: int) -> None:
    """Send one byte on the grader's socket: the kernel attaches this process's pid as the grader
    sees it (the sandbox has a PID namespace of its own). Closed at once: the run never holds it."""
    import socket

    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM, fileno=report) as channel:
        channel.send(b"p")


def main() -> None:
    rules = Confinement.from_json(sys.argv[1])
    report = int(sys.argv[2]) if len(sys.argv) > 2 else None  # a socket the grader reads pids from
    _preload()
    if report is not None:
        import ctypes

        ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE 0: no run reads the worker through /proc
    warm.serve(lambda request: _confine(request, rules, report))


if __name__ == "__main__":
    main()
