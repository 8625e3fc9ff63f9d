"""A page of a listing: how many items, from where, and whether another page follows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# OFFSET makes the database read and throw away every row before the page: the deepest page a
# client may ask for is bounded, like the largest one.
MAX_OFFSET = 10_000

T = TypeVar("T")


@dataclass(frozen=True)
class PageRequest:
    limit: int
    offset: int

    @property
    def fetch(self) -> int:
        # One row more than the page shows: it only tells whether a next page exists.
        return self.limit + 1

    def cut(self, rows: Sequence[T]) -> tuple[list[T], int | None]:
        """The rows to show and the next page's offset, from rows fetched with `fetch`."""
        more = len(rows) > self.limit
        return list(rows[: self.limit]), self.offset + self.limit if more else None
