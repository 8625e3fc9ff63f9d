"""JUnit XML as Jenkins and GitLab read it: a test suite per kata, a test case per test, failures
with the learner's message. Every count is taken from the cases written, so they always agree."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from checker.grading.model import KataGrade, SubmissionGrade
from checker.inert import plain

_COUNTED = {"failure": "failures", "error": "errors", "skipped": "skipped"}


def junit_xml(grade: SubmissionGrade) -> str:
    root = ET.Element("testsuites", name=plain(grade.label))
    for kata in grade.katas.values():
        root.append(_suite(kata))
    _count(root, root.findall("testsuite/testcase"))
    del root.attrib["skipped"]  # the schema Jenkins reads has no skipped count on <testsuites>
    root.set("time", f"{sum(float(s.get('time', '0')) for s in root.findall('testsuite')):.3f}")
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(kata: KataGrade) -> ET.Element:
    suite = ET.Element("testsuite", name=kata.kata, time=f"{kata.seconds:.3f}")
    if not kata.attempted:
        case = ET.SubElement(suite, "testcase", classname=kata.kata, name="not attempted", time="0.000")
        ET.SubElement(case, "skipped", message=plain("; ".join(kata.reasons) or "not attempted")[:500])
    elif kata.reasons or kata.status != "graded":
        case = ET.SubElement(suite, "testcase", classname=kata.kata, name="integrity", time="0.000")
        reason = plain("; ".join(kata.reasons) or kata.status)
        ET.SubElement(case, "error", message=reason[:500], type=kata.status).text = reason
    for test in kata.tests:
        case = ET.SubElement(
            suite,
            "testcase",
            classname=f"{kata.kata}.task{test.task}",
            name=plain(test.title),
            time=f"{test.seconds:.3f}",
        )
        if test.outcome == "failed":
            first = plain(test.message.split("\n")[0])[:500]
            ET.SubElement(case, "failure", message=first, type="AssertionError").text = plain(test.message)
        elif test.outcome in ("timeout", "not-run"):
            ET.SubElement(case, "error", message=test.outcome, type=test.outcome).text = plain(test.message)
        elif test.outcome == "skipped":
            ET.SubElement(case, "skipped", message=plain(test.message)[:500])
    _count(suite, suite.findall("testcase"))
    return suite


def _count(element: ET.Element, cases: list[ET.Element]) -> None:
    element.set("tests", str(len(cases)))
    for child, attribute in _COUNTED.items():
        element.set(attribute, str(sum(1 for case in cases if case.find(child) is not None)))
