"""Task 3: names and handles filled from the display names, at the edges and as a property."""

from __future__ import annotations

import re
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from kata_tests.kit import CONTRACT, EXPAND, INDEX, insert_release1, migrate, rows, seed_production

from checker.testkit import expect_equal


def _filled(url: str) -> dict[int, tuple[str, str, str]]:
    return {k: v[1:] for k, v in rows(url, ("id", "given_name", "family_name", "handle")).items()}


def _upgrade(url: str, target: str) -> None:
    failure = migrate(url, target)
    expect_equal(
        failure, "", did=f"Ran `alembic upgrade {target}`", saw=failure, expected_text="the upgrade to succeed"
    )


@pytest.mark.task(3, points=2)
@pytest.mark.rules("3.1")
def test_every_kind_of_whitespace_separates_words(database):
    names = ["\tLinus\nTorvalds\r\n", "Ada\u00a0\u00a0King", "Grace\u2003Brewster  Hopper", "Cher ", "", "\u00a0"]
    seed_production(database, names)
    _upgrade(database, EXPAND)
    expect_equal(
        {k: v[:2] for k, v in _filled(database).items()},
        {
            1: ("Linus", "Torvalds"),
            2: ("Ada", "King"),
            3: ("Grace", "Brewster Hopper"),
            4: ("Cher", ""),
            5: ("", ""),
            6: ("", ""),
        },
        did=f"Split {names!r}",
        why="Rule 3.1: tabs, newlines, no-break and em spaces separate words like spaces, and never end up in a name.",
    )


@pytest.mark.task(3, points=2)
@pytest.mark.rules("3.2")
def test_handles_fold_accents_drop_the_rest_and_trim_hyphens(database):
    names = ["Ægir Ðorsson", "--Zoë__Saldaña--", "李 小龍", "R2-D2 & C-3PO", "   ", "Bjørn Straße"]
    seed_production(database, names)
    _upgrade(database, EXPAND)
    expect_equal(
        {k: v[2] for k, v in _filled(database).items()},
        {1: "gir-orsson", 2: "zoe-saldana", 3: "user-3", 4: "r2-d2-c-3po", 5: "user-5", 6: "bjrn-strae"},
        did=f"Made handles for {names!r}",
        why="Rule 3.2: letters with no ASCII form are dropped, inside a word too ('Bjørn' is 'bjrn', not 'bj-rn'); "
        "runs of anything else are one hyphen, none at the ends.",
    )


@pytest.mark.task(3, points=2)
@pytest.mark.rules("3.3")
def test_a_numbered_handle_skips_suffixes_members_already_hold(database):
    names = ["Ann 2", "Ann", "Ann", "Ann", "Ann 3-2", "User 7", "李"]
    seed_production(database, names)
    _upgrade(database, EXPAND)
    handles = {k: v[2] for k, v in _filled(database).items()}
    expect_equal(
        handles,
        {1: "ann-2", 2: "ann", 3: "ann-3", 4: "ann-4", 5: "ann-3-2", 6: "user-7", 7: "user-7-2"},
        did=f"Made handles for {names!r}",
        why="Rule 3.3: "
        + (
            "a fallback handle is a handle like any other: 'user-7' is member 6's already, so member 7 gets 'user-7-2'."
            if handles.get(7) == "user-7"
            else "'ann-2' is member 1's own handle, so the second Ann gets the smallest free suffix, -3."
        ),
    )


@pytest.mark.task(3, points=2)
@pytest.mark.rules("3.4")
def test_members_added_meanwhile_never_take_a_handle_already_given(database):
    seed_production(database, ["Ada Lovelace", "Ada Lovelace 2"])
    _upgrade(database, INDEX)
    insert_release1(database, ["ada lovelace", "", "Ada\tLovelace"], first=3)
    _upgrade(database, CONTRACT)
    expect_equal(
        _filled(database),
        {
            1: ("Ada", "Lovelace", "ada-lovelace"),
            2: ("Ada", "Lovelace 2", "ada-lovelace-2"),
            3: ("ada", "lovelace", "ada-lovelace-3"),
            4: ("", "", "user-4"),
            5: ("Ada", "Lovelace", "ada-lovelace-4"),
        },
        did="Release 1 registered 'ada lovelace', '' and 'Ada<tab>Lovelace' after the expand step; then upgrade head",
        why="Rule 3.4: the late members follow rules 3.1 to 3.3, against every handle already given.",
    )


# The suite's own statement of rules 3.1 to 3.3, to compare the migrated rows with.
def _split(name: str) -> tuple[str, str]:
    words = name.split()
    return (words[0], " ".join(words[1:])) if words else ("", "")


def _handles(names: list[str]) -> list[str]:
    given: list[str] = []
    for user_id, name in enumerate(names, start=1):
        ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
        base = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-") or f"user-{user_id}"
        handle, n = base, 2
        while handle in given:
            handle, n = f"{base}-{n}", n + 1
        given.append(handle)
    return given


_WORD = st.sampled_from(["ada", "Ann", "2", "Zoë", "O'Brien", "-", "ann-2", "É", "x"])
_GAP = st.sampled_from([" ", "  ", "\t", "\n", "\u00a0", "-", ""])
_NAME = st.lists(st.tuples(_GAP, _WORD), max_size=4).map(lambda parts: "".join(g + w for g, w in parts))


@pytest.mark.task(3, points=4)
@pytest.mark.rules("3.1", "3.2", "3.3")
# No shrinking: each example migrates a database file, and the first failing one reads well enough.
@settings(derandomize=True, database=None, deadline=None, max_examples=10, phases=(Phase.explicit, Phase.generate))
@given(names=st.lists(_NAME, min_size=1, max_size=6))
def test_any_production_names_are_split_and_handled_by_the_rules(names):
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'production.db'}"
        seed_production(url, names)
        _upgrade(url, EXPAND)
        expected = {
            n: (*_split(name), handle)
            for n, (name, handle) in enumerate(zip(names, _handles(names), strict=True), start=1)
        }
        expect_equal(
            _filled(url),
            expected,
            did=f"Ran `alembic upgrade {EXPAND}` on members named {names!r}",
            why="Rules 3.1 to 3.3 hold for any names: each member's names and a handle no other member holds.",
        )
