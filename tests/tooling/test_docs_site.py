"""The docs site builds strictly, and its map follows the catalog: every kata listed and in the
navigation with its notebook, links forward and back, and nothing published that is not a page."""

from __future__ import annotations

import importlib.util
import re

import pytest

from tests.conftest import CATALOG, ROOT


def _hook():
    spec = importlib.util.spec_from_file_location("catalog_hook", ROOT / "docs" / "hooks" / "catalog.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


HOOK = _hook()
DOCUMENTED = [k for k in CATALOG.katas if (ROOT / "docs" / "katas" / f"{k.id}.md").is_file()]


def test_every_kata_of_the_catalog_with_a_page_is_documented():
    assert [k.id for k in HOOK.katas()] == [k.id for k in DOCUMENTED]
    assert DOCUMENTED, "no kata has a docs page"


def test_the_navigation_puts_each_notebook_under_its_kata_and_names_nothing_twice():
    config = {"nav": [{"Home": "index.md"}, {"Katas": "katas/index.md"}, {"Command reference": "cli.md"}]}
    katas = HOOK.on_config(config)["nav"][1]["Katas"]
    assert katas[0] == "katas/index.md"
    sections = {next(iter(entry)): next(iter(entry.values())) for entry in katas[1:]}
    for kata in DOCUMENTED:
        pages = sections[f"{kata.id[:2]} · {kata.title}"]
        assert {"The kata": f"katas/{kata.id}.md"} in pages
        if kata.notebook.is_file():
            assert {"Worked notebook": f"notebooks/{kata.id}.ipynb"} in pages
    assert not any("Notebooks" in entry for entry in config["nav"] if isinstance(entry, dict))


def test_the_katas_index_lists_every_kata_with_its_summary_time_and_notebook():
    listing = HOOK.kata_list(DOCUMENTED)
    for kata in DOCUMENTED:
        assert f"]({kata.id}.md)" in listing and kata.summary.strip() in listing
        assert f"About {kata.minutes} minutes" in listing
        assert (f"(../notebooks/{kata.id}.ipynb)" in listing) == kata.notebook.is_file()


def test_each_kata_page_links_to_the_kata_before_and_after_it():
    first, middle = HOOK.neighbours(DOCUMENTED, 0), HOOK.neighbours(DOCUMENTED, 1)
    assert "Previous" not in first and f"Next: [{DOCUMENTED[1].id[:2]}" in first
    assert f"({DOCUMENTED[0].id}.md)" in middle and f"({DOCUMENTED[2].id}.md)" in middle


def test_the_home_page_sends_each_reader_to_their_own_guide():
    home = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    rows = {row.split("|")[1].strip(): row for row in home.splitlines() if row.startswith("| a ")}
    assert "(facilitators.md)" in rows["a facilitator running a workshop"]
    assert "(reviewers.md)" in rows["a reviewer grading submissions"]


def test_getting_started_says_how_to_get_the_code():
    text = (ROOT / "docs" / "getting-started.md").read_text(encoding="utf-8")
    assert re.search(r"^## Get the code", text, re.M) and "git clone" in text and "kata release" in text


@pytest.mark.builds  # builds the docs site with mkdocs
def test_the_docs_site_builds_with_a_page_and_a_notebook_per_kata_and_no_hook_source(built_site):
    for kata in DOCUMENTED:
        page = built_site / "katas" / kata.id / "index.html"
        assert page.is_file(), f"no page was built for {kata.id}"
        if kata.notebook.is_file():
            notebook = built_site / "notebooks" / kata.id / "index.html"
            assert notebook.is_file(), f"the notebook of {kata.id} was not rendered"
            assert f'href="../../katas/{kata.id}/"' in notebook.read_text(encoding="utf-8"), "no way back"
    assert not list(built_site.rglob("*.py")), "Python sources were published with the site"


def _reference() -> tuple[str, list[str], list]:
    from checker.cli.main import app
    from checker.cli.reference import commands, merge

    found = commands(app)
    merged, problems = merge((ROOT / "docs" / "cli.md").read_text(encoding="utf-8"), found)
    return merged, problems, found


def test_the_command_reference_has_every_command_with_its_usage_and_options():
    merged, problems, found = _reference()
    assert not problems, problems
    paths = [command.path for command in found]
    assert {"kata grade", "kata export gradescope", "kata check"} <= set(paths), paths
    for command in found:
        assert f"## `{command.path}`" in merged and f"uv run {command.usage}\n" in merged, command.path
        for parameter in command.parameters:
            assert f"| `{parameter.usage}` |" in merged, f"{command.path}: {parameter.usage}"


def test_the_command_reference_refuses_a_command_or_an_option_the_app_lacks():
    from checker.cli.reference import merge

    _, _, found = _reference()
    page = "# Reference\n\n## `kata frobnicate`\n\nGone.\n\n## `kata grade PATHS [--colour]`\n\nGrades.\n"
    _, problems = merge(page, found)
    assert problems == [
        "docs/cli.md documents `kata frobnicate`, but the app has no such command",
        "docs/cli.md names --colour for `kata grade`, which has no such option",
    ]
