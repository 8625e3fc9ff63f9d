import shutil
import subprocess
import sys
import time
from pathlib import Path


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
    kata = Path(sys.executable).parent / "kata"
    process = subprocess.Popen(
        [str(kata), "watch", "00-welcome"],
        cwd=sandbox,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin", "HOME": str(sandbox)},
    )
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
