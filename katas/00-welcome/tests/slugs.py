"""What a slug should be, written out plainly, for the property tests of both suites.

A title here is built from words and separators, so the slug it should give is known without
running any slug code: the words, lower-cased and joined by single hyphens, kept whole while
they fit in the cap (README rules 2.1 to 2.5).
"""

from __future__ import annotations

import re
import string

from hypothesis import strategies as st

CAP = 60
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

words = st.text(alphabet=string.ascii_letters + string.digits, min_size=1, max_size=14)
separators = st.sampled_from([" ", "  ", "\t", "\n", "_", ", ", " -- ", "!", "/", "...", " & ", "-"])


@st.composite
def titles(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A title and the words it is made of, joined by assorted separators."""
    parts = draw(st.lists(words, min_size=1, max_size=12))
    title = draw(st.sampled_from(["", " ", "¡", "-- "]))
    for index, word in enumerate(parts):
        title += (draw(separators) if index else "") + word
    return title + draw(st.sampled_from(["", "?", "!!", " ", "\n"])), parts


def expected_slug(parts: list[str], cap: int = CAP) -> str:
    """The whole words that fit in `cap`; a first word longer than `cap` is cut (rule 2.5)."""
    kept = ""
    for word in (p.lower() for p in parts):
        joined = f"{kept}-{word}" if kept else word
        if len(joined) > cap:
            return kept or word[:cap]
        kept = joined
    return kept


def slug_why(slug: object, expected: str | None = None) -> str:
    """The rule a wrong slug breaks, read from the slug itself and from what was expected."""
    if not isinstance(slug, str):
        return "slugify returns the slug as a str."
    if not set(slug) <= set("abcdefghijklmnopqrstuvwxyz0123456789-"):
        return "Rule 2.1: only lower-case ASCII letters, digits and hyphens; fold accents, drop the rest."
    if "--" in slug:
        return "Rule 2.2: a run of separators becomes one hyphen."
    if slug.startswith("-") or slug.endswith("-"):
        return "Rule 2.3: no hyphen at either end."
    if len(slug) > CAP:
        return f"Rule 2.4: at most {CAP} characters ({len(slug)} here)."
    if not slug or expected == "post":
        return "Rule 2.6: a title with nothing to keep gives 'post'."
    if expected is None or expected.startswith(slug) or slug.startswith(expected):
        return "Rule 2.5: keep as many whole words as fit; cut inside a word only when the first word is too long."
    if slug.replace("-", "") == expected.replace("-", ""):
        return "Rule 2.2: each run of separators between two words becomes one hyphen."
    return "Rule 2.1: accented letters are folded to their plain letter and kept; only what has no plain form goes."


def unique_why(slug: object, taken: set[str]) -> str:
    """The rule a wrong answer of unique_slug breaks, read from the answer."""
    if not isinstance(slug, str):
        return "unique_slug returns the slug as a str."
    if slug in taken:
        return "Rule 3.4: the answer must not be taken; check every candidate, the shortened ones too."
    if len(slug) > CAP:
        return "Rule 3.3: shorten the slug, not the suffix, so the whole fits the cap."
    return "Rule 3.3: shortening must leave no doubled or trailing hyphen before the suffix."
