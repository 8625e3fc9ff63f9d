"""Builds a Gradescope autograder zip: the checker, the chosen katas' suites, and the two scripts
Gradescope runs (`setup.sh` once per image, `run_autograder` once per submission).

The reference solutions and decoys never go in: only `kata.toml`, the README, the public tests,
the hidden suite of each kata, and its starter as shipped (kept where `kata grade` looks for it,
so that an upload of the untouched starter is "not attempted", not points).

Gradescope unpacks the zip into `/autograder/source`: the scripts sit at the zip's top beside the
project they run. Both work in `$AUTOGRADER` (Gradescope's `/autograder` unless set), so that
they can be tried in any folder.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from checker.catalog import Kata
from checker.catalog.files import GENERATED
from checker.reset import shipped_starter, starters_folder

SETUP = """#!/usr/bin/env bash
# Gradescope runs this once when it builds the autograder image.
set -euo pipefail
AUTOGRADER="${AUTOGRADER:-/autograder}"
export PATH="$HOME/.local/bin:$PATH"
if ! command -v uv >/dev/null; then
    apt-get update
    apt-get install -y --no-install-recommends ca-certificates curl
    curl -LsSf https://astral.sh/uv/install.sh | sh
fi
cd "$AUTOGRADER/source"
uv sync --no-dev  # the pins in pyproject.toml (constraint-dependencies) fix every version
"""

RUN = """#!/usr/bin/env bash
# Gradescope runs this for each submission; it must leave $AUTOGRADER/results/results.json.
set -uo pipefail
AUTOGRADER="${{AUTOGRADER:-/autograder}}"
export PATH="$HOME/.local/bin:$PATH"
cd "$AUTOGRADER/source"
grades="$(mktemp -d)"
# The reference solutions stay out of this zip, so the outside judge (which runs them) cannot:
# the run's own outcomes decide, with the canaries and the manifest (docs/reviewers.md).
uv run --no-sync --no-dev kata grade "$AUTOGRADER/submission" --one --katas {katas} \\
    --workers 2 --timeout {timeout:g} --judge process --out "$grades"
mkdir -p "$AUTOGRADER/results"
cp "$grades/submissions/submission/gradescope/results.json" "$AUTOGRADER/results/results.json" \\
    || echo '{{"score": 0, "output": "The grader could not run: ask your instructor."}}' > "$AUTOGRADER/results/results.json"
"""

_SKIP = GENERATED


def build_gradescope_zip(root: Path, katas: list[Kata], out: Path, *, timeout: float = 10.0) -> list[str]:
    """Write the autograder zip to `out`; returns the paths it holds."""
    names: list[str] = []
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:

        def add(path: Path, name: str, mode: int = 0o644) -> None:
            info = zipfile.ZipInfo(name)
            info.external_attr = (0o100000 | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            bundle.writestr(info, path.read_bytes())
            names.append(name)

        def add_text(text: str, name: str, mode: int) -> None:
            info = zipfile.ZipInfo(name)
            info.external_attr = (0o100000 | mode) << 16
            bundle.writestr(info, text)
            names.append(name)

        add_text(SETUP, "setup.sh", 0o755)
        add_text(RUN.format(katas=",".join(k.id for k in katas), timeout=timeout), "run_autograder", 0o755)
        for name in ("pyproject.toml", "uv.lock", "README.md"):
            if (root / name).is_file():
                add(root / name, name)
        for path in _files(root / "checker"):
            add(path, path.relative_to(root).as_posix())
        for kata in katas:
            for name in ("kata.toml", "README.md"):
                if (kata.folder / name).is_file():
                    add(kata.folder / name, f"katas/{kata.id}/{name}")
            for path in [*_files(kata.public_tests), *_files(kata.hidden_tests)]:
                add(path, path.relative_to(root).as_posix())
            starter = shipped_starter(kata)
            kept = (starters_folder(root) / kata.id / kata.package).relative_to(root).as_posix()
            for path in _files(starter):
                add(path, f"{kept}/{path.relative_to(starter).as_posix()}")
    return names


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and not _SKIP & set(p.parts))
