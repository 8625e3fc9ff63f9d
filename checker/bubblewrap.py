"""The sandbox every grading run lives in: Debian's bubblewrap (`bwrap`).

A run sees a read-only system (`/usr`), the Python it runs on and the project's virtual
environment read-only, the checker's own package read-only, and the folders the grader names for
it; nothing else of the reviewer's disk (no other submission, no catalog, no `solutions/`, no
`.git`, no output folder, no home). It gets new user (no capabilities), IPC, UTS, network and
cgroup namespaces, a clean environment, and dies with the grader.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

import checker
from checker.errors import KataError

RUN_ID = 1000  # the user and group a run has inside its sandbox
INSTALL = "sudo apt-get install bubblewrap"  # Debian and Ubuntu; Fedora: sudo dnf install bubblewrap
# Top-level system folders a Python run may need; a missing one is skipped, a link is kept a link.
_SYSTEM = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
# From /etc only what Python or an HTTP client reads: time zones and certificates, no accounts.
_ETC = ("/etc/localtime", "/etc/ssl", "/etc/ca-certificates", "/etc/alternatives")


class SandboxMissing(KataError):
    """Grading was asked to confine runs on a machine where bubblewrap cannot."""


def find() -> str | None:
    return shutil.which("bwrap")


def problem() -> str | None:
    """Why runs cannot be sandboxed here, in one sentence, or None when bubblewrap works."""
    if not sys.platform.startswith("linux"):
        return f"grading sandboxes runs with bubblewrap, which needs Linux (this is {sys.platform})"
    binary = find()
    if binary is None:
        return f"bubblewrap (bwrap) is not installed: install it with `{INSTALL}`"
    try:
        done = subprocess.run(
            argv(binary=binary, writable=(), readable=(), env={}, cwd=Path("/"), own_pids=True) + ["/bin/true"],
            capture_output=True,
            text=True,
            timeout=30,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"bubblewrap could not be started: {error}"
    if done.returncode != 0:
        why = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit code {done.returncode}"
        return f"bubblewrap cannot make a sandbox here ({why}); user namespaces may be turned off"
    return None


def require() -> str:
    """The bwrap binary, or SandboxMissing with what to do."""
    why = problem()
    if why is not None:
        raise SandboxMissing(
            f"kata grade runs untrusted code and will not run it unconfined: {why}. "
            "For submissions you trust, `--unconfined` grades without the sandbox."
        )
    binary = find()
    assert binary is not None
    return binary


def argv(
    *,
    binary: str,
    writable: Iterable[Path],
    readable: Iterable[Path],
    env: Mapping[str, str],
    cwd: Path,
    own_pids: bool,
    folders: Iterable[str] = (),
) -> list[str]:
    """The bwrap command line for one sandbox; the command to run inside follows it."""
    args = [binary, "--unshare-user", "--unshare-ipc", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try"]
    if own_pids:
        args.append("--unshare-pid")
    # An ordinary id inside (whoever grades, root included), no capabilities, a name of its own.
    args += ["--uid", str(RUN_ID), "--gid", str(RUN_ID), "--cap-drop", "ALL", "--hostname", "kata-run"]
    args += ["--die-with-parent", "--new-session", "--clearenv"]
    for folder in _SYSTEM:
        path = Path(folder)
        if path.is_symlink():
            args += ["--symlink", str(path.readlink()), folder]
        elif path.is_dir():
            args += ["--ro-bind", folder, folder]
    for item in _ETC:
        args += ["--ro-bind-try", item, item]
    # A private /tmp first, so that a project or a virtual environment that lives below /tmp is
    # laid over it rather than hidden by it; /dev read-only but for a private /dev/shm.
    args += ["--tmpfs", "/tmp", "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/dev/shm", "--remount-ro", "/dev"]
    for place in python_places():
        args += ["--ro-bind", str(place), str(place)]
    for folder in folders:
        args += ["--dir", folder]
    for place in writable:
        args += ["--bind", str(place), str(place)]
    for place in readable:
        args += ["--ro-bind", str(place), str(place)]
    args += ["--remount-ro", "/"]
    for key, value in env.items():
        args += ["--setenv", key, value]
    return [*args, "--chdir", str(cwd), "--"]


def python_places() -> list[Path]:
    """The interpreter's installation, the virtual environment, and the checker's source folder."""
    places = {Path(sys.base_prefix).resolve(), Path(sys.prefix).absolute(), Path(checker.__file__).parent.resolve()}
    if Path(sys.prefix).resolve() != Path(sys.prefix).absolute():
        places.add(Path(sys.prefix).resolve())
    # A folder inside another bound one is already visible; binding it twice is harmless but noisy.
    return sorted(p for p in places if not any(p != q and q in p.parents for q in places))
