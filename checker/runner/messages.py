"""Turns an exception raised during a check into a message for the learner.

Assertion messages are the suite's sentences and are shown as they are. Any other exception is
shown with its type, its text and the line of the learner's own code where it happened; frames
of the suite, pytest or libraries are never shown.
"""

from __future__ import annotations

import linecache
import traceback
from pathlib import Path

from checker.testkit import LearnerImportError

_MAX = 2000


def describe_failure(error: BaseException, root: str | None) -> str:
    if isinstance(error, (AssertionError, LearnerImportError)) or _is_pytest_outcome(error):
        text = str(error).strip() or "A check failed without a message (a defect of the suite)."
        return _cap(text)
    if isinstance(error, SyntaxError) and error.filename and root and _inside(error.filename, root):
        where = f"{_relative(error.filename, root)}, line {error.lineno}"
        return _cap(f"Your code does not compile: {where}: {error.msg}.\n    {(error.text or '').strip()}")
    summary = f"{type(error).__name__}: {error}".rstrip(": ")
    frame = _learner_frame(error, root)
    if frame is None:
        return _cap(f"The check stopped on {summary}")
    return _cap(f"Your code raised {summary}\n  at {frame}")


def _is_pytest_outcome(error: BaseException) -> bool:
    return type(error).__module__.startswith("_pytest")


def _learner_frame(error: BaseException, root: str | None) -> str | None:
    if root is None:
        return None
    found = None
    for frame in traceback.extract_tb(error.__traceback__):
        if _inside(frame.filename, root):
            found = frame
    if found is None:
        return None
    line = (found.line or linecache.getline(found.filename, found.lineno or 0)).strip()
    return f"{_relative(found.filename, root)}:{found.lineno} in {found.name}()\n    {line}"


def _inside(filename: str, root: str) -> bool:
    try:
        Path(filename).resolve().relative_to(root)
    except ValueError:
        return False
    return True


def _relative(filename: str, root: str) -> str:
    return Path(filename).resolve().relative_to(root).as_posix()


def _cap(text: str) -> str:
    return text if len(text) <= _MAX else text[: _MAX - 20] + "\n  ... (cut)"
