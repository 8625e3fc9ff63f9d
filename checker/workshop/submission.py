"""A learner's submission: one zip of their kata folders and a manifest that `kata grade` reads.

Each kata goes in as `katas/<id>/<package>/`, the code the learner edits and all that a grade
reads (the grader brings its own copies of the tests, and flags a submission that ships tests).
The manifest (`submission.json` at the top of the zip) names the learner, the katas, a SHA-256 of
every file, the last local check of each kata and the tool's version. Never included: `.kata/`
(progress, backups, pristine starters), caches, virtualenvs, compiled files or links.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from checker.catalog import Catalog, Kata
from checker.catalog.files import GENERATED, PRIVATE
from checker.grading.intake import MANIFEST
from checker.progress import ProgressStore
from checker.runner.workspace import SubmissionError
from checker.workshop.version import DISTRIBUTION, tool_version

SKIPPED_DIRS = GENERATED | PRIVATE
SKIPPED_DIRS |= {".mypy_cache", ".ruff_cache", "node_modules"}
SKIPPED_SUFFIXES = (".pyc", ".pyo")
MAX_BYTES = 50 * 1024**2  # what the grader accepts


@dataclass(frozen=True)
class Submission:
    path: Path
    manifest: dict[str, Any]


def build_submission(catalog: Catalog, store: ProgressStore, name: str, out: Path) -> Submission:
    """Write `submission-<name>.zip` into `out`; returns its path and manifest."""
    name = " ".join(name.split())
    if not name or len(name) > 100:
        raise SubmissionError("Give your name, 1 to 100 characters: kata submit --name 'Ada Lovelace'.")
    files = {
        f"katas/{kata.id}/{kata.package}/{rel}": path for kata in catalog.katas for rel, path in _package_files(kata)
    }
    size = sum(path.stat().st_size for path in files.values())
    if size > MAX_BYTES:
        raise SubmissionError(f"Your kata folders hold {size:,} bytes, over the {MAX_BYTES:,} the grader takes.")
    manifest = _manifest(catalog, store, name, {arc: _sha256(p) for arc, p in files.items()})
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"submission-{_slug(name)}.zip"
    partial = target.with_suffix(".zip.partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr(MANIFEST, json.dumps(manifest, indent=2) + "\n")
        for arc, path in sorted(files.items()):
            bundle.write(path, arc)
    os.replace(partial, target)  # a half-written zip never carries the final name
    return Submission(path=target, manifest=manifest)


def _package_files(kata: Kata) -> list[tuple[str, Path]]:
    """The files of the learner's package: what they edit, and all that a grade reads."""
    found = []
    for folder, dirs, names in os.walk(kata.starter, followlinks=False):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not (here / d).is_symlink())
        for file_name in sorted(names):
            path = here / file_name
            if path.is_symlink() or not path.is_file() or file_name.endswith(SKIPPED_SUFFIXES):
                continue
            if file_name in (".DS_Store", "Thumbs.db"):
                continue
            found.append((path.relative_to(kata.starter).as_posix(), path))
    return found


def _manifest(catalog: Catalog, store: ProgressStore, name: str, hashes: dict[str, str]) -> dict[str, Any]:
    listing = "".join(f"{digest}  {arc}\n" for arc, digest in sorted(hashes.items()))
    return {
        "format": 1,
        "learner": name,
        "katas": [kata.id for kata in catalog.katas],
        "files": dict(sorted(hashes.items())),
        "digest": hashlib.sha256(listing.encode()).hexdigest(),
        "checks": {kata.id: store.last_check(kata.id) for kata in catalog.katas},
        "tool": {"name": DISTRIBUTION, "version": tool_version(catalog.root)},
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "learner"
