"""The warm worker: imports the heavy stack once, then forks one child per check request.

It reads one JSON request per line on stdin and answers each with the child's pid. It never
imports a submission: only its children do, each in a fresh fork.
"""

from __future__ import annotations

import gc
import importlib
import json
import os
import sys
import threading
from collections.abc import Callable
from typing import Any

import pytest

import checker.runner.plugin  # noqa: F401

# What kata suites import: loaded once here, inherited by every fork. Submissions are never imported.
PRELOAD = (
    "fastapi",
    "fastapi.testclient",
    "starlette.testclient",
    "checker.appclient",
    "httpx2",
    "pydantic",
    "sqlalchemy",
    "sqlalchemy.orm",
    "sqlalchemy.dialects.sqlite",
    "sqlite_utils",
    "importlinter",
    "hypothesis",
    "alembic.command",
    "alembic.autogenerate",
    "psycopg",
)


def _preload() -> None:
    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except ImportError:
            pass  # a learner copy may lack an optional module; the child imports what it needs


Prepare = Callable[[dict[str, Any]], None]


def _child(request: dict[str, Any], prepare: Prepare | None) -> None:
    sink = os.open(request["output"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(sink, 1)
    os.dup2(sink, 2)
    if prepare is not None:
        prepare(request)  # e.g. the grader's confinement, before any suite or submission code runs
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    try:
        code = pytest.main(request["args"])
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(int(code))


def serve(prepare: Prepare | None = None) -> None:
    """Fork one child per request line on stdin; answer each with the child's pid."""
    sys.dont_write_bytecode = True
    # A fork's closing garbage collection would otherwise walk the whole inherited heap.
    gc.freeze()
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            try:
                _child(request, prepare)
            finally:
                os._exit(70)
        print(pid, flush=True)
        threading.Thread(target=os.waitpid, args=(pid, 0), daemon=True).start()


def main() -> None:
    _preload()
    serve()


if __name__ == "__main__":
    main()
