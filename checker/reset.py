"""Restores a kata's starter, keeping the learner's work in a timestamped backup first.

The starter restored is the one the project ships, never a snapshot of the working tree: in a
git checkout, the starter as committed at HEAD; in a learner copy, the pristine starter that
`kata release` wrote into the copy's `.kata/starters/`. The swap is atomic: the new package is
built beside the old one and put in place by renames, so an interrupted reset leaves either the
learner's work or the starter, never a mixture.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from checker.catalog import Kata
from checker.catalog.files import ignore_generated
from checker.errors import KataError

RELEASE_FILE = "release.json"  # what `kata release` writes at the top of a learner copy


class ResetError(KataError):
    """The starter cannot be restored; the message says why and what to do instead."""


@dataclass(frozen=True)
class ResetOutcome:
    backup: Path
    restored: Path


@dataclass(frozen=True)
class Backup:
    path: Path  # .kata/backups/<id>/<stamp>/
    stamp: str
    files: int


def starters_folder(root: Path) -> Path:
    return root / ".kata" / "starters"


def shipped_starter(kata: Kata) -> Path:
    """The starter as the project ships it: in a learner copy, the one `kata release` kept; in the
    project itself, the one committed at git's HEAD (exported afresh, so no old snapshot lingers)."""
    keep = starters_folder(kata.root) / kata.id / kata.package
    released = (kata.root / RELEASE_FILE).is_file()
    if released and keep.is_dir():
        return keep
    archive = None if released else _git_archive(kata.root, f"katas/{kata.id}/{kata.package}")
    if archive is None:
        if keep.is_dir():
            return keep
        raise ResetError(
            f"No shipped starter of {kata.id} is known: this folder is neither a git checkout nor a copy made "
            f"by `kata release`. Your backups are listed by `kata reset {kata.id} --from-backup`."
        )
    with tempfile.TemporaryDirectory(dir=_private(kata.root)) as scratch, tarfile.open(fileobj=archive) as tar:
        tar.extractall(scratch, filter="data")
        if keep.exists():
            shutil.rmtree(keep)
        keep.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(Path(scratch) / "katas" / kata.id / kata.package, keep)
    return keep


def keep_shipped_starter(kata: Kata, source: Path, root: Path) -> None:
    """Write `source` (a shipped starter) as the pristine starter of the copy at `root`."""
    target = starters_folder(root) / kata.id / kata.package
    shutil.copytree(source, target, ignore=ignore_generated(), dirs_exist_ok=True)


def reset(kata: Kata, *, from_backup: Backup | None = None) -> ResetOutcome:
    """Back up `katas/<id>/<package>`, verify the backup, then put the starter (or a backup) in place."""
    source = from_backup.path / kata.package if from_backup else shipped_starter(kata)
    backup = _backup(kata)
    staged = kata.folder / f".{kata.package}.restoring"
    if staged.exists():
        shutil.rmtree(staged)
    shutil.copytree(source, staged, ignore=ignore_generated())
    _swap(staged, kata.starter)
    return ResetOutcome(backup=backup, restored=kata.starter)


def backups(kata: Kata) -> list[Backup]:
    """Every backup of the kata, newest first."""
    folder = kata.root / ".kata" / "backups" / kata.id
    found = [p for p in folder.iterdir() if (p / kata.package).is_dir()] if folder.is_dir() else []
    return [
        Backup(p, p.name, sum(1 for f in (p / kata.package).rglob("*") if f.is_file()))
        for p in sorted(found, key=lambda p: p.name, reverse=True)
    ]


def find_backup(kata: Kata, stamp: str) -> Backup:
    for backup in backups(kata):
        if backup.stamp == stamp:
            return backup
    known = ", ".join(b.stamp for b in backups(kata)) or "none yet"
    raise ResetError(f"No backup of {kata.id} is named {stamp!r}; the backups are: {known}.")


def recover(kata: Kata) -> bool:
    """Finish a swap that was cut off between its two renames; True when something was put back."""
    old = kata.folder / f".{kata.package}.replaced"
    if old.is_dir() and not kata.starter.exists():
        os.replace(old, kata.starter)
        return True
    return False


def _backup(kata: Kata) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    backup = kata.root / ".kata" / "backups" / kata.id / stamp
    recover(kata)
    if kata.starter.exists():
        shutil.copytree(kata.starter, backup / kata.package, symlinks=True)
        if _files(backup / kata.package) != _files(kata.starter):
            raise ResetError(f"The backup at {backup} is incomplete; nothing was changed.")
    else:
        backup.mkdir(parents=True)
    return backup


def _swap(staged: Path, target: Path) -> None:
    # Two renames on one file system: at every moment the package is whole, old or new.
    old = target.with_name(f".{target.name}.replaced")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        os.replace(target, old)
    os.replace(staged, target)
    if old.exists():
        shutil.rmtree(old)


def _git_archive(root: Path, path: str) -> io.BytesIO | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "archive", "--format=tar", "HEAD", path], capture_output=True, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return io.BytesIO(done.stdout) if done.returncode == 0 and done.stdout else None


def _private(root: Path) -> Path:
    folder = root / ".kata"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
