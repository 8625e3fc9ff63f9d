"""Makes text from a submission inert for each place it is shown or written.

Names, paths and messages come from untrusted submissions and room reports: a name can be a spreadsheet
formula, hold terminal escape sequences, Rich markup, Markdown, bidirectional overrides or a lone
surrogate that no UTF-8 file can hold. Each format gets the text through one of these.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls, and the bidirectional overrides and isolates.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>()#+\-!|~])")
REPLACEMENT = "\ufffd"


def plain(text: str) -> str:
    """No control characters, no lone surrogates: safe to print on a terminal and to encode."""
    return _CONTROL.sub(REPLACEMENT, _SURROGATE.sub(REPLACEMENT, text))


def one_line(text: str) -> str:
    return " ".join(plain(text).split("\n"))


def cell(text: str) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula (OWASP's CSV injection advice)."""
    value = one_line(text)
    return f"'{value}" if value.startswith(_FORMULA) else value


def markdown(text: str) -> str:
    """Text shown literally in Markdown: no heading, link, emphasis or HTML of the submitter's making."""
    return _MARKDOWN.sub(r"\\\1", one_line(text))
