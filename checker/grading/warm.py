"""The grading worker: the runner's warm worker, with each forked child confined before pytest.

It imports the heavy stack once and forks one child per run. The worker itself never imports a
submission; each child confines itself (limits, network, cgroup) and only then runs the suites.
"""

from __future__ import annotations

import gc
import importlib
import json
import os
import sys
import threading
from typing import Any

import pytest

from checker.grading.jail import Confinement, confine
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


def _child(request: dict[str, Any], rules: Confinement) -> None:
    sink = os.open(request["output"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(sink, 1)
    os.dup2(sink, 2)
    for problem in confine(rules, request.get("cgroup") or None):
        print(f"kata grade: {problem}", file=sys.stderr)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    try:
        code = pytest.main(request["args"])
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(int(code))


def main() -> None:
    sys.dont_write_bytecode = True
    rules = Confinement.from_json(sys.argv[1])
    _preload()
    # Every fork inherits the stack's objects; frozen, pytest's closing gc.collect() calls skip them
    # (they cost ~0.4 s per run otherwise) and the children do not copy their pages by touching them.
    gc.freeze()
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            try:
                _child(request, rules)
            finally:
                os._exit(70)
        print(pid, flush=True)
        threading.Thread(target=os.waitpid, args=(pid, 0), daemon=True).start()


if __name__ == "__main__":
    main()
