"""Learner names: what a name may hold, the form it is kept in, and when two names read the same.

A board on a projector must not show two rows that read as one person. So a name is kept in
Unicode's NFKC form (full-width letters and ligatures become ordinary ones), runs of spaces become
one space, and a name is refused when it

- holds a control character or one that prints nothing (zero-width spaces and joiners, bidi
  controls, the soft hyphen, variation selectors, Hangul fillers);
- mixes Latin, Cyrillic and Greek letters inside one word ("Аda" with a Cyrillic "А");
- reads the same as a name already in the room: same `skeleton`.

The skeleton follows the idea of Unicode's confusable skeleton (UTS #39): NFKC, no invisible
characters, the Cyrillic and Greek letters drawn like Latin ones replaced by those, then case
folded and decomposed. The table below is the part of Unicode's confusables list that passes the
name rules, not the whole list: no pinned package ships that list.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from checker.room.domain.errors import ValidationFailed
from checker.room.domain.result import Err, Ok, Result

MAX_LENGTH = 40
PUNCTUATION = " .'-"
MAX_STACKED_MARKS = 2  # accents on one letter: enough for Vietnamese, too few for "Zalgo" text

# Characters that print nothing but are letters or marks by category (Unicode's default-ignorables
# outside the format category, which is refused as a whole).
_INVISIBLE = frozenset(
    [0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164, 0xFFA0]
    + list(range(0x180B, 0x1810))
    + list(range(0xFE00, 0xFE10))
    + list(range(0xE0100, 0xE01F0))
)
# Control, format (zero-width, bidi, soft hyphen), private use, surrogate, unassigned, line breaks.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"})

# Cyrillic and Greek letters drawn like a Latin one, by case (the shape differs between cases).
_LOOKS_LATIN = str.maketrans(
    {
        # Cyrillic capitals and small letters
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
        "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J", "Ԛ": "Q", "Ԝ": "W", "Ү": "Y",
        "Һ": "H", "Ӏ": "I", "Ԁ": "D", "Ԍ": "G", "Ꙇ": "I",
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "ѕ": "s", "і": "i",
        "ј": "j", "ԁ": "d", "һ": "h", "ԛ": "q", "ԝ": "w", "ӏ": "l", "ү": "y", "ɡ": "g", "ı": "i",
        # Greek capitals and small letters
        "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
        "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
        "α": "a", "ι": "i", "ν": "v", "ο": "o", "ρ": "p", "υ": "u", "χ": "x", "γ": "y", "κ": "k",
    }
)  # fmt: skip
_LOOKALIKE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


def learner_name(typed: str) -> Result[str, ValidationFailed]:
    """The name as the room keeps and shows it, or why it cannot be one."""
    for char in typed:
        if unicodedata.category(char) in _REFUSED_CATEGORIES or ord(char) in _INVISIBLE:
            what = "a control character" if unicodedata.category(char) == "Cc" else "a character that prints nothing"
            return _refuse(f"The name holds {what} ({_codepoint(char)}); type it with visible characters only.")
    name = " ".join(unicodedata.normalize("NFKC", typed).split())
    if not 1 <= len(name) <= MAX_LENGTH:
        return _refuse(f"A name has 1 to {MAX_LENGTH} characters; this one has {len(name)}.")
    if not unicodedata.category(name[0]).startswith(("L", "N")):
        return _refuse("A name starts with a letter or a digit.")
    stray = next(
        (c for c in name if c not in PUNCTUATION and not unicodedata.category(c).startswith(("L", "M", "N"))), None
    )
    if stray is not None:
        return _refuse(f"A name holds letters, digits, spaces, dots, apostrophes and hyphens; not {stray!r}.")
    if _stacked_marks(name) > MAX_STACKED_MARKS:
        return _refuse(f"A name puts at most {MAX_STACKED_MARKS} accents on one letter.")
    for word in name.split():
        scripts = sorted(_scripts(word))
        if len(scripts) > 1:
            mixed = " and ".join(s.title() for s in scripts)
            return _refuse(f"The word {word!r} mixes {mixed} letters; write it in one alphabet.")
    return Ok(name)


def skeleton(name: str) -> str:
    """Equal for two names that a reader cannot tell apart; compare skeletons, show names."""
    visible = "".join(c for c in unicodedata.normalize("NFKC", name) if _prints(c))
    return unicodedata.normalize("NFD", " ".join(visible.translate(_LOOKS_LATIN).casefold().split()))


def reads_as(name: str, taken: Iterable[str]) -> str | None:
    """The name among `taken` that reads the same as `name`, if any."""
    mine = skeleton(name)
    return next((other for other in taken if skeleton(other) == mine), None)


def _refuse(detail: str) -> Err[ValidationFailed]:
    return Err(ValidationFailed(detail, {"name": detail}))


def _prints(char: str) -> bool:
    return unicodedata.category(char) not in _REFUSED_CATEGORIES and ord(char) not in _INVISIBLE


def _scripts(word: str) -> set[str]:
    names = (unicodedata.name(c, "") for c in word if unicodedata.category(c).startswith("L"))
    return {script for n in names for script in _LOOKALIKE_SCRIPTS if n.startswith(script + " ")}


def _stacked_marks(name: str) -> int:
    longest = run = 0
    for char in name:
        run = run + 1 if unicodedata.category(char).startswith("M") else 0
        longest = max(longest, run)
    return longest


def _codepoint(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed')}"
