"""Finds the submissions behind the paths a reviewer gives, and brings each into a private folder.

A path is a submission (a folder holding kata folders, a `.zip`, a git repository or URL) or a
folder of submissions. A submission holds kata folders laid out as in `katas/` (`katas/<id>/` or
`<id>/` at its top, possibly inside one wrapping folder). `kata submit` writes `submission.json`
with the learner's name; without it a submission is named by its path.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.grading.archive import Caps, Refused, copy_tree, extract_zip

MANIFEST = "submission.json"


@dataclass(frozen=True)
class Source:
    name: str
    location: str  # the path or URL as the reviewer gave it
    kind: str  # folder, zip or git


def discover(paths: list[str], kata_ids: list[str], *, one: bool = False) -> list[Source]:
    """The submissions behind `paths`; with `one`, each path is a single submission."""
    found: list[Source] = []
    for given in paths:
        found += _expand(given, kata_ids, one=one)
    return _unique_names(found)


def _expand(given: str, kata_ids: list[str], *, one: bool) -> list[Source]:
    if "://" in given or given.startswith("git@"):
        return [Source(_stem(given.rstrip("/")), given, "git")]
    path = Path(given).expanduser()
    if path.is_file():
        if path.suffix.lower() != ".zip":
            raise Refused(f"{given} is neither a folder, a .zip nor a git repository")
        return [Source(path.stem, str(path), "zip")]
    if not path.is_dir():
        raise Refused(f"{given} does not exist")
    if _is_bare_repo(path):
        return [Source(_stem(path.name), str(path), "git")]
    if one or _is_submission(path, kata_ids):
        return [Source(path.resolve().name, str(path), "folder")]
    children = sorted(p for p in path.iterdir() if not p.name.startswith((".", "_")))
    return [
        Source(_stem(child.name), str(child), "zip" if child.is_file() else "git" if _is_bare_repo(child) else "folder")
        for child in children
        if child.is_dir() or child.suffix.lower() == ".zip"
    ]


def _is_submission(path: Path, kata_ids: list[str]) -> bool:
    markers = ["katas", MANIFEST, *kata_ids]
    return any((path / marker).exists() for marker in markers)


def _is_bare_repo(path: Path) -> bool:
    return (path / "HEAD").is_file() and (path / "objects").is_dir()


def _stem(name: str) -> str:
    name = name.rsplit("/", 1)[-1]
    return re.sub(r"\.(git|zip)$", "", name, flags=re.IGNORECASE) or "submission"


def _unique_names(sources: list[Source]) -> list[Source]:
    seen: dict[str, int] = {}
    unique = []
    for source in sources:
        seen[source.name] = seen.get(source.name, 0) + 1
        name = source.name if seen[source.name] == 1 else f"{source.name}-{seen[source.name]}"
        unique.append(Source(name, source.location, source.kind))
    return unique


def materialize(source: Source, into: Path, kata_ids: list[str], caps: Caps | None = None) -> Path:
    """A private copy of the submission in `into`; returns the folder that holds its kata folders."""
    caps = caps or Caps()
    into.mkdir(parents=True, exist_ok=True)
    if source.kind == "zip":
        extract_zip(Path(source.location), into, caps)
    elif source.kind == "git":
        _clone(source.location, into, caps)
    else:
        copy_tree(Path(source.location), into, caps)
    return find_root(into, kata_ids)


def _clone(location: str, into: Path, caps: Caps) -> None:
    staging = into.with_name(f"{into.name}-git")
    command = ["git", "-c", "core.symlinks=false", "-c", "core.hooksPath=/dev/null", "clone", "--quiet"]
    command += ["--depth", "1", "--no-tags", "--no-checkout", location, str(staging)]
    env = {"GIT_TERMINAL_PROMPT": "0", "PATH": "/usr/bin:/bin", "HOME": str(into.parent)}
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=120, env=env)
    except FileNotFoundError:
        raise Refused("git is not installed: it is needed to grade a repository") from None
    except subprocess.TimeoutExpired:
        raise Refused(f"cloning {location} took more than 120 s") from None
    except subprocess.CalledProcessError as error:
        raise Refused(f"git could not clone {location}: {error.stderr.decode(errors='replace').strip()}") from None
    _check_tree(staging, location, caps, env)  # sizes and counts read from git's index, before any file is written
    git = ["git", "-c", "core.symlinks=false", "-c", "core.hooksPath=/dev/null", "-C", str(staging)]
    subprocess.run([*git, "checkout", "--quiet", "HEAD", "--", "."], check=True, capture_output=True, env=env)
    copy_tree(staging, into, caps)
    shutil.rmtree(staging, ignore_errors=True)


def _check_tree(staging: Path, location: str, caps: Caps, env: dict[str, str]) -> None:
    listed = subprocess.run(
        ["git", "-C", str(staging), "ls-tree", "-r", "-l", "HEAD"], capture_output=True, text=True, env=env
    )
    if listed.returncode != 0:
        raise Refused(f"{location} has no commit to grade")
    sizes = [
        int(fields[3])
        for line in listed.stdout.splitlines()
        if len(fields := line.split()) >= 4 and fields[3].isdigit()
    ]
    if len(sizes) > caps.max_files:
        raise Refused(f"{location} holds {len(sizes)} files, over the {caps.max_files} a submission may hold")
    if sum(sizes) > caps.max_bytes:
        raise Refused(f"{location} holds {sum(sizes):,} bytes, over the {caps.max_bytes:,} a submission may hold")


def find_root(folder: Path, kata_ids: list[str], depth: int = 3) -> Path:
    """The folder holding the kata folders: the top, or inside wrapping folders (a zip of a folder)."""
    if depth == 0 or _is_submission(folder, kata_ids):
        return folder
    inner = [p for p in folder.iterdir() if p.is_dir() and p.name != "__MACOSX"]
    if len(inner) != 1 or (inner[0] / "__init__.py").exists():
        return folder  # several folders, or a package: this is the submission's top
    return find_root(inner[0], kata_ids, depth - 1)


def read_manifest(root: Path) -> dict[str, Any]:
    """The submission's `submission.json` (written by `kata submit`), or {} when it has none."""
    for place in (root / MANIFEST, root.parent / MANIFEST):
        try:
            data = json.loads(place.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict):
            return data
    return {}


def learner_name(root: Path) -> str | None:
    name = read_manifest(root).get("learner") or read_manifest(root).get("name")
    return name.strip()[:100] if isinstance(name, str) and name.strip() else None


def manifest_mismatches(root: Path) -> list[str]:
    """Files whose content differs from the SHA-256 the manifest lists: edited after `kata submit`."""
    listed = read_manifest(root).get("files")
    if not isinstance(listed, dict):
        return []
    found = []
    inside = root.resolve()
    for relative, digest in sorted(listed.items()):
        path = root / str(relative)
        # A listed path may only name a file of the submission: never the grader's disk (no oracle).
        if Path(str(relative)).is_absolute() or not path.resolve().is_relative_to(inside):
            found.append(f"{relative}:1 is listed in submission.json but lies outside the submission")
        elif not path.is_file():
            found.append(f"{relative}:1 is listed in submission.json but missing")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            found.append(f"{relative}:1 differs from the SHA-256 in submission.json")
    return found
