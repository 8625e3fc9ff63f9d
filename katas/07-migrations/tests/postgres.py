"""A throwaway PostgreSQL server for the suites, started from the binaries on this machine.

One server per test session: an initialised data folder (made once per machine with initdb and
kept in the temporary folder as a template) is copied, and `postgres` runs on it on a Unix
socket in a private folder, with a random port and no TCP listener. It stops when the session
ends, and also if the test process dies (Linux: a parent-death signal). Where no binaries are
found, KATA_POSTGRES=off is set, or the server cannot start (a confined grading run, say), the
PostgreSQL variants are not collected and `why_not()` says why.
"""

from __future__ import annotations

import ctypes
import glob
import os
import pwd
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


class ServerError(RuntimeError):
    """The throwaway server did not start; the message says what PostgreSQL answered."""


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    folder: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # immediate shutdown: the data is thrown away
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.folder, ignore_errors=True)


_STATE: dict[str, Server | str] = {}


def binaries() -> Path | None:
    """The folder that holds initdb and postgres: on PATH, or the newest /usr/lib/postgresql/*/bin."""
    on_path = shutil.which("initdb")
    candidates = [str(Path(on_path).parent)] if on_path else []
    versions = glob.glob("/usr/lib/postgresql/*/bin")
    candidates += sorted(versions, key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0)[::-1]
    candidates += sorted(glob.glob("/opt/homebrew/opt/postgresql@*/bin")) + ["/usr/local/pgsql/bin"]
    found = (Path(c) for c in candidates if (Path(c) / "initdb").is_file() and (Path(c) / "postgres").is_file())
    return next(found, None)


def server() -> Server | None:
    """The session's server, started on first use; None where there is none (see why_not)."""
    if not _STATE:
        _STATE["server"] = _start_or_say_why()
    found = _STATE["server"]
    return found if isinstance(found, Server) else None


def why_not() -> str:
    server()
    found = _STATE["server"]
    return found if isinstance(found, str) else ""


def backends() -> list[str]:
    return ["sqlite", "postgresql"] if server() is not None else ["sqlite"]


def share(points: float) -> float:
    """A test's points, split over the backends it runs on, so a task totals the same either way."""
    return points / len(backends())


def stop() -> None:
    found = _STATE.pop("server", None)
    if isinstance(found, Server):
        found.stop()


def _start_or_say_why() -> Server | str:
    if os.environ.get("KATA_POSTGRES", "").lower() == "off":
        return "the PostgreSQL checks were left out: KATA_POSTGRES=off"
    folder = binaries()
    if folder is None:
        return "the PostgreSQL checks were left out: no initdb or postgres on PATH or in /usr/lib/postgresql/*/bin"
    try:
        return _start(folder)
    except (OSError, subprocess.SubprocessError, ServerError) as error:
        return f"the PostgreSQL checks were left out: the throwaway server did not start ({error})"


def _start(bin_folder: Path) -> Server:
    folder = Path(tempfile.mkdtemp(prefix="kata-postgres-"))
    folder.chmod(0o755)
    shutil.copytree(_template(bin_folder), folder / "data")
    (folder / "data").chmod(0o700)
    port = random.randint(20000, 60000)
    settings = [
        "-c",
        "listen_addresses=",
        "-c",
        "fsync=off",
        "-c",
        "full_page_writes=off",
        "-c",
        "synchronous_commit=off",
    ]
    command = [str(bin_folder / "postgres"), "-D", str(folder / "data"), "-p", str(port), "-k", str(folder), *settings]
    log = open(folder / "log", "wb")  # noqa: SIM115 (the server writes to it until it stops)
    process = subprocess.Popen(command, stdout=log, stderr=log, preexec_fn=_as_owner(folder, die_with_parent=True))
    socket = folder / f".s.PGSQL.{port}"
    deadline = time.monotonic() + 30
    while not socket.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            tail = (folder / "log").read_text(errors="replace").strip()[-300:]
            shutil.rmtree(folder, ignore_errors=True)
            raise ServerError(tail or "postgres exited")
        time.sleep(0.05)
    time.sleep(0.1)  # the socket exists a moment before connections are accepted
    return Server(f"postgresql+psycopg://postgres@/postgres?host={folder}&port={port}", process, folder)


def _template(bin_folder: Path) -> Path:
    """An initialised data folder, made once per machine and user, copied for each server."""
    name = f"kata-postgres-template-{bin_folder.parent.name}-{os.geteuid()}"
    template = Path(tempfile.gettempdir()) / name
    if (template / "data" / "PG_VERSION").is_file():
        return template / "data"
    building = Path(tempfile.mkdtemp(prefix="kata-postgres-initdb-"))
    building.chmod(0o755)
    command = [str(bin_folder / "initdb"), "-D", str(building / "data"), "-U", "postgres", "-A", "trust",
               "-E", "UTF8", "--no-sync", "--no-instructions"]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, preexec_fn=_as_owner(building), timeout=120)
    if done.returncode != 0:
        shutil.rmtree(building, ignore_errors=True)
        raise ServerError(f"initdb failed: {(done.stderr or done.stdout).strip()[-300:]}")
    try:
        building.rename(template)  # atomic: a session running beside this one uses one or the other
    except OSError:
        shutil.rmtree(building, ignore_errors=True)
    return template / "data"


def _as_owner(folder: Path, *, die_with_parent: bool = False) -> Callable[[], None]:
    """What the child runs before exec: PostgreSQL refuses root, so run as 'postgres' or 'nobody'."""
    account = None
    if os.geteuid() == 0:
        account = next((a for a in ("postgres", "nobody") if _exists(a)), None)
        if account is None:
            raise ServerError("running as root, and there is no 'postgres' or 'nobody' account to run PostgreSQL as")
        entry = pwd.getpwnam(account)
        for path in [folder, *folder.rglob("*")]:
            os.chown(path, entry.pw_uid, entry.pw_gid)

    def prepare() -> None:
        if account is not None:
            entry = pwd.getpwnam(account)
            os.setgid(entry.pw_gid)
            os.setuid(entry.pw_uid)
        if die_with_parent and sys.platform == "linux":
            # After setuid, which clears it: the server gets SIGQUIT if the test process dies.
            ctypes.CDLL(None).prctl(1, signal.SIGQUIT)  # PR_SET_PDEATHSIG

    return prepare


def _exists(account: str) -> bool:
    try:
        pwd.getpwnam(account)
    except KeyError:
        return False
    return True
