"""The sandbox holds for an ordinary user too: the escape batch of test_sandbox.py and the selective
forgers of test_outside_attacks.py, graded by a grader that runs as `nobody`, the setup the
reviewers' guide recommends.

It needs root (to become nobody), `setpriv`, a system Python 3.11+ that nobody can run, and a
checkout that nobody can read; it builds a virtual environment for nobody from uv's cache.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.grading.conftest import ROOT, needs_sandbox

pytestmark = [pytest.mark.slow, needs_sandbox]  # builds a venv, then grades a hostile batch as nobody

NOBODY = 65534


def _readable_by_all(path: Path) -> bool:
    return all(os.stat(p).st_mode & 0o005 == 0o005 for p in [path, *path.parents])


def _why_not() -> str | None:
    if os.geteuid() != 0:
        return "only root can become an ordinary user to grade as one"
    if shutil.which("setpriv") is None or shutil.which("uv") is None:
        return "setpriv and uv are needed"
    if not _readable_by_all(ROOT):
        return f"the checkout {ROOT} is not readable by an ordinary user"
    system = Path("/usr/bin/python3")
    if not system.exists():
        return "no system Python for an ordinary user"
    return None


@pytest.mark.skipif(_why_not() is not None, reason=f"cannot grade as an ordinary user here: {_why_not()}")
def test_an_ordinary_users_grader_holds_the_same_walls():
    # Not below pytest's own temporary folder, which only root may enter.
    home = Path(tempfile.mkdtemp(prefix="kata-nobody-"))
    try:
        _grade_as_nobody(home)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _grade_as_nobody(home: Path) -> None:
    home.chmod(0o755)
    venv = home / "venv"
    made = subprocess.run(
        # Not --offline: on a new machine uv refused, offline, a wheel its cache held (it revalidates
        # cached wheels with the registry), and the test skipped; the package registry is reachable.
        f"uv venv -q --python /usr/bin/python3 {venv} && VIRTUAL_ENV={venv} uv pip install -q -e {ROOT}",
        shell=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if made.returncode != 0:
        pytest.skip(f"no environment for an ordinary user (uv's cache and the registry): {made.stderr.strip()[-300:]}")
    (home / "tmp").mkdir()
    os.chown(home / "tmp", NOBODY, NOBODY)
    command = [
        "setpriv",
        f"--reuid={NOBODY}",
        f"--regid={NOBODY}",
        "--clear-groups",
        "env",
        "-i",
        "PATH=/usr/bin:/bin",
        f"HOME={home}",
        str(venv / "bin" / "python"),
        "-B",
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-o",
        "addopts=",
        "--basetemp",
        str(home / "tmp" / "pytest"),
        str(ROOT / "tests" / "grading" / "test_sandbox.py"),
        str(ROOT / "tests" / "grading" / "test_outside_attacks.py"),
        "-k",
        "not in_process_judge",  # the forgers' success under the in-process judge is shown as root
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-1000:]
    # The escape batch's 4 tests, and the outside judge's 11 (two skip where no C compiler is).
    assert re.search(r"\b(15 passed|13 passed, 2 skipped)\b", done.stdout), done.stdout[-1500:]
