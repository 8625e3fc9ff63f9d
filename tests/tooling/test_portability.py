"""Learners' laptops run Windows too: the `kata` command must import without POSIX-only modules."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import builtins
real = builtins.__import__
def refuse(name, *args, **kwargs):
    if name.split(".")[0] in {"resource", "fcntl", "termios", "tty", "pwd", "grp"}:
        raise ImportError(f"{name} does not exist on Windows")
    return real(name, *args, **kwargs)
builtins.__import__ = refuse
import checker.cli.main
"""


def test_the_kata_command_imports_without_posix_only_modules():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True)
    assert result.returncode == 0, f"importing the CLI needs a POSIX-only module:\n{result.stderr[-2000:]}"
