"""Issue 16's selective forgers, graded with the outside judge (`kata grade --judge outside`).

Each attack owns the process that runs the suites: it rewrites every failed result as passed, except
the ones whose message looks like a control test's (so the canaries see nothing amiss). Under the
in-process judge each one earns points the honest starter does not; under the outside judge the
points the grader decides (every test but the self-reported ones) stay the starter's. Every kata's
graded checks are decided by the grader, so no attack scores more than the starter at all.

The ordinary run attacks 00-welcome; `KATA_ATTACK_KATAS=all` (or a comma-separated list of kata
ids) attacks those katas too, each with the grader's default time limits.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sysconfig
from dataclasses import replace
from pathlib import Path

import pytest

from checker.grading.grader import Grader
from checker.grading.intake import discover
from checker.grading.model import KataGrade
from tests.conftest import CATALOG
from tests.grading.conftest import KATA, ROOT, TIGHT, roomy, submission

pytestmark = pytest.mark.grades  # grades two batches of submissions in the sandbox

# Turns `failed` into `passed` in what the reporting plugin writes, except where a canary might be
# (their messages start "Counted ..."). `{reach}` is how the forger gets at the json module.
FORGE_DUMPS = """
import sys
_json = {reach}
_dumps = _json.dumps

def _forged(obj, *args, **kwargs):
    if isinstance(obj, dict) and obj.get("outcome") == "failed" and not str(obj.get("message", "")).startswith("Counted"):
        obj = {{**obj, "outcome": "passed", "message": ""}}
    return _dumps(obj, *args, **kwargs)

_json.dumps = _forged
"""
PLAIN = FORGE_DUMPS.format(reach="__import__('json')")
HIDDEN = FORGE_DUMPS.format(reach='getattr(sys, "mod" + "ules")["json"]')
# The same, and the checks themselves silenced: no self-reported check can fail, no observation leaves.
OWNER = (
    HIDDEN
    + """
_kit = getattr(sys, "mod" + "ules").get("checker.testkit") or __import__("checker.testkit").testkit
_kit.expect = lambda *a, **k: None
_kit.expect_equal = lambda *a, **k: None
_kit.observe = lambda *a, **k: None
"""
)

_CHOSEN = os.environ.get("KATA_ATTACK_KATAS", KATA)
ATTACKED = list(CATALOG.ids) if _CHOSEN == "all" else _CHOSEN.split(",")


def starter_init(kata: str) -> str:
    return (ROOT / "katas" / kata / "inkwell" / "__init__.py").read_text()


def utf7(payload: str) -> str:
    """The payload as one comment line to a UTF-8 reader; as code to Python, which honours the coding line."""
    line = b"+AAo-".join(part.encode("utf-7") for part in payload.splitlines())
    return (b"# coding: utf-7\n# notes " + line + b"\n").decode("ascii")


def compiled(folder: Path, payload: str) -> str | None:
    """Builds `forgec`, an extension module that runs `payload` when imported; None when it cannot."""
    include = Path(sysconfig.get_paths()["include"])
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None or not (include / "Python.h").is_file():
        return None
    source = folder / "forgec.c"
    source.write_text(
        "#define PY_SSIZE_T_CLEAN\n#include <Python.h>\n"
        'static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "forgec", NULL, -1, NULL};\n'
        "PyMODINIT_FUNC PyInit_forgec(void) {\n"
        "    PyObject *module = PyModule_Create(&def);\n"
        f"    if (module != NULL && PyRun_SimpleString({json.dumps(payload)}) != 0) {{ Py_DECREF(module); return NULL; }}\n"
        "    return module;\n}\n"
    )
    target = folder / f"forgec{sysconfig.get_config_var('EXT_SUFFIX')}"
    built = subprocess.run(
        [compiler, "-shared", "-fPIC", f"-I{include}", str(source), "-o", str(target)], capture_output=True
    )
    return target.name if built.returncode == 0 else None


ATTACKS = ["json-dumps", "sys-modules-by-getattr", "utf-7-source", "owns-the-process", "compiled-extension"]


@pytest.fixture(scope="module", params=ATTACKED)
def attacked(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def room(tmp_path_factory, attacked) -> Path:
    room = tmp_path_factory.mktemp("room")
    init = starter_init(attacked)
    begun = submission(room / "begun-starter", base="starter", kata=attacked) / "katas" / attacked / "inkwell"
    (begun / "__init__.py").write_text(init + "\n# begun\n")
    submission(room / "solution", base="solution", kata=attacked)
    lay = {
        "json-dumps": {"forge.py": PLAIN},
        "sys-modules-by-getattr": {"forge.py": HIDDEN},
        "utf-7-source": {"forge.py": utf7(PLAIN)},
        "owns-the-process": {"forge.py": OWNER},
    }
    for name, files in lay.items():
        submission(
            room / name,
            base="starter",
            package={**files, "__init__.py": init + "from . import forge\n"},
            kata=attacked,
        )
    build = tmp_path_factory.mktemp("build")
    built = compiled(build, PLAIN)
    if built is not None:
        package = submission(room / "compiled-extension", base="starter", kata=attacked) / "katas" / attacked
        shutil.copyfile(build / built, package / "inkwell" / built)
        (package / "inkwell" / "__init__.py").write_text(init + "from . import forgec\n")
    return room


def _grade(grading_catalog, room: Path, kata: str, judge: str) -> dict[str, KataGrade]:
    # 00-welcome's tight limits keep the attacks cheap; another kata's whole suite needs roomier ones.
    options = replace(TIGHT, judge=judge) if kata == KATA else roomy(kata, judge)
    with Grader(grading_catalog, options) as grader:
        return {g.name: g.katas[kata] for g in grader.grade(discover([str(room)], [kata]))}


@pytest.fixture(scope="module")
def outside(grading_catalog, room, attacked) -> dict[str, KataGrade]:
    return _grade(grading_catalog, room, attacked, "outside")


@pytest.fixture(scope="module")
def in_process(grading_catalog, room, attacked) -> dict[str, KataGrade]:
    return _grade(grading_catalog, room, attacked, "process")


def _present(grades: dict[str, KataGrade], attack: str) -> KataGrade:
    if attack not in grades:
        pytest.skip("no C compiler or no Python headers here: the extension module could not be built")
    return grades[attack]


def decided(grade: KataGrade) -> float:
    """The points the grader decided itself: the score without its self-reported part."""
    assert grade.self_reported is not None, grade
    return round(grade.score - grade.self_reported, 2)


def test_the_honest_submissions_keep_their_scores_outside(outside):
    assert outside["solution"].score == 100, outside["solution"]
    assert outside["begun-starter"].status == "graded", outside["begun-starter"]


@pytest.mark.parametrize("attack", ATTACKS)
def test_each_attack_forges_points_under_the_in_process_judge(in_process, attack):
    # The attacks are real: the judge that trusts the process's word is fooled, and no canary fires.
    grade = _present(in_process, attack)
    assert grade.score > in_process["begun-starter"].score, f"{attack}: {grade}"


@pytest.mark.parametrize("attack", ATTACKS)
def test_no_attack_earns_a_point_the_grader_decides(outside, attack):
    grade, starter = _present(outside, attack), outside["begun-starter"]
    assert decided(grade) <= decided(starter), (
        f"{attack} earned {decided(grade)} decided points, the honest starter {decided(starter)}: {grade}"
    )
    # Test by test: what the grader decided and the starter fails, the attack fails too.
    failing = {t.id for t in starter.tests if not t.passed}
    forged = [t.id for t in grade.tests if t.passed and t.id in failing and t.id not in grade.self_reported_tests]
    assert not forged, f"{attack} passed tests the grader decides: {forged[:3]}"


@pytest.mark.parametrize("attack", ATTACKS)
def test_no_attack_scores_more_than_the_honest_starter(outside, attack):
    # The graded checks are all value checks: nothing rests on the run's word, so the whole score
    # is the grader's, and whatever the attack forges, it stays at or below the starter's.
    grade, starter = _present(outside, attack), outside["begun-starter"]
    assert not outside["solution"].self_reported_tests, outside["solution"].self_reported_tests
    assert grade.score <= starter.score, f"{attack} scored {grade.score}, the honest starter {starter.score}: {grade}"
