"""Page parameters shared by every listing: a default size, a hard maximum, an offset."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, TypeVar

from fastapi import Query

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100

T = TypeVar("T")


@dataclass(frozen=True)
class Paging:
    limit: int
    offset: int

    @property
    def fetch(self) -> int:
        # One row more than the page shows: it only tells whether a next page exists.
        return self.limit + 1


def paging(
    # The hard maximum is what keeps one request from reading a whole table.
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = DEFAULT_PAGE_SIZE,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Paging:
    return Paging(limit=limit, offset=offset)


def cut(rows: Sequence[T], paging: Paging) -> tuple[list[T], int | None]:
    """The rows to show and the next page's offset, from rows fetched with `paging.fetch`."""
    more = len(rows) > paging.limit
    return list(rows[: paging.limit]), paging.offset + paging.limit if more else None
