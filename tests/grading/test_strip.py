"""The grader's rewrite of a suite for the outside judge: expected values out, observations in."""

from __future__ import annotations

import textwrap

import pytest
from typer.testing import CliRunner

from checker import testkit
from checker.cli.main import app
from checker.grading.strip import WITHHELD, strip_source

SUITE = textwrap.dedent(
    '''
    """A suite."""

    from __future__ import annotations

    import pytest
    from checker.testkit import expect, expect_equal


    def test_values(text):
        """Slugs, compared by the grader."""
        expect_equal(text.slugify("A b"), "a-b", did="Called slugify", why="secret-why")
        expect(text.count() == 3, did="Counted", saw="x", expected="three")
        assert text.ok() == [1, 2]


    def test_conditions(text):
        expect(text.valid(), did="Validated", saw="no", expected="the secret rule")
        with pytest.raises(ValueError):
            text.slugify("")


    def _helper(text, slug, *also):
        got = text.slugify("x")
        if got in also:
            return
        expect_equal(got, slug, did="d")


    def test_guarded(text):
        if text.ready():
            expect_equal(text.slugify("y"), "guarded-secret", did="d")
    '''
)


def test_expected_values_leave_the_suite_and_observations_take_their_place():
    stripped, sites = strip_source(SUITE, "suite.py")
    for secret in ('"a-b"', "secret-why", "== 3", "[1, 2]", "the secret rule"):
        assert secret not in stripped, f"{secret} is still in the stripped suite:\n{stripped}"
    assert "_kata_observe(text.slugify('A b'))" in stripped
    assert "_kata_observe(text.count())" in stripped
    assert "_kata_observe(text.ok())" in stripped
    assert WITHHELD in stripped
    # The docstring stays first (it is the test's title); the import follows the __future__ one.
    lines = stripped.splitlines()
    assert lines[0] == '"""A suite."""' and "from checker.testkit import declare_self" in lines[2]
    assert '"""Slugs, compared by the grader."""\n    expect' not in stripped
    assert sites.outside == 3, sites
    # expect(valid), pytest.raises; the early return and the value check it may skip; the guarded
    # value check. The last two stay as written: the run decides them, so they keep their values.
    assert sites.self_reported == 5 == len(sites.where), sites.where
    assert "expect_equal(got, slug, did='d')" in stripped and "'guarded-secret'" in stripped


def test_functions_that_hold_a_self_reported_check_announce_it():
    stripped, _ = strip_source(SUITE, "suite.py")
    namespace: dict[str, object] = {}
    sent: list[tuple[str, object]] = []
    testkit.observing(lambda kind, value: sent.append((kind, value)))
    try:
        exec(compile(stripped, "suite.py", "exec"), namespace)

        class Text:
            def slugify(self, title: str) -> str:
                if not title:
                    raise ValueError(title)
                return title.lower().replace(" ", "-")

            def count(self) -> float:
                return 3.0

            def ok(self) -> list[int]:
                return [1, 2]

            def valid(self) -> bool:
                return True

        namespace["test_values"](Text())  # type: ignore[operator]
        assert sent == [("value", "'a-b'"), ("value", "3"), ("value", "[1, 2]")], sent
        sent.clear()
        namespace["test_conditions"](Text())  # type: ignore[operator]
        assert sent == [("self", None), ("self", True)], sent
    finally:
        testkit.observing(None)


def test_canonical_text_is_equal_for_values_that_compare_equal():
    assert testkit.canonical({"b": 1.0, "a": {2, 1}}) == testkit.canonical({"a": {1, 2}, "b": 1})
    assert testkit.canonical((1, 2)) != testkit.canonical([1, 2])
    assert testkit.canonical(True) != testkit.canonical(1)
    assert testkit.canonical("x" * 10_000).startswith("sha256:")


def test_kata_grade_refuses_an_unknown_judge_in_one_line(tmp_path):
    result = CliRunner().invoke(app, ["grade", str(tmp_path), "--judge", "inside", "--out", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert "--judge inside is not a judge: write --judge process or --judge outside." in result.output
    assert "Traceback" not in result.output and not (tmp_path / "out").exists()


def test_a_raise_that_re_reports_a_failure_is_no_check_and_any_other_raise_is():
    scene = textwrap.dedent(
        """
        def _call(make):
            try:
                return make()
            except Exception as error:
                raise AssertionError(f"setting up failed: {error}") from None


        def _inject():
            raise OSError("a fault the suite plants")
        """
    )
    stripped, sites = strip_source(scene, "scene.py")
    assert sites.self_reported == 1 and sites.where == ["scene.py:10"], sites
    assert stripped.count("_kata_declare_self()") == 1 and "def _inject():\n    _kata_declare_self()" in stripped


def test_a_fault_injected_through_the_testkit_is_no_check():
    scene = textwrap.dedent(
        """
        from checker.testkit import expect_equal, fault


        class Broken:
            def __getattr__(self, name):
                def fail(*args):
                    fault(RuntimeError("the store is down"))

                return fail


        def test_the_bug_reaches_the_edge(app):
            expect_equal(app.answer(Broken()).status_code, 500, did="Broke the store")
        """
    )
    stripped, sites = strip_source(scene, "scene.py")
    assert (sites.outside, sites.self_reported) == (1, 0), sites
    assert "_kata_declare_self()" not in stripped and "_kata_observe(app.answer(Broken()).status_code)" in stripped
    error = RuntimeError("planted")
    with pytest.raises(RuntimeError) as raised:
        testkit.fault(error)
    assert raised.value is error
