"""The published shapes of the result files, as the tools that read them define them.

- Exercism: the test-runner interface (exercism/docs, building/tooling/test-runners/interface.md),
  versions 2 and 3: one `results.json` per exercise.
- Gradescope: the autograder specification (gradescope/autograder_samples, docs/specs.md).
- JUnit XML: the shape Jenkins' junit plugin and GitLab read (the Ant/Jenkins junit XSD):
  testsuites > testsuite > testcase, with failure, error or skipped inside a case, and counts that
  match the cases.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import jsonschema

_STATUS = {"enum": ["pass", "fail", "error"]}

EXERCISM = {
    "type": "object",
    "required": ["version", "status", "tests"],
    "properties": {
        "version": {"enum": [2, 3]},
        "status": _STATUS,
        "message": {"type": ["string", "null"]},
        "tests": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "status"],
                "additionalProperties": False,
                "properties": {
                    "name": {"type": "string", "minLength": 1},
                    "status": _STATUS,
                    "message": {"type": ["string", "null"]},
                    "output": {"type": ["string", "null"], "maxLength": 500},
                    "test_code": {"type": "string"},
                    "task_id": {"type": "integer", "minimum": 1},
                },
            },
        },
    },
    # `message` is required where status is error; task_id exists only from version 3.
    "allOf": [
        {"if": {"properties": {"status": {"const": "error"}}}, "then": {"required": ["message"]}},
        {
            "if": {"properties": {"version": {"const": 2}}},
            "then": {"properties": {"tests": {"items": {"not": {"required": ["task_id"]}}}}},
        },
    ],
}

_VISIBILITY = {"enum": ["hidden", "after_due_date", "after_published", "visible"]}
_FORMAT = {"enum": ["text", "html", "simple_format", "md", "ansi"]}

GRADESCOPE = {
    "type": "object",
    "additionalProperties": False,
    "anyOf": [{"required": ["score"]}, {"required": ["tests"]}],
    "properties": {
        "score": {"type": "number"},
        "max_score": {"type": "number"},
        "execution_time": {"type": "number"},
        "output": {"type": "string"},
        "output_format": _FORMAT,
        "test_output_format": _FORMAT,
        "test_name_format": _FORMAT,
        "visibility": _VISIBILITY,
        "stdout_visibility": _VISIBILITY,
        "extra_data": {"type": "object"},
        "leaderboard": {"type": "array"},
        "tests": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "score": {"type": "number"},
                    "max_score": {"type": "number"},
                    "status": {"enum": ["passed", "failed"]},
                    "name": {"type": "string"},
                    "name_format": _FORMAT,
                    "number": {"type": "string"},
                    "output": {"type": "string"},
                    "output_format": _FORMAT,
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "visibility": _VISIBILITY,
                    "extra_data": {"type": "object"},
                },
            },
        },
    },
}


def exercism_problems(data: dict[str, Any]) -> list[str]:
    problems = [error.message for error in jsonschema.Draft202012Validator(EXERCISM).iter_errors(data)]
    statuses = {t["status"] for t in data.get("tests", [])}
    expected = "pass" if statuses == {"pass"} else "fail" if statuses else "error"
    if data.get("status") != "error" and data.get("status") != expected:
        problems.append(f"status {data.get('status')!r} but the tests say {expected!r}")
    if data.get("status") == "error" and data.get("tests"):
        problems.append("status error, yet tests are listed: Exercism would hide them")
    return problems


def gradescope_problems(data: dict[str, Any]) -> list[str]:
    problems = [error.message for error in jsonschema.Draft202012Validator(GRADESCOPE).iter_errors(data)]
    tests = data.get("tests", [])
    for field in ("score", "max_score"):
        summed = round(sum(t.get(field, 0) for t in tests), 2)
        if field in data and tests and round(data[field], 2) != summed:
            problems.append(f"{field} is {data[field]} but the tests add up to {summed}")
    problems += [f"{t['name']}: score over max_score" for t in tests if t.get("score", 0) > t.get("max_score", 1e9)]
    return problems


_CASE_CHILDREN = {"failure", "error", "skipped", "system-out", "system-err"}
# The attributes Jenkins' junit-10.xsd allows on each element.
_ATTRIBUTES = {
    "testsuites": {"name", "time", "tests", "failures", "disabled", "errors"},
    "testsuite": {
        "name",
        "tests",
        "failures",
        "errors",
        "group",
        "time",
        "disabled",
        "skipped",
        "timestamp",
        "hostname",
        "id",
        "package",
        "file",
        "log",
        "url",
        "version",
    },
    "testcase": {"name", "assertions", "time", "classname", "status", "class", "file", "line", "log", "group", "url"},
    "failure": {"message", "type"},
    "error": {"message", "type"},
    "skipped": {"message"},
}
_SUITE_COUNTS = {"failures": "failure", "errors": "error", "skipped": "skipped"}


def junit_problems(text: str) -> list[str]:
    root = ET.fromstring(text)
    problems = [] if root.tag == "testsuites" else [f"the root is <{root.tag}>, not <testsuites>"]
    for suite in root.findall("testsuite"):
        where = f"testsuite {suite.get('name')!r}"
        problems += [f"{where} has no {a}" for a in ("name", "tests") if suite.get(a) is None]
        cases = suite.findall("testcase")
        problems += [
            f"{where}: <{c.tag}> where only testcase, properties or system-out/err may be"
            for c in suite
            if c.tag not in ("testcase", "properties", "system-out", "system-err")
        ]
        problems += _counts(where, suite, cases)
        for case in cases:
            problems += [f"{where}: a testcase has no {a}" for a in ("name", "classname") if not case.get(a)]
            problems += [f"{where}: <{c.tag}> inside a testcase" for c in case if c.tag not in _CASE_CHILDREN]
            if len([c for c in case if c.tag in ("failure", "error", "skipped")]) > 1:
                problems.append(f"{where}: a testcase is at once failed, errored or skipped")
            problems += _time(where, case)
        problems += _time(where, suite)
    for element in root.iter():
        extra = set(element.attrib) - _ATTRIBUTES.get(element.tag, set(element.attrib))
        problems += [f"<{element.tag}> has {name}=, which the schema does not allow" for name in sorted(extra)]
    return problems + _counts("testsuites", root, root.findall("testsuite/testcase"))


def _counts(where: str, element: ET.Element, cases: list[ET.Element]) -> list[str]:
    found = (
        []
        if element.get("tests") in (None, str(len(cases)))
        else [f"{where} says tests={element.get('tests')} but holds {len(cases)} testcase(s)"]
    )
    for attribute, child in _SUITE_COUNTS.items():
        held = sum(1 for case in cases if case.find(child) is not None)
        if element.get(attribute) not in (None, str(held)):
            found.append(f"{where} says {attribute}={element.get(attribute)} but {held} case(s) hold <{child}>")
    return found


def _time(where: str, element: ET.Element) -> list[str]:
    value = element.get("time")
    try:
        ok = value is None or float(value) >= 0
    except ValueError:
        ok = False
    return [] if ok else [f"{where}: time={value!r} is not a number of seconds"]
