"""07-migrations runs its migrations on PostgreSQL where the binaries are installed, and scores
the same without them: both halves of the issue's "with and without a PostgreSQL server"."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from checker.runner.process import check
from tests.conftest import CATALOG, ROOT

pytestmark = pytest.mark.slow  # grades the kata's solution through the checker, with a server

KATA = "07-migrations"


def _binaries():
    spec = importlib.util.spec_from_file_location("postgres_leg", ROOT / "katas" / KATA / "tests" / "postgres.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up there
    spec.loader.exec_module(module)
    return module.binaries()


def test_the_migrations_run_on_a_throwaway_postgresql_server_where_one_is_installed(checked):
    if _binaries() is None:
        pytest.skip(
            "no PostgreSQL binaries (initdb, postgres) on PATH or in /usr/lib/postgresql/*/bin: nothing to start"
        )
    report = checked(KATA, "solution")
    on_server = [t for t in report.tests if "[postgresql]" in t.id]
    assert on_server, f"{KATA}: PostgreSQL is installed, yet no test ran on it: {[t.id for t in report.tests]}"
    failing = [f"{t.id}: {t.message}" for t in on_server if not t.passed]
    assert not failing, f"{KATA}: the solution fails on PostgreSQL:\n" + "\n".join(failing)


def test_without_a_server_the_solution_still_scores_100(launcher, monkeypatch):
    monkeypatch.setenv("KATA_POSTGRES", "off")
    kata = CATALOG.get(KATA)
    report = check(kata, kata.solution_folder, launcher=launcher)
    on_server = [t.id for t in report.tests if "[postgresql]" in t.id]
    assert not on_server, f"KATA_POSTGRES=off, yet these ran on PostgreSQL: {on_server}"
    failing = [f"{t.id}: {t.message}" for t in report.tests if not t.passed]
    assert report.score == 100 and not report.problems, f"{KATA} without a server scored {report.score}: {failing}"
