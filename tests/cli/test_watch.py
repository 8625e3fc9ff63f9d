import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.processes  # starts `kata watch` and waits on what it prints after each save


def _watch(sandbox):
    """`kata watch 00-welcome` in the sandbox, as a learner starts it, with its output piped."""
    kata = Path(sys.executable).parent / "kata"
    return subprocess.Popen(
        [str(kata), "watch", "00-welcome"],
        cwd=sandbox,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin", "HOME": str(sandbox)},
    )


def _wait_for(process, text, seconds):
    seen = ""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        seen += line
        if text in seen:
            return seen
    raise AssertionError(f"{text!r} did not appear within {seconds} s; output so far:\n{seen}")


def test_watch_rechecks_on_save_and_moves_on_when_the_kata_passes(sandbox):
    process = _watch(sandbox)
    try:
        _wait_for(process, "watching katas/00-welcome/", 60)
        work = sandbox / "katas" / "00-welcome" / "inkwell"
        for name in ("text.py", "app.py"):
            shutil.copyfile(sandbox / "solutions" / "00-welcome" / "inkwell" / name, work / name)
        seen = _wait_for(process, "That was the last kata.", 60)
        assert "00-welcome: All 4 tasks pass." in seen and "100/100" in seen
    finally:
        process.kill()
        process.wait()


class _Output:
    """Everything a process prints, collected by a thread, so a test can also wait for silence."""

    def __init__(self, process):
        import threading

        self.text = ""
        threading.Thread(target=self._read, args=(process,), daemon=True).start()

    def _read(self, process):
        for line in process.stdout:
            self.text += line

    def wait_for(self, text, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if text in self.text:
                return
            time.sleep(0.1)
        raise AssertionError(f"{text!r} did not appear within {seconds} s; output so far:\n{self.text}")


def test_watch_stays_on_the_kata_asked_for_and_ignores_other_katas_saves(sandbox):
    from tests.conftest import ROOT

    shutil.copytree(ROOT / "katas" / "01-layering", sandbox / "katas" / "01-layering")
    work = sandbox / "katas" / "00-welcome" / "inkwell"
    for name in ("text.py", "app.py"):
        shutil.copyfile(sandbox / "solutions" / "00-welcome" / "inkwell" / name, work / name)
    process = _watch(sandbox)
    out = _Output(process)
    try:
        out.wait_for("watching katas/00-welcome/", 60)
        assert "All 4 tasks pass." in out.text and "watch 01-layering" in out.text, out.text
        assert "Next: 01-layering ·" not in out.text, "watch jumped away from the kata it was asked for"
        checks = out.text.count("checking 00-welcome")
        (sandbox / "katas" / "01-layering" / "inkwell" / "scratch.py").write_text("x = 1\n")
        time.sleep(3)
        assert out.text.count("checking 00-welcome") == checks, "a save in another kata re-checked this one"
    finally:
        process.kill()
        process.wait()


def test_a_new_save_stops_a_check_stuck_in_an_endless_loop(sandbox):
    work = sandbox / "katas" / "00-welcome" / "inkwell"
    original = (work / "text.py").read_text()
    (work / "text.py").write_text(
        original.replace(
            "def slugify(title: str) -> str:\n", "def slugify(title: str) -> str:\n    while True:\n        pass\n", 1
        )
    )
    process = _watch(sandbox)
    out = _Output(process)
    try:
        out.wait_for("checking 00-welcome", 60)
        time.sleep(2)  # the check is now inside the endless loop, with 20 s before its limit
        started = time.monotonic()
        (work / "text.py").write_text(original)
        out.wait_for("watching katas/00-welcome/", 30)
        assert time.monotonic() - started < 15, "the stuck check was waited out instead of stopped"
        assert out.text.count("checking 00-welcome") >= 2, out.text
    finally:
        process.kill()
        process.wait()
