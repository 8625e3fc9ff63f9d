"""Fixtures for the grading tests: submissions built on the fly, tight limits, one kata.

Every attack is laid over a "blank" package whose honest score is 0: any point it earns would be
a point the attack forged. Limits are tight so that the attacks that burn time stay cheap.
"""

from __future__ import annotations

import sys

if sys.platform != "linux":  # the reviewers' sandbox is Linux-first (rlimits, namespaces, cgroups)
    collect_ignore_glob = ["test_*.py"]

import shutil
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from checker import bubblewrap
from checker.catalog import Catalog, load_catalog
from checker.grading.archive import Caps
from checker.grading.grader import GradeOptions
from checker.grading.jail import Confinement
from checker.runner.process import Limits

ROOT = Path(__file__).resolve().parents[2]
KATA = "00-welcome"

BLANK = {
    "__init__.py": '"""Inkwell, not started."""\n',
    "text.py": (
        "MAX_SLUG_LENGTH = 60\n\n\n"
        "def normalise_email(raw):\n    raise NotImplementedError\n\n\n"
        "def slugify(title):\n    raise NotImplementedError\n\n\n"
        "def unique_slug(title, taken):\n    raise NotImplementedError\n"
    ),
    "app.py": 'def create_app(database_url="sqlite://"):\n    raise NotImplementedError\n',
}

# The grading sandbox, where this machine has one; the tests that need it skip and say why otherwise
# (`.ci/run` installs bubblewrap).
NO_SANDBOX = bubblewrap.problem()
needs_sandbox = pytest.mark.skipif(NO_SANDBOX is not None, reason=f"no grading sandbox here: {NO_SANDBOX}")

TIGHT = GradeOptions(
    katas=(KATA,),
    workers=2,
    # Tight enough that the attacks which burn time stay cheap (a loop at import and a fork bomb
    # each last the whole run), loose enough for an honest run of 00-welcome: about 1 s in the
    # sandbox alone, 3 s on a loaded 2-core machine.
    limits=Limits(per_test=4.0, per_run=12.0),
    rules=Confinement(cpu_seconds=30, memory_bytes=1024**3, processes=48, file_bytes=8 * 1024**2, open_files=256),
    caps=Caps(max_bytes=10 * 1024**2, max_files=500),
    sandbox=NO_SANDBOX is None,
)


def roomy(kata_id: str, judge: str) -> GradeOptions:
    """TIGHT for one kata's whole suite: `kata check`'s limits, so that a loaded machine does not turn a
    slow honest test into a failure, and `kata grade`'s own confinement (06-guard's suite needs more
    threads than TIGHT allows)."""
    return replace(
        TIGHT, katas=(kata_id,), judge=judge, limits=Limits(per_test=20.0, per_run=180.0), rules=Confinement()
    )


@pytest.fixture(scope="session")
def grading_catalog() -> Catalog:
    return load_catalog(ROOT)


def submission(
    folder: Path,
    base: str = "blank",
    package: dict[str, str] | None = None,
    files: dict[str, str] | None = None,
    kata: str = KATA,
) -> Path:
    """A submission folder holding katas/<kata>/inkwell/ (00-welcome's unless said): `base` with
    `package` files laid over, and `files` placed by their path relative to the submission."""
    pkg = folder / "katas" / kata / "inkwell"
    if base == "blank":
        pkg.mkdir(parents=True)
        for name, text in BLANK.items():
            (pkg / name).write_text(text)
    else:
        source = ROOT / ("solutions" if base == "solution" else "katas") / kata / "inkwell"
        shutil.copytree(source, pkg, ignore=shutil.ignore_patterns("__pycache__"))
    for name, text in (package or {}).items():
        (pkg / name).write_text(text)
    for name, text in (files or {}).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return folder


def zipped(folder: Path, archive: Path) -> Path:
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                bundle.write(path, path.relative_to(folder).as_posix())
    return archive
