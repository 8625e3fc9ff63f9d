"""Fixtures shared by the project's own tests.

Kata suites are never collected here: they are reached through the checker, which runs them in
a separate process exactly as a learner's or a reviewer's check does.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checker.catalog import Catalog, load_catalog
from checker.report import CheckReport
from checker.runner.launch import WarmLauncher
from checker.runner.process import check

ROOT = Path(__file__).resolve().parents[1]
CATALOG = load_catalog(ROOT)
_CHECKS: dict[tuple[str, str], CheckReport] = {}


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return CATALOG


@pytest.fixture(scope="session")
def launcher():
    # One warm worker for the whole run: each check forks it instead of importing the stack again.
    warm = WarmLauncher()
    yield warm
    warm.close()


@pytest.fixture(scope="session")
def checked(launcher):
    """check(kata_id, variant) -> CheckReport for "solution" or "starter", run once per session."""

    def run(kata_id: str, variant: str) -> CheckReport:
        key = (kata_id, variant)
        if key not in _CHECKS:
            kata = CATALOG.get(kata_id)
            path = kata.solution_folder if variant == "solution" else kata.folder
            _CHECKS[key] = check(kata, path, launcher=launcher)
        return _CHECKS[key]

    return run


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A throwaway copy of the project holding only the welcome kata; the cwd is set to it."""
    root = tmp_path / "project"
    for kind in ("katas", "solutions"):
        shutil.copytree(
            ROOT / kind / "00-welcome", root / kind / "00-welcome", ignore=shutil.ignore_patterns("__pycache__")
        )
    (root / "notebooks").mkdir()
    # As a released copy holds it: the starter as shipped, which `kata reset` restores.
    starter = ROOT / "katas" / "00-welcome" / "inkwell"
    shutil.copytree(
        starter, root / ".kata" / "starters" / "00-welcome" / "inkwell", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copyfile(ROOT / "pyproject.toml", root / "pyproject.toml")
    monkeypatch.chdir(root)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("UV_RUN_RECURSION_DEPTH", "1")  # as under `uv run`: printed commands say `uv run kata`
    return root
