"""The sandbox holds: a batch of submissions that try to escape their run, graded beside honest ones.

Each attack is written as a hurried adversary would, against the grader as it runs: write where
the reviewer can (another learner's original, the catalog, the virtual environment, the output
folder), read what the reviewer can (the reference solution, through the file system and through
/proc), raise the grader's secrets into its own feedback, leave a process behind that rewrites
results later, and reach the other runs of the batch. After the batch, the test looks at the host
side: nothing written, nothing read, nothing left running, every honest submission graded as alone.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from checker.grading.grader import Grader
from checker.grading.intake import discover
from checker.grading.model import SubmissionGrade
from checker.runner.process import Limits
from tests.grading.conftest import KATA, ROOT, TIGHT, needs_sandbox, submission

pytestmark = [pytest.mark.grades, needs_sandbox]  # grades a batch of hostile submissions in the sandbox

SECRET = "kata-test-secret-7f3a9c"  # put in the grader's environment, as a CI token would be
MARKER = "kata-sandbox-leftover-5d1e"  # in the command line of the process an attack leaves behind

# Every attempt runs at import, so that each of the kata's tests reports what it achieved; what
# it could read is raised as the error message, which the grader would print into feedback.
ESCAPE = r"""
import glob, os, sys, pathlib

ROOT = {root!r}
ORIGINALS = {originals!r}
MARKER = {marker!r}
found = []


def attempt(what, action):
    try:
        result = action()
    except BaseException as error:  # noqa: BLE001
        return
    if result:
        found.append(f"{{what}}: {{str(result)[:200]}}")


def write(path):
    pathlib.Path(path).parent.mkdir(parents=True, exist_ok=True)
    pathlib.Path(path).write_text("escaped")
    return path


attempt("catalog", lambda: write(f"{{ROOT}}/katas/ESCAPED"))
attempt("solutions", lambda: write(f"{{ROOT}}/solutions/{kata}/inkwell/text.py"))
attempt("venv", lambda: write(f"{{sys.prefix}}/lib/python3.11/site-packages/zz-escaped.pth"))
for original in ORIGINALS:
    attempt("another original", lambda o=original: write(f"{{o}}/katas/{kata}/inkwell/text.py"))
HERE = os.getcwd()  # the run's own folder: writing there is allowed
for other in glob.glob("/tmp/kata-batch-*/*/*") + glob.glob("/tmp/kata-batch-*/*/*/results-*.jsonl"):
    if not other.startswith(HERE):
        attempt("another run", lambda o=other: write(f"{{o}}/ESCAPED" if os.path.isdir(o) else o))
attempt("tmp", lambda: write("/tmp/../ESCAPED-tmp"))
attempt("reference", lambda: open(f"{{ROOT}}/solutions/{kata}/inkwell/text.py").read())
attempt("git", lambda: os.listdir(f"{{ROOT}}/.git"))
for pid in ["1", str(os.getppid())] + [p for p in os.listdir("/proc") if p.isdigit()][:50]:
    attempt("environ", lambda p=pid: open(f"/proc/{{p}}/environ").read() if "SECRET" in open(f"/proc/{{p}}/environ").read() else "")
    attempt("proc root", lambda p=pid: open(f"/proc/{{p}}/root{{ROOT}}/solutions/{kata}/inkwell/text.py").read())
    if pid != os.readlink("/proc/self"):  # another process of the sandbox: a sibling run, the worker
        attempt("another run's folder", lambda p=pid: os.listdir(f"/proc/{{p}}/cwd"))
        attempt("another run's mounts", lambda p=pid: os.listdir(f"/proc/{{p}}/root/tmp"))
attempt("own environ", lambda: "SECRET" in open("/proc/self/environ").read() and "secret in own environ")
attempt("env", lambda: os.environ.get("KATA_TEST_SECRET"))


def unmount():
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    for place in ("/tmp", "/proc", f"{{ROOT}}/solutions"):
        if libc.umount2(place.encode(), 2) == 0:
            return f"unmounted {{place}}"
attempt("unmount", unmount)


def linger():
    # A grandchild in a session of its own, that would rewrite results once the batch is over.
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            os.execv(sys.executable, [sys.executable, "-c", f"import time; time.sleep(120)  # {{MARKER}}"])
        os._exit(0)
attempt("linger", linger)

if found:
    raise RuntimeError("ESCAPED " + " | ".join(found))
"""


def _leftovers() -> list[str]:
    """Processes on this machine whose command line carries the attack's marker."""
    left = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                line = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if MARKER in line and "pytest" not in line:
                left.append(f"{entry.name}: {line}")
    return left


@pytest.fixture(scope="module")
def escapes(tmp_path_factory, grading_catalog) -> tuple[dict[str, SubmissionGrade], list[str], list[str]]:
    room = tmp_path_factory.mktemp("room")
    honest = [submission(room / f"honest-{n}", base="solution") for n in range(2)]
    code = ESCAPE.format(root=str(ROOT), originals=[str(h) for h in honest], marker=MARKER, kata=KATA)
    for n in range(2):
        submission(room / f"escape-{n}", package={"__init__.py": code})
    snapshot = {p: p.read_bytes() for h in honest for p in h.rglob("*") if p.is_file()}
    os.environ["KATA_TEST_SECRET"] = SECRET
    try:
        # None of these attacks burns time: limits that an honest run meets on a loaded machine.
        with Grader(grading_catalog, replace(TIGHT, limits=Limits(per_test=10.0, per_run=60.0))) as grader:
            grades = {g.name: g for g in grader.grade(discover([str(room)], [KATA]))}
    finally:
        del os.environ["KATA_TEST_SECRET"]
    time.sleep(0.5)  # give a process that survived the batch the time to show itself
    changed = [str(p) for p, data in snapshot.items() if not p.exists() or p.read_bytes() != data]
    return grades, changed, _leftovers()


def test_no_attack_escapes_its_run(escapes):
    grades, _, _ = escapes
    for name in ("escape-0", "escape-1"):
        kata = grades[name].katas[KATA]
        said = " ".join(t.message for t in kata.tests)
        # The attack ran (each test imported it and failed on the blank package), and got nowhere.
        assert not kata.problems and all(t.outcome == "failed" for t in kata.tests), (kata.problems, said[:500])
        assert "ESCAPED" not in said, f"{name} got out of its sandbox: {said[:1500]}"
        assert kata.score == 0, kata


def test_nothing_outside_a_run_is_written_and_no_secret_leaks(escapes):
    grades, changed, _ = escapes
    assert not (ROOT / "katas" / "ESCAPED").exists()
    assert not list(Path(sys.prefix).glob("lib/python3.11/site-packages/zz-escaped.pth"))
    assert not Path("/ESCAPED-tmp").exists() and not Path("/tmp/ESCAPED-tmp").exists()
    assert changed == [], f"written outside a run: {changed}"
    text = repr([g.to_dict() for g in grades.values()])
    assert SECRET not in text, "the grader's environment reached a gradebook"


def test_no_process_outlives_the_batch(escapes):
    _, _, left = escapes
    assert left == [], f"processes left behind: {left}"


def test_honest_submissions_beside_the_attacks_are_graded_as_alone(escapes):
    grades, _, _ = escapes
    for name in ("honest-0", "honest-1"):
        kata = grades[name].katas[KATA]
        assert kata.score == 100 and kata.status == "graded" and not kata.reasons, kata
