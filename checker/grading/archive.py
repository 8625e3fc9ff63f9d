"""Brings a submission into a private folder without trusting it: zips are extracted entry by
entry, folders copied file by file, and both refuse what could escape or exhaust the disk.

Refused: paths that climb out (`../`, absolute paths), links that point outside the submission,
more files or more bytes than the caps, and entries compressed beyond any honest ratio (zip bombs).
Links that stay inside are left out rather than followed.
"""

from __future__ import annotations

import os
import shutil
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from checker.catalog.files import GENERATED, PRIVATE
from checker.errors import KataError

SKIPPED_DIRS = GENERATED | PRIVATE


class Refused(KataError):
    """The submission cannot be brought in safely; the message says why, for the gradebook."""


@dataclass(frozen=True)
class Caps:
    max_bytes: int = 50 * 1024**2  # all files together
    max_files: int = 5000
    max_ratio: int = 200  # uncompressed / compressed, for entries over 1 MB


def extract_zip(archive: Path, into: Path, caps: Caps = Caps()) -> None:
    try:
        with zipfile.ZipFile(archive) as bundle:
            entries = bundle.infolist()
            _check_counts(entries, caps)
            written = 0
            for entry in entries:
                written += _extract_entry(bundle, entry, into, caps, written)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError) as error:
        raise Refused(f"the archive cannot be read: {error}") from None


def _check_counts(entries: list[zipfile.ZipInfo], caps: Caps) -> None:
    if len(entries) > caps.max_files:
        raise Refused(f"the archive holds {len(entries)} entries; the limit is {caps.max_files}")
    declared = sum(e.file_size for e in entries)
    if declared > caps.max_bytes:
        raise Refused(f"the archive unpacks to {declared:,} bytes; the limit is {caps.max_bytes:,} (a zip bomb?)")
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > 1024**2 and ratio > caps.max_ratio:
            raise Refused(f"{entry.filename} is compressed {ratio:.0f} to 1, beyond any honest file (a zip bomb)")


def _safe_name(name: str) -> PurePosixPath:
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or (path.parts and ":" in path.parts[0]):
        raise Refused(f"the archive holds a path that climbs out of its folder: {name}")
    return path


def _extract_entry(bundle: zipfile.ZipFile, entry: zipfile.ZipInfo, into: Path, caps: Caps, written: int) -> int:
    relative = _safe_name(entry.filename)
    mode = entry.external_attr >> 16
    if stat.S_ISLNK(mode):
        target = bundle.read(entry).decode("utf-8", "replace")
        if _escapes(relative.parent, target):
            raise Refused(f"the archive holds a link pointing outside it: {entry.filename} -> {target}")
        return 0  # a link inside the submission: left out, never followed
    destination = into.joinpath(*relative.parts)
    if entry.is_dir():
        destination.mkdir(parents=True, exist_ok=True)
        return 0
    destination.parent.mkdir(parents=True, exist_ok=True)
    size = 0
    with bundle.open(entry) as source, open(destination, "wb") as sink:
        while chunk := source.read(1 << 16):
            size += len(chunk)
            if size > entry.file_size or written + size > caps.max_bytes:
                raise Refused(f"{entry.filename} unpacks beyond its declared size or the limit (a zip bomb)")
            sink.write(chunk)
    return size


def _escapes(folder: PurePosixPath, target: str) -> bool:
    if target.startswith("/") or ":" in target.split("/")[0]:
        return True
    depth = len(folder.parts)
    for part in PurePosixPath(target).parts:
        depth += -1 if part == ".." else (0 if part == "." else 1)
        if depth < 0:
            return True
    return False


def copy_tree(source: Path, into: Path, caps: Caps = Caps()) -> None:
    """Copy a folder's regular files; links pointing outside refuse the submission."""
    source = source.resolve()
    files = size = 0
    for folder, dirs, names in os.walk(source, followlinks=False):
        here = Path(folder)
        dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS and not _link_inside(here / d, source)]
        for name in names:
            path = here / name
            if path.is_symlink():
                _link_inside(path, source)
                continue
            if not path.is_file():
                continue
            files += 1
            size += path.stat().st_size
            if files > caps.max_files or size > caps.max_bytes:
                raise Refused(f"the folder holds more than {caps.max_files} files or {caps.max_bytes:,} bytes")
            destination = into / path.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)


def _link_inside(path: Path, root: Path) -> bool:
    """False for a plain folder; True for a link that stays inside (skipped); refuses one pointing outside."""
    if not path.is_symlink():
        return False
    target = Path(os.path.realpath(path))
    if target != root and root not in target.parents:
        raise Refused(
            f"the submission holds a link pointing outside it: {path.relative_to(root)} -> {os.readlink(path)}"
        )
    return True
