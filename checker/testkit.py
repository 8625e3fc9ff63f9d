"""Helpers for kata suites: import the learner's code and fail with sentences.

A failure message tells the learner what was done, what was seen and what was expected,
and why it matters. The checker shows that message, never the suite's source.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable
from types import ModuleType
from typing import Any, NoReturn

from checker.errors import KataError

__all__ = [
    "LearnerImportError",
    "canonical",
    "declare_self",
    "expect",
    "expect_equal",
    "fault",
    "learner",
    "observe",
    "outcome",
]

Channel = Callable[[str, "str | bool | None"], None]  # (kind, value): "value" with a canonical text, or "self"
_channel: Channel | None = None  # set by the check plugin in observe mode (`kata grade --judge outside`) only
_LONGEST = 4000  # canonical texts longer than this travel as a digest


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
    if _channel is not None:
        _channel("self", bool(condition))  # decided in this process: the grader counts it as self-reported
    if condition:
        return
    lines = [did.rstrip("."), f"  saw:      {saw}", f"  expected: {expected}"]
    if why:
        lines.append(why)
    raise AssertionError("\n".join(lines))


def expect_equal(
    actual: Any,
    expected: Any,
    *,
    did: str,
    why: str = "",
    saw: str | None = None,
    expected_text: str | None = None,
) -> None:
    """Fail unless `actual == expected`, showing both with repr, or as `saw` and `expected_text`
    say when given: a check over many observations (every cell of a matrix) can then name the
    few that are wrong, and is still a value check that the outside judge decides."""
    expect(
        actual == expected,
        did=did,
        saw=repr(actual) if saw is None else saw,
        expected=repr(expected) if expected_text is None else expected_text,
        why=why,
    )


def outcome(call: Callable[[], Any], refusal: type[BaseException]) -> Any:
    """What `call` did, as one value a check can compare: its result, or `"raised <refusal's name>"`
    when it raised `refusal` (or a subclass). Any other exception goes up as it is.

    A refusal written as a value check, `expect_equal(outcome(..., ValueError), "raised ValueError")`,
    is one the outside judge decides; a `try` around a check leaves it to the run.
    """
    try:
        return call()
    except refusal:
        return f"raised {refusal.__name__}"


def fault(error: BaseException) -> NoReturn:
    """Raise `error` where the raise is no verdict: a fault the suite injects into the code under
    test (a port that breaks, a database that fails a statement), or the submission's own failure
    passed on (an app that did not start). The outside judge counts a `raise` written in a suite as
    a check decided in the run; one made through here leaves the test to its value checks."""
    raise error


def observing(channel: Channel | None) -> None:
    """Observe mode: checks send what they saw to `channel` instead of (or besides) deciding."""
    global _channel  # noqa: PLW0603  (one run, one channel, set once by the plugin)
    _channel = channel


def observe(actual: Any, *_: object, **__: object) -> None:
    """A check whose expected value the grader holds: send `actual`, decide nothing.

    Only the grader's copies of the suites call this (their `expect_equal` calls are rewritten to
    it, the expected value removed); the grader compares the observation with the reference's.
    """
    if _channel is None:
        raise AssertionError("observe() runs only under the grader's outside judge (kata grade --judge outside)")
    _channel("value", canonical(actual))


def declare_self() -> None:
    """Placed by the grader's rewrite at the top of a function holding a check it cannot decide itself."""
    if _channel is not None:
        _channel("self", None)


def canonical(value: Any) -> str:
    """One text per value, equal for values that compare equal (1 and 1.0, dict orders, set orders)."""
    text = _canonical(value, 0)
    if len(text) <= _LONGEST:
        return text
    return f"sha256:{hashlib.sha256(text.encode('utf-8', 'backslashreplace')).hexdigest()} {text[:200]}"


def _canonical(value: Any, depth: int) -> str:
    if depth > 30:
        return "<deeper than 30 levels>"
    if isinstance(value, float) and value.is_integer():
        return repr(int(value))
    if value is None or isinstance(value, (bool, int, float, str, bytes)):
        return repr(value)
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return "(" + ", ".join(_canonical(v, depth + 1) for v in value) + ",)"
    if isinstance(value, list):
        return "[" + ", ".join(_canonical(v, depth + 1) for v in value) + "]"
    if isinstance(value, dict):
        items = sorted(f"{_canonical(k, depth + 1)}: {_canonical(v, depth + 1)}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    if isinstance(value, (set, frozenset)):
        return "set{" + ", ".join(sorted(_canonical(v, depth + 1) for v in value)) + "}"
    if (
        getattr(type(value), "__repr__", None) is object.__repr__
    ):  # the default repr shows an address: show the state instead
        state = getattr(value, "__dict__", None)
        name = type(value).__qualname__
        return f"{name}({_canonical(state, depth + 1)})" if isinstance(state, dict) else name
    return repr(value)
