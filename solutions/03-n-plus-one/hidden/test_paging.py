"""Task 4: every listing is bounded: a default size, a hard maximum, LIMIT in the SQL."""

from __future__ import annotations

import pytest

from checker.testkit import expect

LISTINGS = ["/feed", "/authors", "/authors/1/posts"]


@pytest.mark.task(4, points=4)
def test_the_other_listings_refuse_a_page_above_the_maximum(large):
    codes = {path: large.get(f"{path}?limit=101").response.status_code for path in LISTINGS[1:]}
    expect(
        all(code == 422 for code in codes.values()),
        did="GET /authors?limit=101 and GET /authors/1/posts?limit=101",
        saw=", ".join(f"{path}: {code}" for path, code in codes.items()),
        expected="422 for both",
        why="Without a hard maximum one request can ask for the whole table. Declare the limit as Query(ge=1, le=100).",
    )


@pytest.mark.task(4, points=3)
def test_every_listing_shows_twenty_items_when_no_limit_is_given(large):
    sizes = {}
    for path in LISTINGS:
        response = large.get(path).response
        body = response.json() if response.status_code == 200 else {}
        sizes[path] = (len(body.get("items", [])), body.get("next_offset"))
    expect(
        all(size == (20, 20) for size in sizes.values()),
        did=f"GET {', '.join(LISTINGS)} without limit, on {large.name}",
        saw=", ".join(f"{path}: {n} items, next_offset {nxt}" for path, (n, nxt) in sizes.items()),
        expected="20 items and next_offset 20 for each",
        why="The default page size is 20, and each listing has more than 20 rows.",
    )


@pytest.mark.task(4, points=3)
@pytest.mark.parametrize("path", LISTINGS, ids=["feed", "authors", "author-page"])
def test_a_short_page_fetches_as_many_rows_from_a_large_table_as_from_a_small_one(small, large, path, hint):
    url = f"{path}?limit=2"
    few, many = small.get(url), large.get(url)
    few_rows, many_rows = small.rows(few), large.rows(many)
    limited = any("LIMIT" in s.flat.upper() for s in many.statements)
    per_statement = "\n".join(
        f"    {s.shape}  returned {_rows(n)}"
        for s, n in sorted(zip(many.statements, many_rows, strict=True), key=lambda x: -x[1])[:5]
    )
    expect(
        sum(few_rows) == sum(many_rows) and limited,
        did=f"GET {url} on {small.name}, then on {large.name}, "
        "replaying each statement to count the rows the database returned",
        saw=f"{_rows(sum(few_rows))}, then {_rows(sum(many_rows))}"
        f"{'' if limited else ', and no LIMIT in any statement'}; on the large data set:\n{per_statement}",
        expected="the same number of rows on both: the page, plus one row to tell whether a next page exists",
        why="A page of 2 must not read the whole table and slice it in Python: put LIMIT and "
        "OFFSET in the SQL (.limit(limit + 1).offset(offset)). " + hint,
    )


def _rows(n: int) -> str:
    return "1 row" if n == 1 else f"{n} rows"
