"""Builds a learner copy: the chosen katas, their notebooks and docs pages, and the checker.

Nothing of `solutions/` is copied, nor the facilitator-only parts of the checker; docs pages lose
their snippets of solution files; notebooks, which run the reference solution, become read-only
pages with their stored output; the copy's pyproject.toml installs the loop alone (and, with a
wheelhouse, installs it with no network); and the finished copy is audited by content before it is
reported as built. The builder only ever writes inside the folder it is given, and refuses a
folder that already holds files unless told to.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import checker
from checker.catalog import Catalog, Kata
from checker.catalog.files import PRIVATE, ignore_generated
from checker.errors import KataError
from checker.reset import RELEASE_FILE, keep_shipped_starter, shipped_starter
from checker.runner.process import count_reviewer_checks
from checker.workshop.audit import Leak, find_leaks
from checker.workshop.learner_project import LearnerProjectError, Offline, learner_pyproject
from checker.workshop.notebook_page import notebook_page
from checker.workshop.readme import learner_readme
from checker.workshop.version import tool_version
from checker.workshop.wheelhouse import FOLDER, Wheelhouse, fill_wheelhouse

_IGNORED = ignore_generated(*PRIVATE, "*.egg-info")
# The room's server runs on the facilitator's machine; a learner copy needs only its client. The
# server is also built the way the katas teach (Results, problem details), so it stays out.
FACILITATOR_ONLY = ("room/domain", "room/application", "room/infrastructure", "room/interface")
_SOLUTION_SNIPPET = re.compile(r"""^(?P<indent>\s*)--8<--\s*["']?solutions/\S*?["']?\s*$""")
_HIDDEN_NOTE = "# The reference solution is not part of this copy: your facilitator has it."


class ReleaseError(KataError):
    """The copy cannot be built where or as asked; the message says why and what to do."""


@dataclass(frozen=True)
class Release:
    folder: Path
    katas: tuple[Kata, ...]
    files: int
    leaks: tuple[Leak, ...]
    wheelhouse: Wheelhouse | None = None

    @property
    def safe(self) -> bool:
        return not self.leaks


def build_release(
    catalog: Catalog,
    out: Path,
    kata_ids: list[str] | None = None,
    *,
    force: bool = False,
    wheelhouse: bool = False,
) -> Release:
    """Write the learner copy into `out` and audit it; raises ReleaseError when it cannot be built.

    A copy that the audit finds leaking is still returned, with its leaks: the caller must not
    hand it out (`Release.safe` is False).
    """
    katas = _chosen(catalog, kata_ids)
    out = _prepare(out.expanduser().resolve(), catalog.root, force=force)
    root = catalog.root
    _copy_checker(out / "checker")
    if (root / ".gitignore").is_file():
        shutil.copyfile(root / ".gitignore", out / ".gitignore")
    project_toml = (root / "pyproject.toml").read_text(encoding="utf-8")
    _write_pyproject(out, project_toml)
    for kata in katas:
        _copy_kata(kata, out)
        _note_reviewer_checks(kata, out)
    wheels = fill_wheelhouse(out) if wheelhouse else None
    if wheels:
        # Only now: the wheels are pinned from the copy's plain settings, then the copy is told to use them alone.
        _write_pyproject(out, project_toml, Offline(FOLDER, wheels.sys_platform, wheels.machine, wheels.python))
        (out / ".python-version").write_text(wheels.python + "\n", encoding="utf-8")
    platform = wheels.platform if wheels else ""
    readme = learner_readme(katas, wheelhouse=bool(wheels), platform=platform, python=wheels.python if wheels else "")
    (out / "README.md").write_text(readme, encoding="utf-8")
    manifest = {
        "katas": [k.id for k in katas],
        "tool_version": tool_version(root),
        "built_at": _now(),
        "wheelhouse": platform or None,
    }
    (out / RELEASE_FILE).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    leaks = tuple(find_leaks(out, root))
    files = sum(1 for p in out.rglob("*") if p.is_file())
    return Release(folder=out, katas=katas, files=files, leaks=leaks, wheelhouse=wheels)


def _chosen(catalog: Catalog, kata_ids: list[str] | None) -> tuple[Kata, ...]:
    if not kata_ids:
        return catalog.katas
    wanted = {catalog.get(kata_id).id for kata_id in kata_ids}  # raises with a did-you-mean
    return tuple(kata for kata in catalog.katas if kata.id in wanted)


def _prepare(out: Path, project: Path, *, force: bool) -> Path:
    if out == project or out in project.parents or project in out.parents:
        raise ReleaseError(
            f"{out} is the project folder, holds it, or is inside it: choose a folder outside {project}."
        )
    if out in (Path.home(), Path(out.anchor)) or out == Path.cwd() or out in Path.cwd().parents:
        raise ReleaseError(
            f"{out} is your home, the root, or holds the current folder: choose a new folder for the copy."
        )
    if out.exists() and not out.is_dir():
        raise ReleaseError(f"{out} is a file: choose a folder.")
    if out.is_dir() and any(out.iterdir()):
        if not force:
            raise ReleaseError(f"{out} is not empty: choose an empty folder, or add --force to replace its content.")
        _empty(out)
    out.mkdir(parents=True, exist_ok=True)
    return out


def _empty(folder: Path) -> None:
    """Remove what `folder` holds; links are removed as links, never followed out of it."""
    for child in folder.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()


def _copy_checker(target: Path) -> None:
    source = Path(checker.__file__).parent
    shutil.copytree(source, target, ignore=_IGNORED)
    for part in FACILITATOR_ONLY:
        if (target / part).is_dir():
            shutil.rmtree(target / part)


def _copy_kata(kata: Kata, out: Path) -> None:
    shutil.copytree(kata.folder, out / "katas" / kata.id, ignore=_IGNORED)
    # The starter as the project ships it (git's HEAD), never the facilitator's tried-out working copy.
    shipped = shipped_starter(kata)
    package = out / "katas" / kata.id / kata.package
    shutil.rmtree(package)
    shutil.copytree(shipped, package, ignore=_IGNORED)
    keep_shipped_starter(kata, shipped, out)
    page = kata.notebook.with_suffix(".html")  # a copy built from a copy has the page, not the notebook
    if kata.notebook.is_file() or page.is_file():
        (out / "notebooks").mkdir(exist_ok=True)
        rendered = notebook_page(kata.notebook) if kata.notebook.is_file() else page.read_text(encoding="utf-8")
        (out / "notebooks" / page.name).write_text(rendered, encoding="utf-8")
    docs_page = kata.root / "docs" / "katas" / f"{kata.id}.md"
    if docs_page.is_file():
        (out / "docs" / "katas").mkdir(parents=True, exist_ok=True)
        (out / "docs" / "katas" / docs_page.name).write_text(
            without_solution_snippets(docs_page.read_text(encoding="utf-8")), encoding="utf-8"
        )


def _write_pyproject(out: Path, project_toml: str, offline: Offline | None = None) -> None:
    try:
        text = learner_pyproject(project_toml, offline)
    except LearnerProjectError as error:
        raise ReleaseError(str(error)) from None
    (out / "pyproject.toml").write_text(text, encoding="utf-8")


def _note_reviewer_checks(kata: Kata, out: Path) -> None:
    """Tell the copy how many checks the reviewer's suite adds, so it never claims a kata passes."""
    if not kata.has_hidden_suite:
        return
    count = count_reviewer_checks(kata)
    metadata = out / "katas" / kata.id / "kata.toml"
    lines = metadata.read_text(encoding="utf-8").splitlines(keepends=True)
    # A top-level key must come before the first [[tasks]] table, or TOML files it under that table.
    first_table = next((i for i, line in enumerate(lines) if line.lstrip().startswith("[")), len(lines))
    note = [
        "# Written by kata release: the checks the reviewer's hidden suite adds to the public ones.\n",
        f"reviewer_checks = {count}\n",
        "\n",
    ]
    metadata.write_text("".join(lines[:first_table] + note + lines[first_table:]), encoding="utf-8")


def without_solution_snippets(page: str) -> str:
    """A docs page whose snippets of `solutions/` files are replaced by a note."""
    lines = []
    for line in page.splitlines(keepends=True):
        match = _SOLUTION_SNIPPET.match(line.rstrip("\n"))
        lines.append(f"{match['indent']}{_HIDDEN_NOTE}\n" if match else line)
    return "".join(lines)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
