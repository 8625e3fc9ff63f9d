"""`kata doctor --room`: the set-up check for a laptop in a workshop room.

On top of the machine checks, it proves the copy itself works: the katas load, this folder's
checker is the one installed, there is disk to spare, and a real check of the first kata's public
tests runs end to end. It ends with one verdict line a facilitator can ask the room to read out.
"""

from __future__ import annotations

import json
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import checker
from checker.catalog import CatalogError, load_catalog
from checker.doctor import Finding, run_doctor
from checker.reset import RELEASE_FILE
from checker.runner.process import Limits, check

MIN_FREE = 500 * 1024**2
FIX_COPY = "ask your facilitator for a fresh copy, unzip it into a new folder and install it again"


@dataclass(frozen=True)
class RoomCheck:
    findings: tuple[Finding, ...]

    @property
    def ready(self) -> bool:
        return all(f.ok or not f.blocking for f in self.findings)

    @property
    def verdict(self) -> str:
        python = ".".join(map(str, sys.version_info[:3]))
        if self.ready:
            return f"READY: all {len(self.findings)} checks pass (Python {python})."
        failed = [f.name for f in self.findings if not f.ok and f.blocking]
        return f"NOT READY: {len(failed)} problem(s): {', '.join(failed)}. Fix them with the lines above."


def run_room_doctor(root: Path) -> RoomCheck:
    found = [*run_doctor(root), _copy(root), _installed(root), _disk(root)]
    katas = _katas(root)
    found.append(katas)
    if katas.ok:
        found.append(_smoke(root))
    return RoomCheck(tuple(found))


def _copy(root: Path) -> Finding:
    manifest = root / RELEASE_FILE
    if not manifest.is_file():
        return Finding("this copy", True, "the full project, solutions and hidden suites included")
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        return Finding("this copy", True, f"learner copy built {data['built_at'][:10]}, version {data['tool_version']}")
    except (ValueError, KeyError, TypeError):
        return Finding("this copy", False, f"{RELEASE_FILE} is damaged", FIX_COPY)


def _installed(root: Path) -> Finding:
    mine = (root / "checker").resolve()
    running = Path(checker.__file__).parent.resolve()
    if running == mine:
        return Finding("installed checker", True, "this folder's")
    return Finding(
        "installed checker",
        False,
        f"the environment runs the checker of {running.parent}, not of this folder",
        "run the install line of this folder's README.md from inside this folder",
    )


def _disk(root: Path) -> Finding:
    free = shutil.disk_usage(root).free
    detail = f"{free / 1024**3:.1f} GB free"
    if free >= MIN_FREE:
        return Finding("disk space", True, detail)
    return Finding(
        "disk space", False, detail, "free at least 500 MB: the checks copy the katas into temporary folders"
    )


def _katas(root: Path) -> Finding:
    try:
        catalog = load_catalog(root)
    except CatalogError as error:
        return Finding("katas", False, str(error), FIX_COPY)
    broken = [k.id for k in catalog.katas if not (k.starter.is_dir() and k.public_tests.is_dir())]
    if not catalog.katas or broken:
        return Finding("katas", False, f"missing or incomplete: {', '.join(broken) or 'none found'}", FIX_COPY)
    return Finding("katas", True, f"{len(catalog.katas)}: {', '.join(catalog.ids)}")


def _smoke(root: Path) -> Finding:
    kata = load_catalog(root).katas[0]
    fix = f"run `uv run kata check {kata.id}` and show its output to your facilitator"
    try:
        report = check(kata, hidden=False, limits=Limits(per_test=20.0, per_run=90.0))
    except Exception as error:  # any failure here is the finding itself, shown to the learner
        return Finding("kata check", False, f"could not run the public tests of {kata.id}: {error}", fix)
    if report.problems or not report.tests:
        problem = "; ".join(report.problems)[:300] or "no test ran"
        return Finding("kata check", False, f"could not run the public tests of {kata.id}: {problem}", fix)
    return Finding("kata check", True, f"{len(report.tests)} public tests of {kata.id} ran in {report.seconds:.1f} s")
