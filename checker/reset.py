"""Restores a kata's starter, keeping the learner's work in a timestamped backup first."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from checker.catalog import Kata
from checker.catalog.files import ignore_generated
from checker.errors import KataError


class ResetError(KataError):
    """The starter cannot be restored: no pristine copy is known."""


@dataclass(frozen=True)
class ResetOutcome:
    backup: Path
    restored: Path


def pristine_starter(kata: Kata) -> Path:
    """The untouched starter: kept in `.kata/starters/` from the first time the kata was seen."""
    keep = kata.root / ".kata" / "starters" / kata.id / kata.package
    if not keep.is_dir():
        if not kata.starter.is_dir():
            raise ResetError(f"{kata.starter} is missing and no pristine copy of the starter is kept.")
        shutil.copytree(kata.starter, keep, ignore=ignore_generated())
    return keep


def reset(kata: Kata, pristine: Path | None = None) -> ResetOutcome:
    """Back up `katas/<id>/<package>` to `.kata/backups/<id>/<timestamp>/`, then restore the starter.

    The backup is written and verified before anything is removed, so no work can be lost.
    """
    source = pristine or pristine_starter(kata)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    backup = kata.root / ".kata" / "backups" / kata.id / stamp
    if kata.starter.exists():
        shutil.copytree(kata.starter, backup / kata.package, symlinks=True)
        if _files(backup / kata.package) != _files(kata.starter):
            raise ResetError(f"The backup at {backup} is incomplete; nothing was changed.")
        shutil.rmtree(kata.starter)
    else:
        backup.mkdir(parents=True)
    shutil.copytree(source, kata.starter, ignore=ignore_generated())
    return ResetOutcome(backup=backup, restored=kata.starter)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
