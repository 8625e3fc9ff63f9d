"""What a kata says about its mutants: the files not mutated, and the survivors that are equivalent.

Both live in `solutions/<id>/decoys/equivalent-mutants.toml`, beside the decoys:

    [skip]
    "inkwell/db.py" = "engine set-up: every mutant of it stops the app from starting"

    [[equivalent]]
    mutant = "inkwell/text.py::_cap: `<=` -> `<` #1"
    why = "at exactly the cap, both branches return the slug unchanged"
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from checker.catalog import CatalogError, Kata

FILE = "equivalent-mutants.toml"


@dataclass(frozen=True)
class Explained:
    path: Path
    skip: dict[str, str] = field(default_factory=dict)  # file -> why it is not mutated
    equivalent: dict[str, str] = field(default_factory=dict)  # mutant id -> why it changes no behaviour


def explained(kata: Kata) -> Explained:
    path = kata.decoys / FILE
    where = path.relative_to(kata.root).as_posix() if path.is_relative_to(kata.root) else str(path)
    if not path.is_file():
        return Explained(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise CatalogError(f"{where}: not valid TOML ({error}); fix the syntax.") from None
    skip = data.get("skip", {})
    if not isinstance(skip, dict) or not all(isinstance(v, str) and v.strip() for v in skip.values()):
        raise CatalogError(f"{where}: [skip] must map file paths to a reason each.")
    equivalent: dict[str, str] = {}
    for index, entry in enumerate(data.get("equivalent", [])):
        mutant, why = entry.get("mutant"), entry.get("why")
        if not (isinstance(mutant, str) and isinstance(why, str) and why.strip()):
            raise CatalogError(f"{where}: equivalent[{index}] needs `mutant` (its id) and `why` (one line).")
        equivalent[mutant] = why
    return Explained(path, dict(skip), equivalent)
