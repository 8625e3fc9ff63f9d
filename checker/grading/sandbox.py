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
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from checker.grading.jail import Confinement
from checker.runner.launch import ForkServer

PYTHON = [sys.executable, "-I", "-B"]


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

    def __init__(self, pid: int, popen: subprocess.Popen[bytes] | None, cgroup: PidsCgroup | None) -> None:
        self.pid, self._popen, self._cgroup = pid, popen, cgroup
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


@dataclass
class JailedLauncher:
    """Starts confined runs; `warm` forks a worker that has imported the stack (POSIX only)."""

    rules: Confinement = Confinement()
    warm: bool = True

    def __post_init__(self) -> None:
        self.warm = self.warm and hasattr(os, "fork")
        self._server = ForkServer([*PYTHON, "-m", "checker.grading.warm", self.rules.to_json()])

    def start(self, args: list[str], *, cwd: Path, env: dict[str, str], output: Path) -> JailedHandle:
        del env  # the runner's environment is the reviewer's, scrubbed; a jailed run gets a clean one
        args = [*args, "--kata-root-last"]
        cgroup = PidsCgroup.create(self.rules.processes)
        group = str(cgroup.path) if cgroup else ""
        if not self.warm:
            with open(output, "wb") as sink:
                popen = subprocess.Popen(
                    [*PYTHON, "-m", "checker.grading.jail", self.rules.to_json(), group, "--", *args],
                    cwd=cwd,
                    env=clean_env(cwd),
                    stdout=sink,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                )
            return JailedHandle(popen.pid, popen, cgroup)
        request = {"args": args, "cwd": str(cwd), "env": clean_env(cwd), "output": str(output), "cgroup": group}
        return JailedHandle(self._server.fork(request), None, cgroup)

    def prepare(self) -> None:
        if self.warm:
            self._server.prepare()

    def close(self) -> None:
        self._server.close()


def probe(rules: Confinement) -> list[str]:
    """What the confinement achieves on this machine, in plain sentences for the report."""
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
    notes.append(
        f"limits per run: {rules.cpu_seconds} s of CPU, {rules.memory_bytes // 1024**2} MiB of address space, "
        f"files up to {rules.file_bytes // 1024**2} MiB, {rules.open_files} open files"
    )
    return notes
