"""Fixtures of both suites: a fresh database per test, on each backend this machine offers.

Every test that takes `backend` runs on SQLite, and on PostgreSQL where a throwaway server
starts (kata_tests.postgres: one per session, started at collection); its points are split over
the backends, so a task totals the same with or without a server.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from kata_tests.postgres import backends, server, stop, why_not

_NAMES = itertools.count(1)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    chosen = any("backend" in m.args[0] for m in metafunc.definition.iter_markers("parametrize"))
    if "backend" in metafunc.fixturenames and not chosen:
        metafunc.parametrize("backend", backends())


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    stop()


@pytest.fixture(scope="session")
def postgres_server() -> str:
    found = server()
    if found is None:
        pytest.fail(why_not(), pytrace=False)
    return found.url


@pytest.fixture
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database on the test's backend (SQLite unless it asks for `backend`)."""
    backend = request.getfixturevalue("backend") if "backend" in request.fixturenames else "sqlite"
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'production.db'}"
        return
    server = request.getfixturevalue("postgres_server")
    name = f"kata_{next(_NAMES)}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f"CREATE DATABASE {name}"))
    try:
        yield server.replace("/postgres?", f"/{name}?")
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()
