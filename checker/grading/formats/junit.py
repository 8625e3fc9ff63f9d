"""JUnit XML: a test suite per kata, a test case per test, failures with the learner's message."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from checker.grading.model import SubmissionGrade
from checker.inert import plain


def junit_xml(grade: SubmissionGrade) -> str:
    root = ET.Element("testsuites", name=plain(grade.label))
    for kata in grade.katas.values():
        failures = sum(1 for t in kata.tests if t.outcome == "failed")
        errors = sum(1 for t in kata.tests if t.outcome in ("timeout", "not-run"))
        suite = ET.SubElement(
            root,
            "testsuite",
            name=kata.kata,
            tests=str(len(kata.tests)),
            failures=str(failures),
            errors=str(errors),
            time=f"{kata.seconds:.3f}",
        )
        if kata.reasons or not kata.tests:
            case = ET.SubElement(suite, "testcase", classname=kata.kata, name="integrity")
            if kata.reasons or kata.status != "graded":
                reason = "; ".join(kata.reasons) or kata.status
                ET.SubElement(case, "error", message=plain(reason)[:500]).text = plain(reason)
        for test in kata.tests:
            case = ET.SubElement(
                suite,
                "testcase",
                classname=f"{kata.kata}.task{test.task}",
                name=plain(test.title),
                time=f"{test.seconds:.3f}",
            )
            if test.outcome == "failed":
                ET.SubElement(case, "failure", message=plain(test.message.split("\n")[0])[:500]).text = plain(
                    test.message
                )
            elif test.outcome in ("timeout", "not-run"):
                ET.SubElement(case, "error", message=test.outcome).text = plain(test.message)
            elif test.outcome == "skipped":
                ET.SubElement(case, "skipped", message=plain(test.message)[:500])
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
