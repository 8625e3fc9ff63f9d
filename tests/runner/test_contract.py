"""The checker reads the kata's contract (kata.toml `contract`) and says in one line when a submission lacks it."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest

from checker.runner.contract import contract_problem
from checker.runner.process import check
from tests.conftest import CATALOG

WELCOME = CATALOG.get("00-welcome")
MISSING = "inkwell/app.py has no create_app: the suites build the app through inkwell.app:create_app."


@pytest.fixture
def package(tmp_path):
    root = tmp_path / "inkwell"
    root.mkdir()
    (root / "__init__.py").write_text("")
    return root


def _app(package, source):
    (package / "app.py").write_text(source)
    return contract_problem(WELCOME, package)


def test_every_kata_declares_its_contract_and_its_solution_and_starter_provide_it():
    for kata in CATALOG.katas:
        assert kata.contract == f"{kata.package}.app:create_app", kata.id
        for folder in (kata.starter, kata.solution_folder / kata.package):
            assert contract_problem(kata, folder) is None, f"{folder} lacks {kata.contract}"


@pytest.mark.parametrize(
    "source",
    [
        "def create_app(url='sqlite://'):\n    return None\n",
        "async def create_app():\n    return None\n",
        "from inkwell.wiring import create_app\n",
        "from inkwell.wiring import build as create_app\n",
        "from inkwell.wiring import *\n",
        "create_app = lambda: None\n",
        "create_app: object = None\n",
        "try:\n    from fast import create_app\nexcept ImportError:\n    def create_app(): ...\n",
        "if True:\n    def create_app(): ...\n",
        "def create_app(:\n",  # a syntax error: the suites report it with its line, not this check
    ],
    ids=["def", "async", "import", "import-as", "star", "assign", "annotated", "try", "if", "syntax-error"],
)
def test_a_module_that_binds_the_name_in_any_way_provides_it(package, source):
    assert _app(package, source) is None


@pytest.mark.parametrize(
    "source",
    [
        "def build_app():\n    return None\n",
        "def factory():\n    def create_app(): ...\n    return create_app\n",
        "class App:\n    def create_app(self): ...\n",
        "# def create_app(): ...\n",
        "from inkwell.wiring import create_ap\n",
    ],
    ids=["renamed", "nested", "method", "comment", "misspelt-import"],
)
def test_a_module_that_does_not_bind_the_name_lacks_it(package, source):
    assert _app(package, source) == MISSING


def test_a_missing_module_is_named(package):
    assert contract_problem(WELCOME, package) == (
        "inkwell/app.py is missing: the suites build the app through inkwell.app:create_app."
    )


def test_a_package_module_counts_and_a_link_out_of_the_submission_is_not_followed(package, tmp_path):
    (package / "app").mkdir()
    (package / "app" / "__init__.py").write_text("def create_app(): ...\n")
    assert contract_problem(WELCOME, package) is None
    shutil.rmtree(package / "app")
    outside = tmp_path / "outside.py"
    outside.write_text("nothing = 1\n")
    (package / "app.py").symlink_to(outside)
    assert contract_problem(WELCOME, package) is None  # the suites judge it; the checker reads nothing outside


def test_a_kata_without_a_contract_is_not_checked_for_one(package):
    assert contract_problem(replace(WELCOME, contract=""), package) is None


def test_the_check_says_so_first_in_one_line_and_still_runs_the_suites(tmp_path, launcher):
    copy = tmp_path / "00-welcome"
    shutil.copytree(WELCOME.starter, copy / "inkwell", ignore=shutil.ignore_patterns("__pycache__"))
    app = copy / "inkwell" / "app.py"
    app.write_text(app.read_text().replace("def create_app(", "def make_app("))
    report = check(WELCOME, copy, launcher=launcher, collect_only=True)
    assert report.notices == (MISSING,) and report.to_dict()["notices"] == [MISSING]
    assert MISSING not in report.problems, "grading reads problems: a missing contract is the learner's notice"
    assert report.tests, "the suites were still collected"
    assert not report.complete


def test_kata_check_prints_the_notice_in_its_one_line(kata, sandbox):
    app = sandbox / "katas" / "00-welcome" / "inkwell" / "app.py"
    app.write_text(app.read_text().replace("def create_app(", "def make_app("))
    result = kata("check", "00-welcome")
    assert f"! {MISSING}" in result.output, result.output
    assert "Traceback" not in result.output
