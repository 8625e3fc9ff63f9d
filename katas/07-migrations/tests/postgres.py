"""A throwaway PostgreSQL server for the suites, started from the binaries on this machine.

One server per test session: initdb (once per machine, kept as a template in the temporary
folder, then copied), started on a Unix socket in a private folder with a random port and no
TCP listener, stopped and deleted at the end. Where no binaries are found, or KATA_POSTGRES=off,
the PostgreSQL checks are not collected and the suites say why (`WHY_NOT`).
"""

from __future__ import annotations

import glob
import os
import pwd
import random
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


def _binaries() -> Path | None:
    """The folder that holds initdb and pg_ctl: on PATH, or the newest /usr/lib/postgresql/*/bin."""
    on_path = shutil.which("initdb")
    candidates = [str(Path(on_path).parent)] if on_path else []
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name), reverse=True)
    candidates += sorted(glob.glob("/opt/homebrew/opt/postgresql@*/bin")) + sorted(glob.glob("/usr/local/pgsql/bin"))
    return next(
        (Path(c) for c in candidates if (Path(c) / "initdb").is_file() and (Path(c) / "pg_ctl").is_file()), None
    )


BINARIES = None if os.environ.get("KATA_POSTGRES", "").lower() == "off" else _binaries()
WHY_NOT = (
    "the PostgreSQL checks were left out: KATA_POSTGRES=off"
    if os.environ.get("KATA_POSTGRES", "").lower() == "off"
    else "the PostgreSQL checks were left out: no initdb/pg_ctl found on PATH or in /usr/lib/postgresql/*/bin"
)
BACKENDS = ["sqlite", "postgresql"] if BINARIES else ["sqlite"]


def share(points: float) -> float:
    """A test's points, split over the backends it runs on, so a task totals the same either way."""
    return points / len(BACKENDS)


class ServerError(RuntimeError):
    """The throwaway server did not start; the message says what PostgreSQL answered."""


def _as_owner(folder: Path) -> Callable[[], None] | None:
    # PostgreSQL refuses to run as root: run it as the 'postgres' (or 'nobody') account instead.
    if os.geteuid() != 0:
        return None
    account = next((a for a in ("postgres", "nobody") if _exists(a)), None)
    if account is None:
        raise ServerError("running as root, and no 'postgres' or 'nobody' account to run PostgreSQL as")
    entry = pwd.getpwnam(account)
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, entry.pw_uid, entry.pw_gid)

    def drop() -> None:
        os.setgid(entry.pw_gid)
        os.setuid(entry.pw_uid)

    return drop


def _exists(account: str) -> bool:
    try:
        pwd.getpwnam(account)
    except KeyError:
        return False
    return True


def _run(command: list[str], folder: Path) -> None:
    done = subprocess.run(command, capture_output=True, text=True, preexec_fn=_as_owner(folder), timeout=60)
    if done.returncode != 0:
        raise ServerError(f"{Path(command[0]).name} failed: {(done.stderr or done.stdout).strip()[-400:]}")


def _template(binaries: Path) -> Path:
    """An initialised data folder, made once per machine and user, copied for each server."""
    template = Path(tempfile.gettempdir()) / f"kata-postgres-template-{binaries.parent.name}-{os.geteuid()}"
    if (template / "data" / "PG_VERSION").is_file():
        return template / "data"
    building = Path(tempfile.mkdtemp(prefix="kata-postgres-initdb-"))
    building.chmod(0o755)
    _run([str(binaries / "initdb"), "-D", str(building / "data"), "-U", "postgres", "-A", "trust",
          "-E", "UTF8", "--no-sync", "--no-instructions"], building)  # fmt: skip
    try:
        building.rename(template)  # atomic: a session running beside this one uses one or the other
    except OSError:
        shutil.rmtree(building, ignore_errors=True)
    return template / "data"


@contextmanager
def throwaway_server() -> Iterator[str]:
    """Start a server; yield its SQLAlchemy URL (psycopg, Unix socket); stop and delete it after."""
    assert BINARIES is not None, WHY_NOT
    folder = Path(tempfile.mkdtemp(prefix="kata-postgres-"))
    folder.chmod(0o755)
    shutil.copytree(_template(BINARIES), folder / "data")
    (folder / "data").chmod(0o700)
    port = random.randint(20000, 60000)
    options = f"-p {port} -k {folder} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
    pg_ctl = str(BINARIES / "pg_ctl")
    try:
        _run([pg_ctl, "-D", str(folder / "data"), "-o", options, "-l", str(folder / "log"), "-w", "start"], folder)
        yield f"postgresql+psycopg://postgres@/postgres?host={folder}&port={port}"
    finally:
        subprocess.run(
            [pg_ctl, "-D", str(folder / "data"), "-m", "immediate", "stop"],
            capture_output=True,
            preexec_fn=_as_owner(folder),
            timeout=60,
        )
        shutil.rmtree(folder, ignore_errors=True)
