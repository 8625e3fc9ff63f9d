"""Puts the locked dependencies into a learner copy as wheels, so a room installs with no network.

`uv pip compile` pins the copy's dependencies (the loop's: a copy has no dependency groups) for
this interpreter and platform, held to the project's `[tool.uv] constraint-dependencies`; `pip download` then fetches
exactly those wheels, plus the build backend (the copy installs itself) and uv itself, for
laptops that lack it. Wheels only, never source archives: a room has no compilers to rely on.
"""

from __future__ import annotations

import platform
import shutil
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

from checker.errors import KataError

FOLDER = "wheelhouse"
REQUIREMENTS = "requirements.txt"
_BUILD = ["hatchling", "editables"]


def pip_install(python: str) -> tuple[str, ...]:
    """The commands that install a copy from its wheelhouse without uv, and put `kata` on the PATH."""
    return (
        f"python{python} -m venv .venv",
        ".venv/bin/python -m pip install --no-index --find-links wheelhouse -r wheelhouse/requirements.txt -e .",
        ". .venv/bin/activate",
    )


class WheelhouseError(KataError):
    """The wheels could not be gathered; the message says which step failed and why."""


@dataclass(frozen=True)
class Wheelhouse:
    folder: Path
    wheels: int
    bytes: int
    seconds: float
    platform: str
    python: str  # major.minor of the interpreter the wheels are for
    sys_platform: str  # the system and machine the wheels are for, as markers name them
    machine: str


def this_platform() -> str:
    return f"{platform.system().lower()} {platform.machine()}, CPython {sys.version_info[0]}.{sys.version_info[1]}"


def fill_wheelhouse(copy: Path, *, with_uv: bool = True) -> Wheelhouse:
    """Download the copy's pinned wheels into `copy/wheelhouse`; raises WheelhouseError."""
    started = time.perf_counter()
    folder = copy / FOLDER
    folder.mkdir(exist_ok=True)
    constraints = folder / "constraints.txt"
    constraints.write_text("\n".join(_constraints(copy / "pyproject.toml")) + "\n", encoding="utf-8")
    pinned = _compile(["pyproject.toml"], copy, constraints)
    build = _compile(["-"], copy, constraints, stdin="\n".join(_BUILD) + "\n")
    extra = [line for line in build if line.split("==")[0] not in {p.split("==")[0] for p in pinned}]
    if with_uv and shutil.which("uv"):
        extra.append(f"uv=={_uv_version()}")
    (folder / REQUIREMENTS).write_text("\n".join(pinned) + "\n", encoding="utf-8")
    (folder / "build-requirements.txt").write_text("\n".join(extra) + "\n", encoding="utf-8")
    _run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--only-binary=:all:"]
        + [
            "--no-deps",
            "-d",
            str(folder),
            "-r",
            str(folder / REQUIREMENTS),
            "-r",
            str(folder / "build-requirements.txt"),
        ],
        copy,
        "pip download",
    )
    wheels = sorted(folder.glob("*.whl"))
    return Wheelhouse(
        folder=folder,
        wheels=len(wheels),
        bytes=sum(w.stat().st_size for w in wheels),
        seconds=time.perf_counter() - started,
        platform=this_platform(),
        sys_platform=sys.platform,
        machine=platform.machine(),
        python=f"{sys.version_info[0]}.{sys.version_info[1]}",
    )


def _constraints(pyproject: Path) -> list[str]:
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    return list(data.get("tool", {}).get("uv", {}).get("constraint-dependencies", []))


def _compile(sources: list[str], copy: Path, constraints: Path, stdin: str | None = None) -> list[str]:
    if not shutil.which("uv"):
        raise WheelhouseError("uv is not installed: it pins the wheels. Install it with `python3 -m pip install uv`.")
    command = ["uv", "pip", "compile", *sources, "-c", str(constraints), "--python", sys.executable]
    command += ["--no-header", "--no-annotate", "--quiet"]
    output = _run(command, copy, "uv pip compile", stdin=stdin)
    return [line.strip() for line in output.splitlines() if "==" in line and not line.lstrip().startswith("#")]


def _uv_version() -> str:
    return _run(["uv", "--version"], Path.cwd(), "uv --version").split()[1]


def _run(command: list[str], cwd: Path, step: str, stdin: str | None = None) -> str:
    try:
        done = subprocess.run(command, cwd=cwd, input=stdin, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise WheelhouseError(f"{step} could not run: {error}") from None
    if done.returncode != 0:
        raise WheelhouseError(f"{step} failed (is the network up?):\n{done.stderr.strip()[-2000:]}")
    return done.stdout
