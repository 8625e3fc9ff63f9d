"""Finds the package a submission provides and copies it somewhere private to run it."""

from __future__ import annotations

import shutil
from pathlib import Path

from checker.catalog import Kata
from checker.catalog.files import ignore_generated
from checker.errors import KataError

_IGNORED = ignore_generated()


class SubmissionError(KataError):
    """The path given as a submission holds no package the kata can check."""


def locate_package(kata: Kata, path: Path) -> Path:
    """The submission's package folder, from a kata folder, a package folder or a parent of katas."""
    path = path.expanduser().resolve()
    if not path.exists():
        raise SubmissionError(f"{path} does not exist: give the folder of your copy of {kata.id}.")
    for candidate in (path / kata.package, path / kata.id / kata.package, path / "katas" / kata.id / kata.package):
        if candidate.is_dir():
            return candidate
    if path.name == kata.package and path.is_dir():
        return path
    raise SubmissionError(
        f"{path} holds no {kata.package}/ package: point --path at a folder laid out as "
        f"katas/{kata.id}/ (the folder that contains {kata.package}/)."
    )


def private_copy(package: Path, into: Path) -> Path:
    """Copy the package into `into`; returns the folder to put on sys.path. Links are not followed."""
    root = into / "submission"
    shutil.copytree(package, root / package.name, symlinks=True, ignore=_IGNORED)
    return root
