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
_CLONE_NEWUTS = 0x04000000
_CLONE_NEWIPC = 0x08000000
_CLONE_NEWUSER = 0x10000000
_CLONE_NEWPID = 0x20000000
_CLONE_NEWNET = 0x40000000
_MS_RDONLY, _MS_NOSUID, _MS_NODEV, _MS_NOEXEC = 1, 2, 4, 8
_MS_REMOUNT, _MS_BIND, _MS_REC, _MS_PRIVATE = 32, 4096, 0x4000, 1 << 18
_MNT_DETACH = 2
_PR_SET_PDEATHSIG = 1
_PR_SET_DUMPABLE = 4
STASH = "/.kata-stash"  # an empty folder the sandbox makes, where a run's own folders wait while /tmp is covered


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
    try:
        os.setsid()  # its own process group, so the grader can stop it with everything it started
    except PermissionError:
        pass  # already the leader of a session of its own (bubblewrap's --new-session made it one)
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


class EnclosureError(OSError):
    """A run could not be walled off from the other runs of its sandbox: it must not start."""


def enclose(writable: list[str], readable: list[str], covers: list[str]) -> None:
    """Wall one forked run off from the other runs of a shared sandbox (the warm worker's).

    Called in the fork, before any suite or submission code runs. In new user, mount, network,
    IPC and UTS namespaces it covers the shared folders (`covers`: /tmp and the batch folder)
    with empty ones, lays back only this run's folders (`readable` ones read-only), hides /proc
    and brings up a loopback of its own. Then it forks into a new PID namespace: the child is the
    run, PID 1 of its namespace, so every process it starts ends with it; it mounts a /proc of that
    namespace alone and enters a further user and mount namespace, which locks every mount in
    place (none can be taken away to reveal what it covers). This process stays behind as the
    run's keeper and never returns: it waits for the run, kills it on SIGTERM, and exits with
    its status.
    """
    libc = ctypes.CDLL(None, use_errno=True)
    _call(libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0), "prctl")  # the worker gone: end the run
    _call(libc.prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0), "prctl")
    _unshare(libc, _CLONE_NEWUSER | _CLONE_NEWNS | _CLONE_NEWNET | _CLONE_NEWIPC | _CLONE_NEWUTS)
    _call(libc.mount(None, b"/", None, _MS_REC | _MS_PRIVATE, None), "make mounts private")
    _loopback_up()
    _call(libc.mount(b"tmpfs", STASH.encode(), b"tmpfs", _MS_NOSUID | _MS_NODEV, b"size=4k"), f"mount {STASH}")
    keep = [*writable, *readable]
    for number, path in enumerate(keep):
        spot = f"{STASH}/{number}"
        os.mkdir(spot)
        _call(libc.mount(path.encode(), spot.encode(), None, _MS_BIND | _MS_REC, None), f"keep {path}")
    for cover in covers:
        _call(libc.mount(b"tmpfs", cover.encode(), b"tmpfs", _MS_NOSUID | _MS_NODEV, b"mode=1777"), f"cover {cover}")
    for number, path in enumerate(keep):
        os.makedirs(path, exist_ok=True)
        _call(libc.mount(f"{STASH}/{number}".encode(), path.encode(), None, _MS_BIND | _MS_REC, None), f"bind {path}")
        if path in readable:
            flags = _MS_REMOUNT | _MS_BIND | _MS_RDONLY | _MS_NOSUID | _MS_NODEV
            _call(libc.mount(None, path.encode(), None, flags, None), f"make {path} read-only")
    _call(libc.umount2(STASH.encode(), _MNT_DETACH), f"unmount {STASH}")
    if os.path.isdir("/dev/shm"):
        _call(libc.mount(b"tmpfs", b"/dev/shm", b"tmpfs", _MS_NOSUID | _MS_NODEV, b"size=64m"), "cover /dev/shm")
    _call(libc.unshare(_CLONE_NEWPID), "unshare the PID namespace")
    run = os.fork()
    if run != 0:
        _keep(run)
    # The run: PID 1 of a namespace of its own. Not dumpable: no other run may read its memory,
    # files or environment through /proc.
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    libc.prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)
    # A user namespace below this one: every mount above is now locked in place for the run. Its id
    # maps stay unwritten: the run's files still belong to the grader's user, and it can change no id.
    _call(libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNS), "lock the mounts")


def _keep(run: int) -> None:
    signal.signal(signal.SIGTERM, lambda *_: os.kill(run, signal.SIGKILL))
    while True:
        try:
            _, status = os.waitpid(run, 0)
            break
        except ChildProcessError:
            os._exit(70)
    os._exit(os.waitstatus_to_exitcode(status) & 0xFF)


def _unshare(libc: ctypes.CDLL, flags: int) -> None:
    uid, gid = os.geteuid(), os.getegid()
    _call(libc.unshare(flags), "unshare")
    # Map the user to itself inside the new user namespace, so files keep their owner.
    for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
        with open(f"/proc/self/{name}", "w") as handle:
            handle.write(text)


def _loopback_up() -> None:
    """A new network namespace starts with its loopback down; suites may serve fakes on 127.0.0.1."""
    import fcntl
    import socket
    import struct

    siocgifflags, siocsifflags, iff_up = 0x8913, 0x8914, 0x1
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as handle:
        request = struct.pack("16sH14x", b"lo", 0)
        flags = struct.unpack("16sH14x", fcntl.ioctl(handle, siocgifflags, request))[1]
        fcntl.ioctl(handle, siocsifflags, struct.pack("16sH14x", b"lo", flags | iff_up))


def _call(result: int, what: str) -> None:
    if result != 0:
        raise EnclosureError(f"could not {what}: {os.strerror(ctypes.get_errno())}")
