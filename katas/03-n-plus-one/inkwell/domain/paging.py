"""A page of a listing: how many items, from where, and whether another page follows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100

T = TypeVar("T")


@dataclass(frozen=True)
class PageRequest:
    limit: int
    offset: int

    def cut(self, rows: Sequence[T]) -> tuple[list[T], int | None]:
        """The rows of the page and the next page's offset, from every row of the listing."""
        # TODO(kata): the API's memory climbs with every post written, even for a page of two.
        end = self.offset + self.limit
        return list(rows[self.offset : end]), end if len(rows) > end else None
