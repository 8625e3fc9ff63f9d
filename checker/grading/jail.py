"""Confines one grading run from inside its own process: a session of its own, capped resources,
no network. It runs in the child, before pytest starts and before any submission code is imported.

Run as a module it is the fresh-interpreter entry point: `python -I -m checker.grading.jail RULES
CGROUP -- PYTEST-ARGS` confines itself, then runs pytest in the same interpreter.
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

try:
    import resource
except ImportError:  # Windows: no rlimits. Grading confines on POSIX only; importing stays safe.
    resource = None  # type: ignore[assignment]

_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000


@dataclass(frozen=True)
class Confinement:
    """What one run may use. Each limit is enforced by the kernel, not by the grader's goodwill."""

    cpu_seconds: int = 300  # CPU time of the whole run
    memory_bytes: int = 2 * 1024**3  # address space
    processes: int = 64  # processes and threads (RLIMIT_NPROC, and a pids cgroup where one can be made)
    file_bytes: int = 32 * 1024**2  # the largest file the run may write, its captured output included
    open_files: int = 512
    cut_network: bool = True

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> Confinement:
        return cls(**json.loads(text))


def confine(rules: Confinement, cgroup: str | None = None) -> list[str]:
    """Confine the calling process; returns what could not be applied, in sentences."""
    missing = []
    os.setsid()  # its own process group, so the grader can stop it with everything it started
    if cgroup:
        try:
            Path(cgroup, "cgroup.procs").write_text(str(os.getpid()))
        except OSError as error:
            missing.append(f"could not join the pids cgroup: {error}")
    _limit(resource.RLIMIT_CPU, rules.cpu_seconds)
    _limit(resource.RLIMIT_AS, rules.memory_bytes)
    # RLIMIT_NPROC counts every task of the user, so the cap sits above what the user already runs.
    _limit(resource.RLIMIT_NPROC, rules.processes + _tasks_of(os.getuid()))
    _limit(resource.RLIMIT_FSIZE, rules.file_bytes)
    _limit(resource.RLIMIT_NOFILE, rules.open_files)
    _limit(resource.RLIMIT_CORE, 0)
    # Past the file-size cap a write fails with an error the test sees, instead of killing the run.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    if rules.cut_network:
        problem = cut_network()
        if problem:
            missing.append(problem)
    return missing


def cut_network() -> str | None:
    """Move into a new, empty network namespace (as `unshare -rn` does); None when it worked."""
    if not sys.platform.startswith("linux"):
        return f"the network cannot be cut on {sys.platform}: only Linux has network namespaces"
    uid, gid = os.geteuid(), os.getegid()
    flags = _CLONE_NEWNET if uid == 0 else _CLONE_NEWUSER | _CLONE_NEWNET
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(flags) != 0:
        return f"the network could not be cut: unshare failed ({os.strerror(ctypes.get_errno())})"
    if uid != 0:
        # Map the user to itself inside the new user namespace, so files keep their owner.
        Path("/proc/self/setgroups").write_text("deny")
        Path("/proc/self/uid_map").write_text(f"{uid} {uid} 1")
        Path("/proc/self/gid_map").write_text(f"{gid} {gid} 1")
    return None


def _limit(which: int, value: int) -> None:
    _, hard = resource.getrlimit(which)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    try:
        resource.setrlimit(which, (value, value))
    except (ValueError, OSError):
        resource.setrlimit(which, (value, hard))


def _tasks_of(uid: int) -> int:
    if uid == 0 or not Path("/proc").is_dir():
        return 0  # root is exempt from RLIMIT_NPROC: the pids cgroup does that job
    count = 0
    for entry in os.scandir("/proc"):
        try:
            if entry.name.isdigit() and entry.stat().st_uid == uid:
                count += len(os.listdir(f"/proc/{entry.name}/task"))
        except OSError:
            continue
    return count


def main(argv: list[str]) -> int:
    rules, cgroup, rest = Confinement.from_json(argv[0]), argv[1] or None, argv[3:]
    for problem in confine(rules, cgroup):
        print(f"kata grade: {problem}", file=sys.stderr)
    import pytest  # only now: the confinement must be in place before anything else runs

    return int(pytest.main(rest))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
