"""Fixtures for the workshop features: the `kata` command in the sandbox, a learner copy of the
whole catalog, and a fresh Python environment that sees only that copy."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from checker.workshop.release import Release, build_release
from tests.conftest import CATALOG


@pytest.fixture(scope="session")
def release(tmp_path_factory) -> Release:
    """A learner copy of every kata of the project, built once per run."""
    return build_release(CATALOG, tmp_path_factory.mktemp("release") / "copy")


@pytest.fixture(scope="session")
def fresh_python(release, tmp_path_factory) -> Path:
    """The interpreter of a new virtualenv that imports the checker from the learner copy only.

    A full install per run would take minutes, so the venv borrows this project's installed
    third-party packages by listing their folder in a .pth file; the project's own editable
    install is not processed there (a .pth line adds a path, it does not read the .pth files in
    it), so `checker` can only come from the copy.
    """
    venv = tmp_path_factory.mktemp("fresh") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    borrowed = sysconfig.get_paths()["purelib"]
    Path(site, "learner_copy.pth").write_text(f"{release.folder}\n{borrowed}\n", encoding="utf-8")
    return python


@pytest.fixture
def in_copy(release, fresh_python):
    """Run `kata ARGS...` inside the learner copy, in the fresh environment; returns the process."""

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        code = "import sys; from checker.cli.main import run; sys.argv = ['kata', *sys.argv[1:]]; run()"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "UV_"))}
        return subprocess.run(
            [str(fresh_python), "-c", code, *args],
            cwd=release.folder,
            env={**env, "NO_COLOR": "1", "COLUMNS": "200"},
            capture_output=True,
            text=True,
            timeout=300,
        )

    return run
