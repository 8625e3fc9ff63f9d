"""Finds the submissions behind the paths a reviewer gives, and brings each into a private folder.

A path is a submission (a folder holding kata folders, a `.zip`, a git repository or URL) or a
folder of submissions. A submission holds kata folders laid out as in `katas/` (`katas/<id>/` or
`<id>/` at its top, possibly inside one wrapping folder); a kata folder or a package given alone
is one submission too. `kata submit` writes `submission.json` with the learner's name; without it
a submission is named by its path.

A kata counts as handed in only when its package differs from the starter the project ships:
`kata submit` zips every kata folder, and an untouched starter is not an attempt.
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

from checker.catalog import Kata
from checker.catalog.files import is_generated
from checker.grading.archive import Caps, Refused, copy_tree, extract_zip
from checker.reset import ResetError, shipped_starter

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
        return [Source(_owner(path, kata_ids), str(path), "folder")]
    children = sorted(p for p in path.iterdir() if not p.name.startswith((".", "_")))
    return [
        Source(_stem(child.name), str(child), "zip" if child.is_file() else "git" if _is_bare_repo(child) else "folder")
        for child in children
        if child.is_dir() or child.suffix.lower() == ".zip"
    ]


def _is_submission(path: Path, kata_ids: list[str]) -> bool:
    markers = ["katas", MANIFEST, *kata_ids]
    return any((path / marker).exists() for marker in markers) or _holds_package(path) or _is_alone(path, kata_ids)


def _is_alone(path: Path, kata_ids: list[str]) -> bool:
    """A kata folder (`katas/00-welcome/`) or a package (`inkwell/`) given as the path itself."""
    return (path / "__init__.py").is_file() or (path.name in kata_ids and _holds_package(path))


def _holds_package(path: Path) -> bool:
    try:
        return any(child.is_dir() and (child / "__init__.py").is_file() for child in path.iterdir())
    except OSError:
        return False


def _owner(path: Path, kata_ids: list[str]) -> str:
    """A submission's name: its folder's, or for `ada/katas/00-welcome/inkwell` the learner's folder."""
    resolved = path.resolve()
    for folder in (resolved, *resolved.parents):
        if folder.name not in ("katas", *kata_ids) and not (folder / "__init__.py").is_file():
            return folder.name or resolved.name
    return resolved.name


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
    elif _is_alone(Path(source.location), kata_ids):
        # Keep its name, so that its kata (00-welcome/) or its place (inkwell/) is still known.
        copy_tree(Path(source.location), into / Path(source.location).resolve().name, caps)
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


def kata_folders(root: Path, katas: list[Kata]) -> dict[str, Path | None]:
    """The folder of each kata in the submission at `root`, None where it has none.

    A bare package (an upload of `inkwell/`) is the one kata graded, or else the kata whose
    starter has its modules; when no kata stands out it is refused with what to do."""
    found = {k.id: _kata_folder(root, k) for k in katas}
    bare = [k for k in katas if (root / k.package).is_dir()]
    if any(found.values()) or not bare:
        return found
    kata = bare[0] if len(katas) == 1 else _closest(root / bare[0].package, bare)
    if kata is None:
        raise Refused(
            f"the submission is a bare {bare[0].package}/ package, which names no kata: "
            f"grade it with --katas <id>, or hand it in as <id>/{bare[0].package}/"
        )
    return {**found, kata.id: root}


def _kata_folder(root: Path, kata: Kata) -> Path | None:
    for folder in (root / "katas" / kata.id, root / kata.id):
        if (folder / kata.package).is_dir():
            return folder
    return None


def _closest(package: Path, katas: list[Kata]) -> Kata | None:
    """The kata whose starter's modules match the package's best, when one clearly does."""
    modules = _modules(package)
    scores = sorted(((_overlap(modules, _modules(k.starter)), k.id) for k in katas), reverse=True)
    best = scores[0][0] if scores else 0.0
    if best < 0.5 or (len(scores) > 1 and scores[1][0] == best):
        return None
    return next(k for k in katas if k.id == scores[0][1])


def _modules(package: Path) -> set[str]:
    return {p.relative_to(package).as_posix() for p in package.rglob("*.py")} if package.is_dir() else set()


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def untouched(folder: Path, kata: Kata, starter: str | None) -> bool:
    """True when the kata's package in `folder` is the shipped starter, file for file."""
    return starter is not None and package_digest(folder / kata.package) == starter


def starter_digest(kata: Kata) -> str | None:
    """The digest of the starter the project ships, or None where none is known (nothing is then
    taken for untouched)."""
    try:
        return package_digest(shipped_starter(kata))
    except (ResetError, OSError):
        return None


def package_digest(package: Path) -> str:
    """One SHA-256 over a package's files, paths and contents, with caches left out and line endings
    made Unix ones (a zip made on Windows holds the same starter)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.is_file() and not is_generated(p.relative_to(package))):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes().replace(b"\r\n", b"\n") + b"\0")
    return digest.hexdigest()
