"""Applies a unified diff to a folder, refusing any hunk whose context does not match.

Decoys are written as diffs against the solution or the starter, so a reader sees the mistake
itself, and a decoy that no longer fits its base fails loudly instead of drifting silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from checker.errors import KataError

_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


class PatchError(KataError):
    """The diff does not apply; the message names the file and the line."""


@dataclass
class FilePatch:
    old: str | None  # None for a file the diff creates
    new: str | None  # None for a file the diff deletes
    hunks: list[tuple[int, list[str]]] = field(default_factory=list)  # (old start, lines with their prefix)


def parse(text: str) -> list[FilePatch]:
    patches: list[FilePatch] = []
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.startswith("--- ") and index + 1 < len(lines) and lines[index + 1].startswith("+++ "):
            patches.append(FilePatch(_path(line[4:]), _path(lines[index + 1][4:])))
        elif (match := _HUNK.match(line)) and patches:
            patches[-1].hunks.append((int(match.group(1)), []))
        elif patches and patches[-1].hunks and line[:1] in (" ", "-", "+") and not line.startswith(("--- ", "+++ ")):
            patches[-1].hunks[-1][1].append(line)
    return patches


def apply(text: str, folder: Path) -> None:
    """Apply every file of the diff inside `folder` (paths relative to it, `a/` and `b/` stripped)."""
    for patch in parse(text):
        target = folder / (patch.new or patch.old or "")
        before = (folder / patch.old).read_text(encoding="utf-8").splitlines(keepends=True) if patch.old else []
        after = _apply_hunks(patch, before)
        if patch.new is None:
            (folder / str(patch.old)).unlink()
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("".join(after), encoding="utf-8")


def _apply_hunks(patch: FilePatch, before: list[str]) -> list[str]:
    result, cursor = [], 0
    for start, lines in patch.hunks:
        at = max(start - 1, 0) if patch.old else 0
        expected = [line[1:] for line in lines if line[0] in " -"]
        if before[at : at + len(expected)] != expected:
            raise PatchError(f"{patch.old}: the hunk at line {start} does not match the file any more")
        result += before[cursor:at] + [line[1:] for line in lines if line[0] in " +"]
        cursor = at + len(expected)
    return result + before[cursor:]


def _path(header: str) -> str | None:
    name = header.split("\t")[0].strip()
    if name == "/dev/null":
        return None
    return name[2:] if name[:2] in ("a/", "b/") else name
