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


@dataclass(frozen=True)
class Confinement:
    """What one run may use. Each limit is enforced by the kernel, not by the grader's goodwill."""

    cpu_seconds: int = 300  # CPU time of the whole run
    memory_bytes: int = 2 * 1024**3  # address space
    # Processes and threads (RLIMIT_NPROC, and a pids cgroup where one can be made). 06-guard's suite
    # alone needs about 130 threads: 40 requests at once, the app's worker threads, the fake service's.
    processes: int = 256
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
    """New namespaces: an empty network with its loopback up (`unshare -rn`, then `ip link set lo
    up`), and a mount table in which the hidden paths are empty read-only folders. Returns what
    could not be done, in sentences."""
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
    if rules.cut_network:
        try:
            _loopback_up()  # the network is cut; 127.0.0.1 stays, for suites that serve fakes on it
        except OSError as error:
            return [f"the loopback of the cut network could not be brought up ({error.strerror})"]
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


def enclose(writable: list[str], readable: list[str], covers: dict[str, str]) -> None:
    """Wall one forked run off from the other runs of a shared sandbox (the warm worker's).

    Called in the fork, before any suite or submission code runs. In new user, mount, network,
    IPC and UTS namespaces it covers each shared folder (`covers`: /tmp, and the batch folder if
    it lies elsewhere) with a skeleton the grader made for this run, read-only empty folders at
    the places of the run's own, lays back only the run's own folders (`readable` ones
    read-only), covers /dev/shm, and brings up a loopback of its own. It creates no file and
    writes no id map, so it works for root and for an ordinary user alike, and it never becomes
    dumpable: no other run may read it through /proc. Then it forks into a new PID namespace: the
    child is the run, PID 1 of its namespace, so every process it starts ends with it; the run
    enters a further user and mount namespace, which locks every mount in place (none can be
    taken away to reveal what it covers). This process stays behind as the run's keeper and
    never returns: it waits for the run, kills it on SIGTERM, and exits with its status.
    """
    libc = ctypes.CDLL(None, use_errno=True)
    _call(libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0), "prctl")  # the worker gone: end the run
    _call(libc.prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0), "prctl")
    flags = _CLONE_NEWUSER | _CLONE_NEWNS | _CLONE_NEWNET | _CLONE_NEWIPC | _CLONE_NEWUTS
    _call(libc.unshare(flags), "unshare")
    _call(libc.mount(None, b"/", None, _MS_REC | _MS_PRIVATE, None), "make mounts private")
    _loopback_up()
    # Held open before the covers go on: bind mounts are made from these once the paths are hidden.
    keep = {path: os.open(path, os.O_PATH | os.O_DIRECTORY) for path in [*writable, *readable]}
    skeletons = {cover: os.open(skeleton, os.O_PATH | os.O_DIRECTORY) for cover, skeleton in covers.items()}
    for cover, handle in skeletons.items():
        _bind(libc, handle, cover, read_only=True)
    for path, handle in keep.items():
        _bind(libc, handle, path, read_only=path in readable)
    for handle in [*keep.values(), *skeletons.values()]:
        os.close(handle)
    if os.path.isdir("/dev/shm"):
        _call(libc.mount(b"tmpfs", b"/dev/shm", b"tmpfs", _MS_NOSUID | _MS_NODEV, b"size=64m"), "cover /dev/shm")
    _call(libc.unshare(_CLONE_NEWPID), "unshare the PID namespace")
    run = os.fork()
    if run != 0:
        _keep(run)
    # The run: PID 1 of a namespace of its own, not dumpable (inherited). It gives up every
    # capability for good, so no mount above can be taken away or changed: the walls stay up.
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    _drop_capabilities(libc)


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


_SYS_CAPSET = {"x86_64": 126, "aarch64": 91, "arm64": 91}
_PR_CAPBSET_DROP, _PR_SET_NO_NEW_PRIVS, _PR_CAP_AMBIENT, _PR_CAP_AMBIENT_CLEAR_ALL = 24, 38, 47, 4


def _drop_capabilities(libc: ctypes.CDLL) -> None:
    """No capability left, none to gain back: the bounding set emptied, no new privileges on exec."""
    import platform

    last = int(Path("/proc/sys/kernel/cap_last_cap").read_text())
    for capability in range(last + 1):
        _call(libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0), "drop a capability")
    libc.prctl(_PR_CAP_AMBIENT, _PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)
    _call(libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "forbid new privileges")
    header = _CapHeader(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3: two 32-bit words
    data = (_CapData * 2)()
    _call(libc.syscall(_SYS_CAPSET[platform.machine()], ctypes.byref(header), ctypes.byref(data)), "capset")


def _bind(libc: ctypes.CDLL, handle: int, target: str, *, read_only: bool) -> None:
    source = f"/proc/self/fd/{handle}".encode()
    _call(libc.mount(source, target.encode(), None, _MS_BIND | _MS_REC, None), f"bind {target}")
    if read_only:
        flags = _MS_REMOUNT | _MS_BIND | _MS_RDONLY | _MS_NOSUID | _MS_NODEV
        _call(libc.mount(None, target.encode(), None, flags, None), f"make {target} read-only")


def _keep(run: int) -> None:
    signal.signal(signal.SIGTERM, lambda *_: os.kill(run, signal.SIGKILL))
    while True:
        try:
            _, status = os.waitpid(run, 0)
            break
        except ChildProcessError:
            os._exit(70)
    os._exit(os.waitstatus_to_exitcode(status) & 0xFF)


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
