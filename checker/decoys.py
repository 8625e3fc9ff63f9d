"""Decoys: plausible wrong submissions, and alternative right ones, that prove a suite judges well.

Each decoy is a `decoy.toml` that says what the suite must conclude about it, and the mistake
itself as `mistake.diff`: a unified diff against its base copy (the solution or the starter).
Other files in the folder are laid over the base as they are.
"""

from __future__ import annotations

import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path

from checker.catalog import CatalogError, Kata, read_rules
from checker.catalog.files import ignore_generated, is_generated
from checker.patch import PatchError, apply

DIFF = "mistake.diff"

_FIELDS = {"about", "base", "breaks", "expect", "fails", "remove"}


@dataclass(frozen=True)
class Decoy:
    kata: Kata
    name: str
    folder: Path
    about: str
    base: str  # "solution" or "starter"
    expect: str  # "fail" or "pass"
    fails: tuple[int, ...]
    remove: tuple[str, ...]
    breaks: tuple[str, ...] = ()  # the README rules it breaks; one alone proves that rule is judged

    def assemble(self, into: Path) -> Path:
        """Build the decoy as a kata folder under `into`; returns that folder."""
        source = self.kata.solution_folder if self.base == "solution" else self.kata.folder
        target = into / self.kata.id
        shutil.copytree(source / self.kata.package, target / self.kata.package, ignore=ignore_generated())
        for relative in self.remove:
            victim = target / relative
            shutil.rmtree(victim) if victim.is_dir() else victim.unlink()
        diff = self.folder / DIFF
        if diff.is_file():
            try:
                apply(diff.read_text(encoding="utf-8"), target)
            except (PatchError, OSError) as error:
                raise CatalogError(
                    f"{diff.relative_to(self.kata.root).as_posix()}: {error}; regenerate the diff."
                ) from None
        for path in self.folder.rglob("*"):
            if (
                path.is_file()
                and path.name not in ("decoy.toml", DIFF)
                and not is_generated(path.relative_to(self.folder))
            ):
                destination = target / path.relative_to(self.folder)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, destination)
        return target


def load_decoys(kata: Kata) -> list[Decoy]:
    return [_load(kata, path) for path in sorted(kata.decoys.glob("*/decoy.toml"))]


def _load(kata: Kata, path: Path) -> Decoy:
    where = path.relative_to(kata.root).as_posix()
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    unknown = set(data) - _FIELDS
    if unknown:
        raise CatalogError(f"{where}: field '{sorted(unknown)[0]}' is not known; expected one of {sorted(_FIELDS)}.")
    base, expect = data.get("base", "solution"), data.get("expect", "fail")
    fails = tuple(data.get("fails", ()))
    if base not in ("solution", "starter"):
        raise CatalogError(f"{where}: field 'base' is {base!r}; expected 'solution' or 'starter'.")
    if expect not in ("fail", "pass"):
        raise CatalogError(f"{where}: field 'expect' is {expect!r}; expected 'fail' or 'pass'.")
    if expect == "fail" and not fails:
        raise CatalogError(f"{where}: field 'fails' is empty; expected the task numbers this decoy must fail.")
    if any(kata.task(n) is None for n in fails):
        raise CatalogError(f"{where}: field 'fails' is {list(fails)}; expected task numbers of {kata.id}.")
    breaks = tuple(str(rule) for rule in data.get("breaks", ()))
    known = {rule.id: rule for rule in read_rules(kata.readme)}
    for rule in breaks:
        if rule not in known:
            raise CatalogError(f"{where}: field 'breaks' names rule {rule!r}; expected a rule numbered in README.md.")
        if expect == "pass" or known[rule].task not in fails:
            raise CatalogError(
                f"{where}: field 'breaks' names rule {rule}, of task {known[rule].task}; "
                f"expected that task in 'fails' (a decoy that breaks a rule loses its task)."
            )
    if not str(data.get("about", "")).strip():
        raise CatalogError(f"{where}: field 'about' is missing; expected one sentence on what the decoy does.")
    remove = tuple(data.get("remove", ()))
    return Decoy(kata, path.parent.name, path.parent, data["about"], base, expect, fails, remove, breaks)
