"""Staged hints: a nudge, then the technique, then the shape of the code; the solution last."""

from __future__ import annotations

from dataclasses import dataclass

from checker.catalog import Kata
from checker.errors import KataError
from checker.progress import ProgressStore


class HintError(KataError):
    """The task or level asked for does not exist; the message lists what does."""


@dataclass(frozen=True)
class Hint:
    kata: str
    task: int
    task_title: str
    level: int
    levels: int
    text: str


def next_level(kata: Kata, store: ProgressStore, task: int) -> int:
    """The level to show next for a task: one past the highest already shown, capped at the last."""
    shown = store.of(kata.id).hints.get(task, 0)
    return min(shown + 1, len(_task(kata, task).hints))


def show_hint(kata: Kata, store: ProgressStore, task: int, level: int | None = None) -> Hint:
    chosen = _task(kata, task)
    level = level if level is not None else next_level(kata, store, task)
    if not 1 <= level <= len(chosen.hints):
        raise HintError(f"Task {task} of {kata.id} has hint levels 1 to {len(chosen.hints)}; {level} is not one.")
    store.record_hint(kata.id, task, level)
    return Hint(kata.id, task, chosen.title, level, len(chosen.hints), chosen.hints[level - 1])


def _task(kata: Kata, number: int):  # type: ignore[no-untyped-def]
    task = kata.task(number)
    if task is None:
        raise HintError(f"{kata.id} has tasks 1 to {len(kata.tasks)}; there is no task {number}.")
    return task
