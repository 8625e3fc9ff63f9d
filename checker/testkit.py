"""Helpers for kata suites: import the learner's code and fail with sentences.

A failure message tells the learner what was done, what was seen and what was expected,
and why it matters. The checker shows that message, never the suite's source.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

from checker.errors import KataError

__all__ = ["LearnerImportError", "expect", "expect_equal", "learner"]


class LearnerImportError(KataError):
    """The learner's module could not be imported; the message says which and why."""


def learner(module: str) -> ModuleType:
    """Import a module of the submission, turning a failure into a sentence for the learner."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as error:
        if error.name and module.startswith(error.name):
            raise LearnerImportError(
                f"The contract needs the module {module}, and it was not found: "
                f"create {module.replace('.', '/')}.py (or a package of that name)."
            ) from None
        raise


def expect(condition: object, *, did: str, saw: str, expected: str, why: str = "") -> None:
    """Fail with a three-part message unless `condition` holds."""
    if condition:
        return
    lines = [did.rstrip("."), f"  saw:      {saw}", f"  expected: {expected}"]
    if why:
        lines.append(why)
    raise AssertionError("\n".join(lines))


def expect_equal(actual: Any, expected: Any, *, did: str, why: str = "") -> None:
    """Fail unless `actual == expected`, showing both with repr."""
    expect(actual == expected, did=did, saw=repr(actual), expected=repr(expected), why=why)
