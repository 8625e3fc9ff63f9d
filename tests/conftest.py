"""Fixtures shared by the project's own tests.

Kata suites are never collected here: they are reached through the checker, which runs them in
a separate process exactly as a learner's or a reviewer's check does.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from checker.catalog import Catalog, load_catalog
from checker.cli.main import app
from checker.report import CheckReport
from checker.runner import process
from checker.runner.launch import WarmLauncher
from checker.runner.process import check
from checker.runner.workspace import locate_package

ROOT = Path(__file__).resolve().parents[1]
CATALOG = load_catalog(ROOT)
MYPY_CACHE = ROOT / ".mypy_cache"  # mypy's default, git-ignored; its entries are checked against each file's hash
_CHECKS: dict[tuple[str, str], CheckReport] = {}
_SHARED: dict[tuple[object, ...], CheckReport] = {}
_NONE = SimpleNamespace(params={})  # what an item that is not parametrised offers as its callspec

# What makes a slow test slow (pyproject.toml describes each); a test marks its kind, and the kind makes it slow.
SLOW_KINDS = ("grades", "builds", "typecheck", "browser", "processes", "notebook")


# The modules whose tests ask `checked` for a kata: they share its session-wide batch of checks.
CHECKED_MODULES = ("test_bars.py", "test_rules.py", "test_postgresql_leg.py", "test_messages.py")
# Module-wide caches of graded runs, one entry per kata: their tests may spread over the workers by kata.
_BY_KATA = ("test_decoys.py", "test_mutants.py")
# The modules that read the docs site (tests/tooling/conftest.py, built_site): one worker builds it once.
SITE_MODULES = ("test_docs_links.py", "test_docs_site.py")


def pytest_configure(config: pytest.Config) -> None:
    # The run starts hundreds of Python processes (workers, checks, graded runs, the CLI). Where
    # PYTHONDONTWRITEBYTECODE is set (as on the machine this project is built on), each of them
    # compiles FastAPI, SQLAlchemy and Pydantic from source again: importing them takes 1.7 s,
    # against 0.7 s from bytecode. The run writes bytecode caches for itself and every process it
    # starts from here on (the workers included), as any Python does where the variable is unset;
    # __pycache__ is git-ignored and left out of every copy the checker makes.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    sys.dont_write_bytecode = False


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if any(item.get_closest_marker(kind) for kind in SLOW_KINDS):
            item.add_marker(pytest.mark.slow)
        for fixture, modules, name in (
            ("checked", CHECKED_MODULES, "CHECKED_MODULES"),
            ("built_site", SITE_MODULES, "SITE_MODULES"),
        ):
            if fixture in getattr(item, "fixturenames", ()) and item.path.name not in modules:
                raise pytest.UsageError(
                    f"{item.nodeid} asks for `{fixture}`: add {item.path.name!r} to {name} in tests/conftest.py, "
                    "so that its tests share a worker with what they share"
                )


def worker_group(nodeid: str) -> str:
    """The tests one worker runs together: a module's (they share its fixtures), every module of
    CHECKED_MODULES (they share one batch), of SITE_MODULES (they share one build of the docs site),
    and the decoys or mutants of one kata."""
    path, _, name = nodeid.partition("::")
    module = path.rsplit("/", 1)[-1]
    if module in CHECKED_MODULES:
        return "checked"
    if module in SITE_MODULES:
        return "built-site"
    if module in _BY_KATA and "[" in name:
        return f"{path}[{name.split('[', 1)[1].split('/', 1)[0].rstrip(']')}]"
    return path


@pytest.hookimpl(optionalhook=True)  # pytest-xdist's; absent where the plugin is not installed
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object | None:
    """`--dist loadfile` (the project's setting), refined to `worker_group`. pytest-xdist's own
    loadgroup marks groups by rewriting node ids, which pytest 9 no longer allows (pytest-xdist#1386)."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ByWorkerGroup(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return worker_group(nodeid)

    return ByWorkerGroup(config, log)


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
def checked(launcher, request):
    """check(kata_id, variant) -> CheckReport for "solution" or "starter", run once per session.

    The first ask for a variant checks it for every kata the session's tests will ask about, two at
    a time (each check is a fork of the warm worker, so a second core halves the wait).
    """

    def grade(key: tuple[str, str]) -> CheckReport:
        kata = CATALOG.get(key[0])
        path = kata.solution_folder if key[1] == "solution" else kata.folder
        # One process a check: two checks already run side by side here, and 06's suites, bound by
        # 0.1 s deadlines, must not meet more load than a learner's machine gives them.
        return check(kata, path, launcher=launcher)

    def run(kata_id: str, variant: str) -> CheckReport:
        if (kata_id, variant) not in _CHECKS:
            wanted = {kata_id} | {
                item.callspec.params["kata_id"]
                for item in request.session.items
                if "checked" in getattr(item, "fixturenames", ())
                and "kata_id" in getattr(item, "callspec", _NONE).params
            }
            batch = [(each, variant) for each in sorted(wanted) if (each, variant) not in _CHECKS]
            with ThreadPoolExecutor(max_workers=min(len(batch), os.cpu_count() or 2)) as pool:
                _CHECKS.update(zip(batch, pool.map(grade, batch), strict=True))
        return _CHECKS[(kata_id, variant)]

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


@pytest.fixture
def kata(sandbox, launcher, monkeypatch):
    """Run `kata ARGS...` in the sandbox project; returns the click Result.

    Its checks fork the session's warm worker instead of starting pytest cold, seconds each on a
    loaded machine; tests/runner/test_messages.py proves both launchers report alike, and
    `cold_kata` runs a check the way a learner's `kata check` starts it.
    """
    monkeypatch.setattr(process, "FreshLauncher", lambda: launcher)
    monkeypatch.setattr("checker.cli.check_cmd.check", _shared_check)
    monkeypatch.setattr("checker.workshop.room.check", _shared_check)  # kata doctor --room's check
    return _invoker()


def _shared_check(kata, path=None, *, listener=None, **options):
    """`kata check`'s check, run once per distinct content: the same starter checked by several tests is
    checked once. The key is every byte the check reads (the submission, both suites) and its options; a
    test that edits a file gets a check of its own."""
    package = locate_package(kata, path or kata.folder)
    key = (kata.id, _digest(package, kata.public_tests, kata.hidden_tests), tuple(sorted(options.items())))
    if key not in _SHARED:
        _SHARED[key] = check(kata, path, **options)
    report = dataclasses.replace(_SHARED[key], kata=kata)  # this sandbox's kata: its paths, its root
    for test in report.tests if listener else ():
        listener(test)
    return report


def _digest(*folders: Path) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(f"{path.relative_to(folder)}\0".encode() + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def cold_kata(sandbox):
    """`kata ARGS...` as the learner runs it: each check starts pytest in a fresh process."""
    return _invoker()


def _invoker():
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(app, list(args), input=input)

    return invoke
