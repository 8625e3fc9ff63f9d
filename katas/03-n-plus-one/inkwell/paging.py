"""Page parameters shared by every listing: a default size, a maximum, an offset."""

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


def paging(
    # TODO(kata): Task 4. Refuse a limit above MAX_PAGE_SIZE (and below 1) with a 422:
    # declare the bounds on the Query.
    limit: Annotated[int, Query()] = DEFAULT_PAGE_SIZE,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Paging:
    return Paging(limit=limit, offset=offset)


def cut(rows: Sequence[T], paging: Paging) -> tuple[list[T], int | None]:
    """The rows of the page and the next page's offset, from every row of the listing."""
    # TODO(kata): Task 4. Stop slicing the whole listing in Python: fetch the page with LIMIT
    # and OFFSET in SQL (one row more than the page, to know whether a next page exists).
    end = paging.offset + paging.limit
    return list(rows[paging.offset : end]), end if len(rows) > end else None
