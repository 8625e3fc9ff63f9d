"""Bad metadata gives an error naming the file, the field and what is expected."""

from __future__ import annotations

import shutil

import pytest

from checker.catalog import CatalogError, load_catalog
from checker.catalog.loader import UnknownKata
from tests.conftest import ROOT


@pytest.fixture
def project(tmp_path):
    shutil.copytree(
        ROOT / "katas" / "00-welcome", tmp_path / "katas" / "00-welcome", ignore=shutil.ignore_patterns("__pycache__")
    )
    return tmp_path


def _edit(project, old, new):
    path = project / "katas" / "00-welcome" / "kata.toml"
    text = path.read_text()
    assert old in text, f"{old!r} is not in kata.toml"
    path.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ("points = 25", "points = 30", "field 'tasks[].points' adds up to 105; expected 100"),
        ("minutes = 25", 'minutes = "twenty"', "field 'minutes' is 'twenty'; expected a whole number of at least 1"),
        ('title = "Normalise emails"', "", "field 'tasks[0].title' is missing; expected a non-empty string"),
        ("number = 2", "number = 5", "field 'tasks' is numbered [1, 5, 3, 4]; expected 1, 2, 3"),
        ('id = "00-welcome"', 'id = "00-hello"', "field 'id' is '00-hello'; expected the folder name"),
        ("order = 0", "order = 0\ncolour = 1", "field 'colour' is not known"),
        ("package =", "package = \n", "not valid TOML"),
        ('contract = "inkwell.app:create_app"', 'contract = "inkwell.app"', "field 'contract' is 'inkwell.app'"),
        ('contract = "inkwell.app:create_app"', 'contract = "other.app:create_app"', "the module inside the package"),
        ("order = 0", "order = 0\nprocesses = 0", "field 'processes' is 0; expected a whole number from 1 to 4"),
        ("order = 0", "order = 0\nprocesses = 5", "field 'processes' is 5; expected a whole number from 1 to 4"),
    ],
    ids=[
        "points",
        "minutes",
        "task-title",
        "numbering",
        "id",
        "unknown",
        "syntax",
        "contract",
        "contract-outside",
        "processes-none",
        "processes-many",
    ],
)
def test_bad_metadata_names_the_file_the_field_and_what_is_expected(project, old, new, says):
    _edit(project, old, new)
    with pytest.raises(CatalogError) as raised:
        load_catalog(project)
    message = str(raised.value)
    assert message.startswith("katas/00-welcome/kata.toml:"), message
    assert says in message, message


def test_too_few_hint_levels_are_refused(project):
    path = project / "katas" / "00-welcome" / "kata.toml"
    text = path.read_text()
    start = text.index("hints = [")
    end = text.index("]", start) + 1
    path.write_text(text[:start] + 'hints = ["only one"]' + text[end:])
    with pytest.raises(CatalogError, match=r"has 1 level\(s\); expected at least 3"):
        load_catalog(project)


def test_an_unknown_kata_id_lists_the_valid_ones_with_a_did_you_mean():
    catalog = load_catalog(ROOT)
    with pytest.raises(UnknownKata) as raised:
        catalog.get("00-welcom")
    assert "Did you mean 00-welcome?" in str(raised.value)
    assert "00-welcome" in str(raised.value).split("Katas:")[1]
