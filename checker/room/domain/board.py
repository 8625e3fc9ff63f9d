"""The room at a glance: a row per learner, a column per kata, and what each kata's column says."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import median

from checker.room.domain.model import Learner, Progress, Room
from checker.room.domain.names import skeleton


@dataclass(frozen=True)
class KataColumn:
    kata: str
    title: str
    done: int
    working: int
    hardest: tuple[int, str, int] | None  # (task, title, learners failing it in their latest check)
    median_done: timedelta | None  # median time to pass, among those who passed


@dataclass(frozen=True)
class Row:
    learner: Learner
    cells: dict[str, Progress]
    # Another name in the room reads the same. Joins refuse such names; a room kept from before
    # that rule, or a name taken in a race, can still hold two, and the board then marks both.
    lookalike: bool = False


@dataclass(frozen=True)
class Board:
    room: Room
    columns: tuple[KataColumn, ...]
    rows: tuple[Row, ...]
    now: datetime


def build_board(
    room: Room, katas: Sequence[tuple[str, str]], rows: Sequence[tuple[Learner, Sequence[Progress]]], now: datetime
) -> Board:
    """`katas` is the course, in order, as (id, title); a kata reported but not in it gets a column too."""
    readings = Counter(skeleton(learner.name) for learner, _ in rows)
    board_rows = tuple(
        Row(learner, {p.kata: p for p in cells}, readings[skeleton(learner.name)] > 1) for learner, cells in rows
    )
    known = dict(katas)
    for row in board_rows:
        for kata in row.cells:
            known.setdefault(kata, kata)
    columns = tuple(
        _column(kata, title, [r.cells[kata] for r in board_rows if kata in r.cells]) for kata, title in known.items()
    )
    return Board(room, columns, board_rows, now)


def _column(kata: str, title: str, cells: list[Progress]) -> KataColumn:
    done = [p for p in cells if p.done]
    failing = Counter(task for p in cells if not p.done for task in p.failing)
    hardest = None
    if failing:
        (number, task_title), count = min(failing.items(), key=lambda item: (-item[1], item[0][0]))
        hardest = (number, task_title, count)
    times = [p.spent(p.finished_at) for p in done if p.finished_at is not None]
    return KataColumn(kata, title, len(done), len(cells) - len(done), hardest, _median(times))


def _median(spans: list[timedelta]) -> timedelta | None:
    # statistics.median is typed for numbers; a median of durations is a median of their seconds.
    return timedelta(seconds=median(s.total_seconds() for s in spans)) if spans else None
