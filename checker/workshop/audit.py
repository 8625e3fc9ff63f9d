"""Proves by content that a learner copy holds nothing of the solutions or the hidden suites.

A secret line is a line of a reference package, a hidden suite or a decoy under `solutions/`
(other files there, such as a kata's benchmark script, teach nothing a learner must not see) that none of the copy's starters holds (as the project has them, not as the copy does),
and that says something: at least 16 characters, and not an import or a decorator, which any
module may share by chance. The copy leaks when one of its files holds a run of 3 secret lines
(blank and trivial lines between them do not break the run), holds the bytes of a solution file,
or lays out a `solutions/` folder or a decoy. Single shared lines are not leaks: a notebook that
calls `create_app` shares that line with many files. Notebooks are read cell by cell, sources and
outputs, so JSON escaping hides nothing; web pages (the copy's rendered notebooks) are read without
their tags and entities, so HTML escaping hides nothing either.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

from checker.catalog.files import GENERATED, PRIVATE

MIN_LENGTH = 16  # characters of a stripped line; shorter ones are too common to be a secret
RUN = 3  # secret lines in a row that make a leak
_TRIVIAL = re.compile(r"^(from \S+ import |import \S+|@)")
_TAG = re.compile(r"<[^>]*>")
_SKIPPED_DIRS = GENERATED | PRIVATE | {"wheelhouse"}  # the wheelhouse holds third-party wheels


@dataclass(frozen=True)
class Leak:
    path: str  # relative to the copy
    line: int  # 0 when the leak is the whole file or its name
    what: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.what}"


@dataclass(frozen=True)
class SolutionPrints:
    lines: dict[str, str]  # stripped line -> the solution file that holds it
    digests: dict[str, str]  # sha256 of a solution file's bytes -> that file


def secrets_of(project: Path, kata_ids: list[str]) -> SolutionPrints:
    starters: set[str] = set()
    starter_digests: set[str] = set()
    for path in [p for kata_id in kata_ids for p in _files(project / "katas" / kata_id)]:
        starters.update(_lines(path))
        starter_digests.add(_digest(path))
    lines: dict[str, str] = {}
    digests: dict[str, str] = {}
    for path in [p for folder in _secret_folders(project) for p in _files(folder)]:
        name = path.relative_to(project).as_posix()
        for line in _lines(path):
            if _telling(line) and line not in starters:
                lines.setdefault(line, name)
        digest = _digest(path)
        if digest not in starter_digests and path.stat().st_size >= MIN_LENGTH:
            digests.setdefault(digest, name)
    return SolutionPrints(lines, digests)


def _secret_folders(project: Path) -> list[Path]:
    folders = []
    for kata in sorted((project / "solutions").glob("*/")):
        # the package, hidden/ and decoys/; never a tool's cache, which changes while the audit reads it
        folders += [p for p in kata.iterdir() if p.is_dir() and p.name not in _SKIPPED_DIRS]
    return folders


def find_leaks(copy: Path, project: Path) -> list[Leak]:
    """Every place where `copy` holds content of `project`'s solutions; [] when it holds none."""
    kata_ids = sorted(p.name for p in (copy / "katas").iterdir() if p.is_dir()) if (copy / "katas").is_dir() else []
    secrets = secrets_of(project, kata_ids)
    leaks: list[Leak] = []
    for path in _files(copy):
        relative = path.relative_to(copy).as_posix()
        if relative.split("/", 1)[0] == "solutions" or path.name == "decoy.toml":
            leaks.append(Leak(relative, 0, "a file of the solutions' layout"))
        source = secrets.digests.get(_digest(path))
        if source:
            leaks.append(Leak(relative, 0, f"the same bytes as {source}"))
        leaks += [Leak(relative, number, what) for number, what in _runs(_lines(path), secrets.lines)]
    return leaks


def _runs(lines: list[str], secret: dict[str, str]) -> list[tuple[int, str]]:
    """(first line number, description) of every run of RUN or more secret lines."""
    found: list[tuple[int, str]] = []
    run: list[tuple[int, str]] = []
    for number, line in enumerate([*lines, "end of file, which ends any run"], start=1):
        if line in secret:
            run.append((number, line))
        elif _telling(line):
            if len(run) >= RUN:
                first, text = run[0]
                found.append((first, f"{len(run)} lines in a row of {secret[text]}, from: {text[:80]}"))
            run = []
    return found


def _telling(line: str) -> bool:
    return len(line) >= MIN_LENGTH and not _TRIVIAL.match(line)


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.rglob("*") if p.is_file() and not _SKIPPED_DIRS.intersection(p.relative_to(folder).parts)
    )


def _lines(path: Path) -> list[str]:
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return []  # binary files: their bytes are still compared whole
    if path.suffix == ".ipynb":
        text = _notebook_text(text)
    if path.suffix in (".html", ".htm"):
        text = html.unescape(_TAG.sub("", text))
    if path.suffix == ".diff":  # a decoy's mistake: its lines without the diff's markers
        text = "\n".join(line[1:] for line in text.splitlines() if not line.startswith(("+++", "---", "@@")))
    return [line.strip() for line in text.splitlines()]


def _notebook_text(raw: str) -> str:
    try:
        cells = json.loads(raw).get("cells", [])
    except (ValueError, AttributeError):
        return raw
    parts = []
    for cell in cells:
        parts.append(_joined(cell.get("source", "")))
        for output in cell.get("outputs", []):
            parts.append(_joined(output.get("text", "")))
            parts += [_joined(v) for v in output.get("data", {}).values() if isinstance(v, str | list)]
    return "\n".join(parts + [raw])


def _joined(value: object) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
