"""The bars every kata must clear (the kata handbook, shared/KATAS.md), proven for every kata in the catalog."""

from __future__ import annotations

import pytest

from tests.conftest import CATALOG

KATAS = [kata.id for kata in CATALOG.katas]


def _failures(report, task):
    return "\n".join(t.message for t in report.tests if t.task == task and not t.passed)


@pytest.mark.grades  # checks the whole kata (its solution or its starter) through the checker
@pytest.mark.parametrize("kata_id", KATAS)
def test_the_solution_scores_100_on_public_and_hidden_suites(kata_id, checked):
    report = checked(kata_id, "solution")
    failing = [f"{t.id}: {t.message}" for t in report.tests if not t.passed]
    assert report.hidden_suite, f"{kata_id} has no hidden suite in solutions/{kata_id}/hidden/"
    assert report.score == 100 and not report.problems, (
        f"the solution of {kata_id} scored {report.score}; problems: {report.problems}; failing: {failing}"
    )


@pytest.mark.grades  # checks the whole kata (its solution or its starter) through the checker
@pytest.mark.parametrize("kata_id", KATAS)
def test_the_points_of_the_tests_add_up_to_each_task(kata_id, checked):
    report = checked(kata_id, "solution")
    kata = CATALOG.get(kata_id)
    for task in kata.tasks:
        points = sum(t.points for t in report.tests if t.task == task.number)
        assert points == task.points, (
            f"{kata_id} task {task.number}: its tests carry {points:g} points; kata.toml says {task.points}"
        )
    assert {t.task for t in report.tests} <= {t.number for t in kata.tasks}, "a test names an unknown task"


@pytest.mark.grades  # checks the whole kata (its solution or its starter) through the checker
@pytest.mark.parametrize("kata_id", KATAS)
def test_the_starter_fails_the_tasks_it_teaches_for_the_taught_reason(kata_id, checked):
    report = checked(kata_id, "starter")
    kata = CATALOG.get(kata_id)
    assert report.score < 100, f"the starter of {kata_id} already scores {report.score}"
    assert not report.problems, f"the starter of {kata_id} did not run cleanly: {report.problems}"
    for task, score in zip(kata.tasks, report.tasks, strict=True):
        if task.starter_fails:
            assert not score.passed, f"{kata_id}: the starter passes task {task.number}, which it should fail"
            assert task.starter_says in _failures(report, task.number), (
                f"{kata_id} task {task.number}: the starter fails, but no failure message says "
                f"{task.starter_says!r}:\n{_failures(report, task.number)}"
            )
        else:
            assert score.passed, (
                f"{kata_id}: the starter should pass task {task.number}: {_failures(report, task.number)}"
            )


@pytest.mark.parametrize("kata_id", KATAS)
def test_the_starter_marks_every_place_to_change(kata_id):
    kata = CATALOG.get(kata_id)
    sources = [p for p in kata.starter.rglob("*.py") if "TODO(kata):" in p.read_text(encoding="utf-8")]
    assert sources, f"{kata_id}: no starter file carries a '# TODO(kata):' comment"
    todos = sum(p.read_text(encoding="utf-8").count("TODO(kata):") for p in sources)
    assert todos >= len(kata.tasks) - sum(1 for t in kata.tasks if not t.starter_fails), (
        f"{kata_id}: {todos} TODO(kata) markers for {len(kata.tasks)} tasks"
    )


@pytest.mark.parametrize("kata_id", KATAS)
def test_the_solution_keeps_no_todo_markers(kata_id):
    kata = CATALOG.get(kata_id)
    left = [
        p.name
        for p in (kata.solution_folder / kata.package).rglob("*.py")
        if "TODO(kata)" in p.read_text(encoding="utf-8")
    ]
    assert not left, f"{kata_id}: the solution still has TODO(kata) markers in {left}"


@pytest.mark.parametrize("kata_id", KATAS)
def test_every_kata_has_its_readme_notebook_and_docs_page(kata_id):
    kata = CATALOG.get(kata_id)
    missing = [
        str(p.relative_to(kata.root))
        for p in (kata.folder / "README.md", kata.notebook, kata.root / "docs" / "katas" / f"{kata_id}.md")
        if not p.is_file()
    ]
    assert not missing, f"{kata_id} is missing {missing}"
    readme = (kata.folder / "README.md").read_text(encoding="utf-8")
    for task in kata.tasks:
        assert task.title in readme, f"{kata_id}: README.md does not name task {task.number}, {task.title!r}"
