"""Starts grading runs confined: a clean environment, kernel limits, no network, and a way to stop
a run together with every process it started.

Two launchers share one contract with the runner (`start(args, cwd, env, output) -> Handle`): a
warm one that forks a worker which has imported the heavy stack once, and a fresh one that starts
a new interpreter per run. Both confine the run in the child before pytest starts.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import struct
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, replace
from pathlib import Path

from checker import bubblewrap
from checker.grading.jail import Confinement
from checker.runner.launch import ForkServer

PYTHON = [sys.executable, "-I", "-B"]


# What every process of a grading batch gets, the trusted ones included (the manifest's collection,
# the outside judge's reference runs): the suites must collect the same tests in all of them. A
# sandboxed run cannot start 07's throwaway PostgreSQL server, so grading leaves the PostgreSQL
# variants out everywhere; the suite then splits their points over the SQLite ones.
SUITE_SETTINGS = {"KATA_POSTGRES": "off"}


def clean_env(cwd: Path) -> dict[str, str]:
    """Only what a run needs: nothing of the reviewer's environment (PYTEST_ADDOPTS and the like)."""
    home, tmp = cwd / "home", cwd / "tmp"
    home.mkdir(exist_ok=True)
    tmp.mkdir(exist_ok=True)
    return {
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "HOME": str(home),
        "TMPDIR": str(tmp),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "USER": "learner",
        "NO_COLOR": "1",
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",  # the one plugin a run needs is named with -p
        **SUITE_SETTINGS,
    }


class PidsCgroup:
    """A pids cgroup per run: a hard cap on processes that holds even for root, and a kill switch."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def create(cls, limit: int) -> PidsCgroup | None:
        for base in _cgroup_bases():
            path = base / f"kata-grade-{os.getpid()}-{uuid.uuid4().hex[:12]}"  # the grader that owns it
            try:
                path.mkdir()
                (path / "pids.max").write_text(str(limit))
                return cls(path)
            except OSError:
                with contextlib.suppress(OSError):
                    path.rmdir()
        return None

    def add(self, pid: int) -> None:
        """Move a process (and what it starts from now on) into this cgroup, from outside it."""
        with contextlib.suppress(OSError):
            (self.path / "cgroup.procs").write_text(str(pid))

    def members(self) -> list[int]:
        try:
            return [int(pid) for pid in (self.path / "cgroup.procs").read_text().split()]
        except OSError:
            return []

    def stop_all(self) -> None:
        for _ in range(200):
            members = self.members()
            if not members:
                break
            for pid in members:
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
            time.sleep(0.005)
        with contextlib.suppress(OSError):
            self.path.rmdir()


def _cgroup_bases() -> list[Path]:
    bases = [Path("/sys/fs/cgroup/pids")]  # cgroup v1
    try:
        own = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return bases
    for line in own:
        if line.startswith("0::"):  # cgroup v2: a child of our own cgroup, if pids is delegated to us
            v2 = Path("/sys/fs/cgroup") / line[3:].lstrip("/")
            with contextlib.suppress(OSError):
                if "pids" in (v2 / "cgroup.subtree_control").read_text().split():
                    bases.append(v2)
    return bases


class JailedHandle:
    """A confined run: its exit ends every process it left behind."""

    def __init__(
        self, pid: int, popen: subprocess.Popen[bytes] | None, cgroup: PidsCgroup | None, *, keeper: bool = False
    ) -> None:
        self.pid, self._popen, self._cgroup = pid, popen, cgroup
        self._keeper = keeper  # the pid is a keeper (jail.enclose) that ends its run's namespace on SIGTERM
        self._code: int | None = None

    def poll(self) -> int | None:
        if self._code is not None:
            return self._code
        if self._popen is not None:
            code = self._popen.poll()
        else:
            try:
                os.kill(self.pid, 0)
                code = None
            except ProcessLookupError:
                code = 0
        if code is not None:
            self._sweep()
            self._code = code
        return self._code

    def kill(self) -> None:
        if self._keeper:
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGTERM)  # the keeper kills the run, PID 1 of its namespace
            for _ in range(200):
                if not _alive(self.pid):
                    break
                time.sleep(0.005)
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)  # in case it has not made its own process group yet
        self._sweep()

    def _sweep(self) -> None:
        with contextlib.suppress(OSError):
            os.killpg(self.pid, signal.SIGKILL)
        if self._cgroup is not None:
            self._cgroup.stop_all()
        if self._popen is not None:
            with contextlib.suppress(OSError):
                self._popen.wait(timeout=5)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass
class JailedLauncher:
    """Starts confined runs; `warm` forks a worker that has imported the stack (POSIX only).

    With `bwrap` (the bubblewrap binary) every run lives in a sandbox that shows it only its own
    folders below `base`: a fresh run gets a bubblewrap sandbox of its own; warm runs are forks
    of one worker that lives in a sandbox, each walled off from the others in namespaces of its
    own (`jail.enclose`). Without it, runs are confined by hand (limits, network, hidden paths).
    """

    rules: Confinement = Confinement()
    warm: bool = True
    bwrap: str | None = None
    base: Path | None = None

    def __post_init__(self) -> None:
        self.warm = self.warm and hasattr(os, "fork")
        if self.bwrap is not None and self.base is None:
            raise ValueError("a sandboxed launcher needs the batch folder its runs live in")
        # In the sandbox the namespaces are bubblewrap's (and enclose's): the run only sets its limits.
        self.inner = replace(self.rules, cut_network=False, hidden_paths=()) if self.bwrap else self.rules
        worker = [*PYTHON, "-m", "checker.grading.warm", self.inner.to_json()]
        if self.bwrap is not None and self.base is not None:
            sandbox = _sandboxed(self.bwrap, self.base, writable=[self.base], readable=[], own_pids=True)
            self._server: ForkServer = _PidServer(sandbox + worker)
        else:
            self._server = ForkServer(worker)

    def start(self, args: list[str], *, cwd: Path, env: dict[str, str], output: Path) -> JailedHandle:
        del env  # the runner's environment is the reviewer's, scrubbed; a jailed run gets a clean one
        args = [*args, "--kata-root-last"]
        cgroup = PidsCgroup.create(self.rules.processes)
        group = str(cgroup.path) if cgroup else ""
        suites = Path(args[args.index("--rootdir") + 1])
        if not self.warm:
            command = [*PYTHON, "-m", "checker.grading.jail", self.inner.to_json(), group, "--", *args]
            if self.bwrap is not None and self.base is not None:
                command = _sandboxed(self.bwrap, cwd, writable=[cwd], readable=[suites], own_pids=True) + [
                    *PYTHON,
                    "-m",
                    "checker.grading.jail",
                    self.inner.to_json(),
                    "",
                    "--",
                    *args,
                ]
            with open(output, "wb") as sink:
                popen = subprocess.Popen(
                    command,
                    cwd=cwd,
                    env=clean_env(cwd),
                    stdout=sink,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                )
            if cgroup is not None and self.bwrap is not None:
                cgroup.add(popen.pid)  # from outside: the sandbox cannot see the cgroup to join it
            return JailedHandle(popen.pid, popen, cgroup)
        request: dict[str, object] = {"args": args, "cwd": str(cwd), "env": clean_env(cwd), "output": str(output)}
        if self.bwrap is None:
            request["cgroup"] = group
            return JailedHandle(self._server.fork(request), None, cgroup)
        # What the run needs to start that a cover would hide: a project or venv below /tmp.
        covers = _covers(self.base)
        under = [p for p in bubblewrap.python_places() if any(p.is_relative_to(c) for c in covers)]
        readable = [suites, *under]
        request["enclose"] = {
            "writable": [str(cwd)],
            "readable": [str(p) for p in readable],
            "covers": _skeletons(cwd, covers, [cwd, *readable]),
            "wait_moved": cgroup is not None,
        }
        pid = self._server.fork(request)
        if cgroup is not None:
            cgroup.add(pid)
        return JailedHandle(pid, None, cgroup, keeper=True)

    def prepare(self) -> None:
        if self.warm:
            self._server.prepare()

    def close(self) -> None:
        self._server.close()


class _PidServer(ForkServer):
    """The fork server of a sandbox with a PID namespace of its own, whose pids mean nothing here.

    Each child sends one datagram on a socket before anything else; the kernel attaches the
    sender's pid translated into this process's namespace, which is the pid the grader polls,
    stops and puts in a cgroup. The child closes its end at once: no run ever holds it.
    """

    def __init__(self, argv: list[str]) -> None:
        self._ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
        self._ours.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
        self._ours.settimeout(60)
        self._theirs = theirs
        super().__init__([*argv, str(theirs.fileno())], pass_fds=(theirs.fileno(),))

    def translate(self, pid: int) -> int:
        del pid  # the sandbox's own number for the child
        size = socket.CMSG_SPACE(struct.calcsize("3i"))
        _, ancillary, _, _ = self._ours.recvmsg(1, size)
        for level, kind, data in ancillary:
            if level == socket.SOL_SOCKET and kind == socket.SCM_CREDENTIALS:
                return int(struct.unpack("3i", data[: struct.calcsize("3i")])[0])
        raise OSError("a sandboxed run did not say who it is")

    def close(self) -> None:
        super().close()
        self._ours.close()
        self._theirs.close()


def _sandboxed(binary: str, cwd: Path, *, writable: list[Path], readable: list[Path], own_pids: bool) -> list[str]:
    env = clean_env(cwd) if own_pids else {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "LANG": "C.UTF-8"}
    return bubblewrap.argv(binary=binary, writable=writable, readable=readable, env=env, cwd=cwd, own_pids=own_pids)


def _covers(base: Path | None) -> list[Path]:
    """What a warm run covers: the shared /tmp, and the batch folder if it is elsewhere."""
    covers = [Path("/tmp")]
    if base is not None and not base.is_relative_to("/tmp"):
        covers.append(base)
    return covers


def _skeletons(cwd: Path, covers: list[Path], keep: list[Path]) -> dict[str, str]:
    """For each cover, an empty tree holding a folder at the place of each kept one, made beside
    the run's folder (which the cover hides): the run sees those folders and nothing else."""
    made = {}
    for number, cover in enumerate(covers):
        skeleton = cwd.parent / f"{cwd.name}.walls" / str(number)
        skeleton.mkdir(parents=True, exist_ok=True)
        for path in keep:
            if path.is_relative_to(cover):
                (skeleton / path.relative_to(cover)).mkdir(parents=True, exist_ok=True)
        made[str(cover)] = str(skeleton)
    return made


def probe(rules: Confinement, sandboxed: bool = False) -> list[str]:
    """What the confinement achieves on this machine, in plain sentences for the report."""
    cgroup = PidsCgroup.create(rules.processes)
    capped = cgroup is not None
    if cgroup:
        cgroup.stop_all()
    if sandboxed:
        notes = [
            "sandbox: bubblewrap; each run sees only its own copy and the suites, in its own user, PID, "
            "network, IPC and UTS namespaces, with a clean environment",
            "network: cut, each run in its own empty network namespace",
            "reference solutions: outside every run's view, with the catalog, .git and the other submissions",
        ]
        if capped:
            notes.append(f"processes: at most {rules.processes} per run (pids cgroup), all ended with the run")
        else:
            notes.append("processes: all ended with the run (a PID namespace each); not capped: no pids cgroup here")
        return notes + [_limits(rules)]
    return [
        "sandbox: NONE (--unconfined): runs can read and write what the reviewer can",
        *_by_hand(rules),
        _limits(rules),
    ]


def _limits(rules: Confinement) -> str:
    return (
        f"limits per run: {rules.cpu_seconds} s of CPU, {rules.memory_bytes // 1024**2} MiB of address space, "
        f"files up to {rules.file_bytes // 1024**2} MiB, {rules.open_files} open files"
    )


def _by_hand(rules: Confinement) -> list[str]:
    """What the hand-made confinement (no sandbox) achieves, tried in a throwaway process."""
    cgroup = PidsCgroup.create(rules.processes)
    group = str(cgroup.path) if cgroup else ""
    command = [*PYTHON, "-m", "checker.grading.jail", rules.to_json(), group, "--", "--version"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
        problems = [
            line.removeprefix("kata grade: ") for line in done.stderr.splitlines() if line.startswith("kata grade: ")
        ]
    except (OSError, subprocess.TimeoutExpired) as error:
        problems = [f"the confinement could not be tried: {error}"]
    finally:
        if cgroup:
            cgroup.stop_all()
    notes = []
    cut = rules.cut_network and not any("network" in p for p in problems)
    if not rules.cut_network:
        notes.append("network: NOT cut (turned off)")
    else:
        notes.append(
            "network: cut, each run in its own empty network namespace"
            if cut
            else next(f"network: NOT cut: {p}" for p in problems if "network" in p)
        )
    if rules.hidden_paths:
        failed = next((p for p in problems if "could not be hidden" in p), None)
        notes.append(
            f"reference solutions: NOT hidden: {failed}"
            if failed
            else "reference solutions: hidden from every run (an empty mount over solutions/ and .git)"
        )
    if cgroup and not any("cgroup" in p for p in problems):
        notes.append(f"processes: at most {rules.processes} per run (pids cgroup)")
    elif os.geteuid() != 0:
        notes.append(f"processes: at most {rules.processes} per run beyond the user's own (RLIMIT_NPROC)")
    else:
        notes.append("processes: NOT capped: running as root without a writable pids cgroup; grade as an ordinary user")
    return notes
