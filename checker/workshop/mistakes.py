"""The mistakes learners make most, per kata: the wrong submissions its decoys stand for."""

from __future__ import annotations

from dataclasses import dataclass

from checker.catalog import CatalogError, Kata
from checker.decoys import load_decoys


@dataclass(frozen=True)
class Mistake:
    kata: str
    name: str
    about: str
    tasks: tuple[int, ...]


def common_mistakes(kata: Kata) -> list[Mistake]:
    """The kata's failing decoys; [] in a learner copy, which has none."""
    if not kata.decoys.is_dir():
        return []
    try:
        decoys = load_decoys(kata)
    except CatalogError:
        return []
    return [Mistake(kata.id, d.name, d.about, d.fails) for d in decoys if d.expect == "fail"]
