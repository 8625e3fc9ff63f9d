"""The name rule in plain Python: the form a name is kept in, what is refused, and what reads the same."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.room.domain.board import build_board
from checker.room.domain.errors import ValidationFailed
from checker.room.domain.model import Learner, Room, RoomStatus
from checker.room.domain.names import learner_name, reads_as, skeleton
from checker.room.domain.result import Err, Ok
from tests.room.conftest import START

CYRILLIC_ADA = "\u0410\u0501\u0430"  # А ԁ а: Cyrillic capital A, Komi de, small a
GREEK_OLGA = "\u039f\u217cga"  # Greek capital omicron, then a small Roman numeral fifty (NFKC: "l")

READS_AS_ADA = {
    "Cyrillic letters": CYRILLIC_ADA,
    "full-width letters": "\uff21\uff44\uff41",
    "another case": "aDA",
    "a zero-width space inside": "A\u200bda",
    "a soft hyphen inside": "Ad\u00ada",
    "a combining grapheme joiner": "Ad\u034fa",
    "a variation selector": "Ada\ufe0f",
    "spaces around and inside": "  Ada ",
}


@pytest.mark.parametrize("other", READS_AS_ADA.values(), ids=READS_AS_ADA.keys())
def test_names_that_only_look_alike_have_one_skeleton(other):
    assert skeleton(other) == skeleton("Ada")
    assert reads_as(other, ["Grace", "Ada"]) == "Ada"


def test_two_normalisations_of_one_name_have_one_skeleton_and_are_kept_alike():
    composed, decomposed = "Jos\u00e9", "Jose\u0301"
    assert skeleton(composed) == skeleton(decomposed)
    assert learner_name(decomposed) == learner_name(composed) == Ok("Jos\u00e9")


@pytest.mark.parametrize(
    ("one", "other"),
    [("Ada", "Ida"), ("Ada", "\u0410\u0434\u0430"), ("Jose", "Jos\u00e9"), ("Ada", "Ada L"), ("Olga", "Olya")],
    ids=["another letter", "Cyrillic Ada with its own d", "an accent", "an initial more", "a letter swapped"],
)
def test_names_a_reader_tells_apart_keep_their_own_skeleton(one, other):
    assert skeleton(one) != skeleton(other) and reads_as(other, [one]) is None


def test_the_greek_and_roman_numeral_look_alikes_of_olga_read_as_olga():
    assert skeleton(GREEK_OLGA) == skeleton("Olga")


def test_a_name_is_kept_in_nfkc_with_single_spaces():
    assert learner_name("\uff21\uff44\uff41  Lovelace ") == Ok("Ada Lovelace")
    assert learner_name("Ren\u00e9e O'Brien-Smith Jr.") == Ok("Ren\u00e9e O'Brien-Smith Jr.")
    assert learner_name("\u0410\u0434\u0430 \u041b\u0430\u0432\u043b\u0435\u0439\u0441") == Ok("Ада Лавлейс")
    assert learner_name("\u5c71\u7530 \u82b1\u5b50") == Ok("山田 花子")


REFUSED = {
    "a zero-width space": ("A\u200bda", "prints nothing (U+200B ZERO WIDTH SPACE)"),
    "a right-to-left override": ("Ada\u202e", "prints nothing (U+202E"),
    "a Hangul filler": ("Ada\u3164", "prints nothing (U+3164 HANGUL FILLER)"),
    "a newline": ("Ada\nLovelace", "a control character (U+000A"),
    "Latin and Cyrillic in one word": ("\u0410da", "'Аda' mixes Cyrillic and Latin letters"),
    "Latin and Greek in one word": ("Ad\u03b1", "mixes Greek and Latin letters"),
    "a leading hyphen": ("-1", "starts with a letter or a digit"),
    "markup": ("Ada<b>", "not '<'"),
    "a formula": ("=cmd()", "starts with a letter or a digit"),
    "41 characters": ("x" * 41, "1 to 40 characters; this one has 41"),
    "spaces only": ("   ", "this one has 0"),
    "stacked accents": ("Za\u0301\u0300\u0302\u0303lgo", "at most 2 accents on one letter"),
}


@pytest.mark.parametrize(("typed", "why"), REFUSED.values(), ids=REFUSED.keys())
def test_a_name_outside_the_rule_is_refused_with_its_reason(typed, why):
    match learner_name(typed):
        case Err(ValidationFailed(detail=detail, fields=fields)):
            assert why in detail and fields == {"name": detail}
        case other:
            pytest.fail(f"{typed!r} was accepted as {other}")


def test_a_word_per_script_is_allowed_mixed_within_a_word_is_not():
    assert learner_name("Ada \u041b\u0430\u0432\u043b\u0435\u0439\u0441") == Ok("Ada Лавлейс")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", categories=["L", "M", "N", "Zs"]), min_size=1, max_size=20))
def test_a_kept_name_reads_as_itself_in_any_width_spacing_and_normalisation(typed):
    match learner_name(typed):
        case Ok(name):
            assert skeleton(name) == skeleton(typed) == skeleton(f" {typed}\u200b")
            assert skeleton(unicodedata.normalize("NFD", name)) == skeleton(name)
            assert reads_as(unicodedata.normalize("NFKD", name), ["Someone else", name]) == name


def test_the_board_marks_both_rows_whose_names_read_the_same():
    room = Room(1, "ABCDEF", "Room", RoomStatus.OPEN, START)
    names = ["Ada", "\u0410\u0501\u0430", "Grace", "Ада"]
    board = build_board(room, [], [(Learner(n, 1, name, START), []) for n, name in enumerate(names, 1)], START)
    assert [(row.learner.name, row.lookalike) for row in board.rows] == [
        ("Ada", True),
        ("\u0410\u0501\u0430", True),
        ("Grace", False),
        ("Ада", False),
    ]
