"""Statements recorded on the learner's engine, grouped by shape for failure messages.

A listener on `before_cursor_execute` sees every statement the engine sends to the database,
whatever wrote it: the ORM, Core or hand-written SQL. Two statements have the same shape when
they differ only in literals and in the length of an IN (...) list: a shape that ran once per
row of a page is the signature of an N+1.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import event
from sqlalchemy.engine import Engine

_STRING = re.compile(r"'(?:[^']|'')*'")
_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?\b")
_IN_LIST = re.compile(r"\bIN \((?:\?|, )+\)", re.IGNORECASE)
_FROM = re.compile(r"\sFROM\s", re.IGNORECASE)
_SHOWN_SHAPES = 6
_SHAPE_WIDTH = 150


@dataclass(frozen=True)
class Statement:
    sql: str
    parameters: tuple

    @property
    def is_select(self) -> bool:
        return self.sql.lstrip().upper().startswith(("SELECT", "WITH"))

    @property
    def shape(self) -> str:
        return shape_of(self.sql)

    @property
    def flat(self) -> str:
        """The SQL on one line, literals kept."""
        return " ".join(self.sql.split())


def shape_of(sql: str) -> str:
    flat = " ".join(sql.split())
    flat = _IN_LIST.sub("IN (...)", _NUMBER.sub("?", _STRING.sub("?", flat)))
    if flat.upper().startswith("SELECT "):
        at = _top_level_from(flat)
        if at is not None:
            flat = "SELECT ..." + flat[at:]
    return flat if len(flat) <= _SHAPE_WIDTH else flat[: _SHAPE_WIDTH - 4] + " ..."


def _top_level_from(flat: str) -> int | None:
    for match in _FROM.finditer(flat):
        before = flat[: match.start()]
        if before.count("(") == before.count(")"):
            return match.start()
    return None


class Recorder:
    """Listens on one engine; records only inside `during()`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._current: list[Statement] | None = None
        event.listen(engine, "before_cursor_execute", self._record)

    def _record(self, conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        if self._current is not None and not executemany:
            self._current.append(Statement(statement, tuple(parameters or ())))

    @contextmanager
    def during(self) -> Iterator[list[Statement]]:
        recorded: list[Statement] = []
        self._current = recorded
        try:
            yield recorded
        finally:
            self._current = None

    def returned(self, statements: list[Statement]) -> list[list[tuple]]:
        """Replays each SELECT on the same data: the rows the database returned, value by value.

        What the database returned, not the text of the SQL, is what the rules about rows and
        columns judge: no spelling of a statement (`SELECT *`, an alias, a subquery) escapes it.
        """
        with self.engine.connect() as conn:
            return [[tuple(row) for row in conn.exec_driver_sql(s.sql, s.parameters).fetchall()] for s in statements]


def selects(statements: list[Statement]) -> list[Statement]:
    return [s for s in statements if s.is_select]


def grouped(statements: list[Statement], shown: int = _SHOWN_SHAPES) -> str:
    """The statements by shape, most frequent first: 'SELECT ... FROM users WHERE ...  ran 60 times'."""
    if not statements:
        return "    (no statement)"
    counts = Counter(s.shape for s in statements)
    lines = [f"    {shape}  {_ran(n)}" for shape, n in counts.most_common(shown)]
    if len(counts) > shown:
        rest = sum(n for _, n in counts.most_common()[shown:])
        lines.append(f"    ... and {len(counts) - shown} more shapes ({rest} statements)")
    return "\n".join(lines)


def _ran(n: int) -> str:
    return "ran once" if n == 1 else f"ran {n} times"
