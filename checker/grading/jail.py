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

_CLONE_NEWNS = 0x00020000
_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000
_MS_RDONLY, _MS_NOSUID, _MS_NODEV, _MS_NOEXEC = 1, 2, 4, 8
_MS_REC, _MS_PRIVATE = 0x4000, 1 << 18


@dataclass(frozen=True)
class Confinement:
    """What one run may use. Each limit is enforced by the kernel, not by the grader's goodwill."""

    cpu_seconds: int = 300  # CPU time of the whole run
    memory_bytes: int = 2 * 1024**3  # address space
    processes: int = 64  # processes and threads (RLIMIT_NPROC, and a pids cgroup where one can be made)
    file_bytes: int = 32 * 1024**2  # the largest file the run may write, its captured output included
    open_files: int = 512
    cut_network: bool = True
    hidden_paths: tuple[str, ...] = ()  # folders a run must not read (the reference solutions)

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> Confinement:
        data = json.loads(text)
        data["hidden_paths"] = tuple(data.get("hidden_paths", ()))
        return cls(**data)


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
    return missing + isolate(rules)


def isolate(rules: Confinement) -> list[str]:
    """New namespaces: an empty network (as `unshare -rn` does), and a mount table in which the
    hidden paths are empty read-only folders. Returns what could not be done, in sentences."""
    hide = [p for p in rules.hidden_paths if Path(p).is_dir()]
    flags = (_CLONE_NEWNET if rules.cut_network else 0) | (_CLONE_NEWNS if hide else 0)
    if not flags:
        return []
    if not sys.platform.startswith("linux"):
        return [f"the network cannot be cut on {sys.platform}: only Linux has namespaces"] if rules.cut_network else []
    uid, gid = os.geteuid(), os.getegid()
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(flags | (0 if uid == 0 else _CLONE_NEWUSER)) != 0:
        reason = os.strerror(ctypes.get_errno())
        return (
            [f"the network could not be cut: unshare failed ({reason})"]
            if rules.cut_network
            else [f"the reference solutions could not be hidden: unshare failed ({reason})"]
        )
    if uid != 0:
        # Map the user to itself inside the new user namespace, so files keep their owner.
        Path("/proc/self/setgroups").write_text("deny")
        Path("/proc/self/uid_map").write_text(f"{uid} {uid} 1")
        Path("/proc/self/gid_map").write_text(f"{gid} {gid} 1")
    return _hide(libc, hide)


def _hide(libc: ctypes.CDLL, paths: list[str]) -> list[str]:
    if not paths:
        return []
    # Private propagation first, so that the empty mounts stay inside this namespace.
    if libc.mount(None, b"/", None, _MS_REC | _MS_PRIVATE, None) != 0:
        return [f"the reference solutions could not be hidden: {os.strerror(ctypes.get_errno())}"]
    for path in paths:
        flags = _MS_RDONLY | _MS_NOSUID | _MS_NODEV | _MS_NOEXEC
        if libc.mount(b"tmpfs", path.encode(), b"tmpfs", flags, b"size=4k") != 0:
            return [f"the reference solutions could not be hidden at {path}: {os.strerror(ctypes.get_errno())}"]
    return []


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
