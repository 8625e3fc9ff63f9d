"""Checks that this machine can run the katas; each problem comes with its fix."""

from __future__ import annotations

import importlib.metadata
import sqlite3
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from checker import bubblewrap
from checker.progress import ProgressError, store_for

REQUIRED = ("fastapi", "sqlalchemy", "pydantic", "pytest", "httpx2", "sqlite-utils", "import-linter")
FIX_SYNC = "run `uv sync` in the project folder"


@dataclass(frozen=True)
class Finding:
    name: str
    ok: bool
    detail: str
    fix: str = ""
    blocking: bool = True  # False: a feature some users need (grading), not the katas themselves


def run_doctor(root: Path) -> list[Finding]:
    checks: list[Callable[[], Finding]] = [
        _python,
        *(_package(name) for name in REQUIRED),
        _sqlite_version,
        _sqlite_features,
        lambda: _writable(root),
        lambda: _progress(root),
        _sandbox,
    ]
    return [check() for check in checks]


def _sandbox() -> Finding:
    """Reviewers only: `kata grade` runs every submission in a bubblewrap sandbox."""
    why = bubblewrap.problem()
    if why is None:
        return Finding("grading sandbox", True, "bubblewrap works (needed by `kata grade` only)", blocking=False)
    return Finding("grading sandbox", False, f"{why} (needed by `kata grade` only)", bubblewrap.INSTALL, blocking=False)


def _progress(root: Path) -> Finding:
    try:
        store_for(root)
    except ProgressError as error:
        return Finding("progress record", False, str(error).split(" Run ")[0], "run `uv run kata doctor --repair`")
    except OSError as error:
        return Finding("progress record", False, f"{root / '.kata'}: {error.strerror}", "make .kata writable")
    return Finding("progress record", True, ".kata/progress.db")


def _python() -> Finding:
    version = ".".join(map(str, sys.version_info[:3]))
    ok = sys.version_info >= (3, 11)
    return Finding("Python", ok, version, "" if ok else "install Python 3.11 or newer: `uv python install 3.11`")


def _package(name: str) -> Callable[[], Finding]:
    def check() -> Finding:
        try:
            return Finding(name, True, importlib.metadata.version(name))
        except importlib.metadata.PackageNotFoundError:
            return Finding(name, False, "not installed", FIX_SYNC)

    return check


def _sqlite_version() -> Finding:
    ok = sqlite3.sqlite_version_info >= (3, 35, 0)
    fix = "" if ok else "SQLite 3.35 or newer is needed (RETURNING, window functions): use a newer Python build"
    return Finding("SQLite", ok, sqlite3.sqlite_version, fix)


def _sqlite_features() -> Finding:
    probes = {
        "JSON": "select json_extract('{\"a\": 1}', '$.a')",
        "window functions": "select row_number() over () from (select 1)",
        "RETURNING": "create table t (x); insert into t values (1) returning x",
        "EXPLAIN QUERY PLAN": "explain query plan select 1",
        "expression indexes": "create table u (e text); create unique index ue on u (lower(e))",
    }
    missing = []
    with sqlite3.connect(":memory:") as db:
        for feature, sql in probes.items():
            try:
                for statement in sql.split("; "):
                    db.execute(statement).fetchall()
            except sqlite3.Error:
                missing.append(feature)
    if missing:
        return Finding(
            "SQLite features", False, f"missing: {', '.join(missing)}", "use a Python built with SQLite 3.35 or newer"
        )
    return Finding("SQLite features", True, ", ".join(probes))


def _writable(root: Path) -> Finding:
    places = [root / ".kata", root / "katas", Path(tempfile.gettempdir())]
    blocked = []
    for place in places:
        try:
            place.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=place):
                pass
        except OSError:
            blocked.append(str(place))
    if blocked:
        return Finding(
            "writable folders",
            False,
            f"cannot write: {', '.join(blocked)}",
            "give your user write access to those folders, or clone the project somewhere you own",
        )
    return Finding("writable folders", True, ", ".join(p.name or str(p) for p in places))
