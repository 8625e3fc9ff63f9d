"""The checks both suites make, each with a message chosen by what it saw.

The public tests call them on one case each; the reviewer's suite calls the same checks on the
other listings, the edges and more data. Every check reads behaviour: HTTP answers, statements
recorded on the app's engine, and the rows the database returned when they are replayed.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime

from checker.testkit import expect_equal

_TIMES = ("published_at", "created_at")
HINT = "Run `uv run kata hint 03-n-plus-one` for the next hint."


# Task 1: statements ----------------------------------------------------------------------------


def expect_bounded(few, many, *, bound: int, relations: str, rule: str) -> None:
    """Two visits of one endpoint, the second on more rows: both within the bound, whatever N is."""
    failed = next((v for v in (few, many) if v.status != 200), None)
    if failed is not None:
        why = f"The request itself failed, so its statements prove nothing: fix the {failed.status} first."
    elif many.count > few.count:
        top, n = Counter(s.shape for s in many.statements).most_common(1)[0]
        why = (
            f"Rule {rule}: the number of statements grows with the rows shown. The shape that ran {n} "
            f"times ran once per row (`{top[:90]}`): an N+1. Load that relation for the whole page at "
            "once (joinedload, selectinload, or one IN (...) query of your own). " + HINT
        )
    else:
        why = (
            f"Rule {rule}: the count does not grow with the rows, but it is above the bound: at most "
            f"{bound} statements, {relations}. Load two relations in one statement, or drop a statement "
            "the page does not need."
        )
    expect_equal(
        (few.status, many.status, few.count <= bound, many.count <= bound),
        (200, 200, True, True),
        did=f"GET {few.url} on {few.where}, then GET {many.url} on {many.where}",
        saw=f"{few.status} after {few.count} statements, then {many.status} after {many.count}; the second:\n"
        + many.grouped,
        expected_text=f"200 both times, after at most {bound} statements each",
        why=why,
    )


# Task 2: answers -------------------------------------------------------------------------------


def plain(value):  # noqa: ANN001, ANN201
    """JSON with its timestamps parsed, so that '2026-06-01T12:00:00' equals '2026-06-01 12:00:00'."""
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _when(v) if k in _TIMES else plain(v) for k, v in value.items()}
    return value


def _when(value):  # noqa: ANN001, ANN202
    try:
        return datetime.fromisoformat(value).replace(tzinfo=None)
    except (TypeError, ValueError):
        return value


def walk(site, path: str, limit: int) -> tuple[list, list[str]]:  # noqa: ANN001
    """Every item of a listing, page after page, following next_offset (at most 60 pages)."""
    items, trail, offset = [], [], 0
    while offset is not None and len(trail) < 60:
        visit = site.get(f"{path}{'&' if '?' in path else '?'}limit={limit}&offset={offset}")
        body = visit.body() if visit.status == 200 else {}
        page = visit.items()
        trail.append(f"offset={offset}: {visit.status}, {len(page)} items, next_offset {body.get('next_offset')}")
        items += page
        offset = body.get("next_offset") if isinstance(body.get("next_offset"), int) else None
    return plain(items), trail


def expect_items(
    saw: list, wanted: list, *, did: str, rule: str, order: tuple[str, str], fields_rule: str = ""
) -> None:
    """The items of a listing equal the answer owed; the message names what differs first.

    `order` is the sort key's field and what breaks its ties: ("published_at", "the higher id").
    """
    saw = plain(saw)
    what, expected, why = _difference(saw, wanted, rule=rule, order=order, fields_rule=fields_rule)
    expect_equal(saw, wanted, did=did, saw=what, expected_text=expected, why=why)


def _difference(
    saw: list, wanted: list, *, rule: str, order: tuple[str, str], fields_rule: str
) -> tuple[str, str, str]:
    """What a wrong listing got wrong first, what was owed there, and which rule says so."""
    if saw == wanted:
        return "the items owed", "the items owed", ""
    ids = [i.get("id") if isinstance(i, dict) else i for i in saw]
    owed = [i["id"] for i in wanted]
    listed = f"{len(wanted)} items, in order: ids {owed[:12]}{' ...' if len(owed) > 12 else ''}"
    doubled = [i for i, n in Counter(ids).items() if n > 1]
    missing = [i for i in owed if i not in ids]
    extra = [i for i in ids if i not in owed]
    if doubled:
        return f"id {doubled[0]} listed {Counter(ids)[doubled[0]]} times", listed, f"Rule {rule}: each item once."
    if missing:
        item = next(i for i in wanted if i["id"] == missing[0])
        return f"{len(missing)} missing, the first: {_show(item)}", listed, f"Rule {rule}: {_missing_why(item)}"
    if extra:
        return (
            f"id {extra[0]}, which is not owed",
            listed,
            f"Rule {rule}: only what the listing owes; drafts and archived posts stay out.",
        )
    if ids != owed:
        at = next(n for n, (a, b) in enumerate(zip(ids, owed, strict=True)) if a != b)
        a, b = next(i for i in wanted if i["id"] == ids[at]), wanted[at]
        field, tie_break = order
        why = (
            f"Rule {rule}: these two have the same {field}; between them, {tie_break} comes first."
            if a.get(field) == b.get(field)
            else f"Rule {rule}: the order is by {field}, then {tie_break} between equals."
        )
        return f"id {ids[at]} at position {at}, where id {owed[at]} belongs", listed, why
    at = next(n for n, (a, b) in enumerate(zip(saw, wanted, strict=True)) if a != b)
    fields = sorted(k for k in set(saw[at]) | set(wanted[at]) if saw[at].get(k) != wanted[at].get(k))
    what = f"item {at} (id {owed[at]}): {', '.join(f'{k} = {_brief(k, saw[at].get(k))}' for k in fields)}"
    expected = ", ".join(f"{k} = {_brief(k, wanted[at].get(k))}" for k in fields)
    return what, expected, f"Rule {fields_rule or rule}: {_field_why(fields[0])}"


def expect_current(before, owed_before: list, after, owed_after: list, *, wrote: str, listing: dict) -> None:  # noqa: ANN001
    """Rule 2.6: a write between two reads shows in the second.

    A wrong first answer is judged by the listing's own rules (`listing`: rule, order, fields_rule),
    so that a stale answer and a wrong one get different messages.
    """
    expect_items(before.items(), owed_before, did=f"GET {before.url} ({before.status})", **listing)
    expect_items(
        after.items(),
        owed_after,
        did=f"GET {before.url}, then {wrote}, then GET {after.url} again ({after.status})",
        rule="2.6",
        order=listing["order"],
    )


def expect_next(before, after, owed: int, *, wrote: str) -> None:  # noqa: ANN001
    """Rule 2.6: a write that adds items after a page shows in its next_offset too."""
    saw = after.body().get("next_offset") if after.status == 200 else None
    if after.status != 200:
        why = f"Rule 2.6: the request failed ({after.status}); fix it first."
    elif saw is None:
        why = (
            "Rule 2.6: the listing grew since the last request and more items now follow this page, so it "
            "is not the last: next_offset is offset + limit, as of this request (a total kept from an earlier "
            "request is stale)."
        )
    else:
        why = "Rule 4.4: next_offset is offset + limit when more items follow."
    expect_equal(
        (after.status, saw),
        (200, owed),
        did=f"GET {before.url} ({before.status}, next_offset {before.body().get('next_offset')}), then {wrote}, "
        f"then GET {after.url} again",
        saw=f"{after.status}, {len(after.items())} items, next_offset {saw}",
        expected_text=f"200, next_offset {owed}",
        why=why,
    )


def expect_author(visit, owed: dict) -> None:  # noqa: ANN001
    expect_equal(
        (visit.status, visit.body().get("author")),
        (200, owed),
        did=f"GET {visit.url}",
        saw=f"{visit.status} {visit.response.text[:200]}",
        expected_text=f'200 with "author": {json.dumps(owed)}',
        why="Rule 2.3: an author's page names its author, id and display name.",
    )


def _missing_why(item: dict) -> str:
    if item.get("tags") == []:
        return "a post without tags is still listed, with tags []: an inner join to tags drops it."
    if item.get("post_count") == 0:
        return "a user without published posts is still listed, with 0: an inner join to posts drops it."
    if item.get("comment_count") == 0 or item.get("comments") == []:
        return "a post without comments is still listed: an inner join to comments drops it."
    return "every item the listing owes is listed."


def _field_why(field: str) -> str:
    return {
        "tags": "tag names A to Z, [] when the post has none.",
        "comment_count": "the number of the post's comments, 0 when it has none, as of this request.",
        "post_count": "the number of the user's published posts; drafts and archived posts do not count.",
        "comments": "the post's comments, oldest first, then lowest id, each with its author.",
        "author": "the author's id and display name.",
    }.get(field, "every field as the slow page answered it.")


def _brief(field: str, value: object) -> str:
    """A field as the message needs it: comments by id and time, the rest as JSON."""
    if field == "comments" and isinstance(value, list):
        return (
            "["
            + ", ".join(
                f"id {c.get('id')} at {c.get('created_at')} by {(c.get('author') or {}).get('id')}"
                if isinstance(c, dict)
                else _show(c)
                for c in value
            )
            + "]"
        )
    return _show(value)


def _show(value: object) -> str:
    return json.dumps(value, default=str)[:300]


def _answer(visit) -> str:  # noqa: ANN001
    return f"{visit.status}"


def expect_problem(visit, status: int, *, rule: str, because: str = "") -> None:  # noqa: ANN001
    """An error answer is an RFC 9457 problem body with the status; `because` says why that status."""
    kind = visit.response.headers.get("content-type", "")
    body = visit.body()
    why = (
        f"Rule {rule}: this request answers {status}{because}."
        if visit.status != status
        else f"Rule {rule}: every error answer is a problem body (application/problem+json with type, title, "
        "status, detail), as 02 taught."
    )
    expect_equal(
        (visit.status, kind.split(";")[0].strip(), body.get("status")),
        (status, "application/problem+json", status),
        did=f"GET {visit.url}",
        saw=f"{visit.status}, {kind or 'no content type'}: {visit.response.text[:200]}",
        expected_text=f"{status} with an application/problem+json body whose status is {status}",
        why=why,
    )


# Task 3: counts --------------------------------------------------------------------------------


def expect_no_growth(before, after, *, added: str, rule: str, counted: str) -> None:  # noqa: ANN001
    """After rows were added, the database returns no more rows for the same page than before."""
    expect_equal(
        (before.status, after.status, after.rows <= before.rows),
        (200, 200, True),
        did=f"GET {before.url}, then added {added}, then GET {after.url} again, replaying each "
        "statement to count the rows the database returned",
        saw=f"{before.status} and {before.rows} rows, then {after.status} and {after.rows} rows; the second:\n"
        + rows_by_statement(after),
        expected_text="200 twice, and no more rows the second time: the count grows, the rows do not",
        why=f"Rule {rule}: loading {counted} to count them in Python carries every row to the app to "
        "make one number. Count with func.count() in SQL: a correlated subquery or a grouped join. " + HINT,
    )


def rows_by_statement(visit, shown: int = 5) -> str:  # noqa: ANN001
    pairs = sorted(zip(visit.statements, visit.returned, strict=True), key=lambda pair: -len(pair[1]))
    return "\n".join(f"    {s.shape}  returned {_rows(len(rows))}" for s, rows in pairs[:shown]) or "    (no statement)"


def _rows(n: int) -> str:
    return "1 row" if n == 1 else f"{n} rows"


# Task 4: paging --------------------------------------------------------------------------------


def expect_refused(visit, *, rule: str, why: str) -> None:  # noqa: ANN001
    body = visit.body()
    kind = visit.response.headers.get("content-type", "").split(";")[0].strip()
    said = (
        f"Rule {rule}: {why}"
        if visit.status == 200
        else f"Rule {rule}: the 422 is a problem body, as every error answer (application/problem+json)."
        if visit.status == 422
        else f"Rule {rule}: a parameter out of bounds is the client's mistake: 422, not {visit.status}."
    )
    expect_equal(
        (visit.status, kind),
        (422, "application/problem+json"),
        did=f"GET {visit.url}",
        saw=f"{visit.status} {json.dumps(body)[:160]}",
        expected_text="422 with an application/problem+json body",
        why=said,
    )


def expect_same_rows(few, many, *, rule: str) -> None:  # noqa: ANN001
    """Two visits of pages that show the same number of items get as many rows from the database."""
    grew = many.rows > few.rows
    if not grew:
        why = f"Rule {rule}: the request failed; fix it first."
    elif few.where == many.where:
        why = (
            f"Rule {rule}: the deeper page made the database return more rows: the rows before the page "
            "were fetched and skipped in Python. Put OFFSET in the SQL too (.offset(offset)). " + HINT
        )
    else:
        why = (
            f"Rule {rule}: the database returned more rows on more data to show a page of the same size: the "
            "statement that returned the most (first above) reads beyond the page. Put LIMIT and OFFSET in the "
            "SQL (.limit(limit + 1).offset(offset)), not a slice in Python, and load a relation for the rows of "
            "the page only, not for the whole listing. " + HINT
        )
    expect_equal(
        (few.status, many.status, grew),
        (200, 200, False),
        did=f"GET {few.url} on {few.where}, then GET {many.url} on {many.where}, replaying each statement "
        "to count the rows the database returned",
        saw=f"{few.status} and {_rows(few.rows)}, then {many.status} and {_rows(many.rows)}; the second:\n"
        + rows_by_statement(many),
        expected_text="200 both times, and as many rows: the page, plus one row to tell whether a next page exists",
        why=why,
    )


def expect_walk(site, path: str, limit: int, wanted: list, *, rule: str) -> None:  # noqa: ANN001
    items, trail = walk(site, path, limit)
    ids, owed = [i.get("id") if isinstance(i, dict) else i for i in items], [i["id"] for i in wanted]
    pages = max(1, -(-len(owed) // limit))
    expect_equal(
        (ids, len(trail)),
        (owed, pages),
        did=f"GET {path}?limit={limit}, following next_offset from 0 on {site.name}",
        saw=f"ids {ids[:15]}{' ...' if len(ids) > 15 else ''} ({len(ids)} items); pages: " + "; ".join(trail[:6]),
        expected_text=f"ids {owed[:15]}{' ...' if len(owed) > 15 else ''} ({len(owed)} items), each once, "
        f"in {pages} pages",
        why=f"Rule {rule}: {_walk_why(ids, owed, trail, pages)}",
    )


def _walk_why(ids: list, owed: list, trail: list[str], pages: int) -> str:
    doubled = [i for i, n in Counter(ids).items() if n > 1]
    if len(trail) >= 60:
        return "next_offset never became null: a client following it never stops."
    if ids == owed:
        return (
            f"every item came once, but in {len(trail)} pages where {pages} hold them: a page that ends "
            "exactly at the last item is the last, with next_offset null, not a link to an empty page."
        )
    if doubled:
        return f"id {doubled[0]} came twice: next_offset must be offset + limit, no more and no less."
    if len(ids) < len(owed):
        return "items were skipped or the walk stopped early: next_offset is null only on the last page."
    return "walking the pages gives each item once, in the listing's order."


# Task 5: columns -------------------------------------------------------------------------------


def expect_no_body(visit, *, rule: str) -> None:  # noqa: ANN001
    reading = visit.bodies_read()
    expect_equal(
        (visit.status, len(reading)),
        (200, 0),
        did=f"GET {visit.url}, replaying each statement to see the values the database returned",
        saw=f"{visit.status}; {len(reading)} statement(s) returned post bodies, the first:\n    {reading[0] if reading else ''}",
        expected_text="200, and no statement that returns a post's body",
        why=f"Rule {rule}: the page shows titles, never bodies, the largest column: leave it in the "
        "database with load_only(...) or defer(...), or select only the columns you show."
        if reading
        else f"Rule {rule}: the request failed; fix it first.",
    )
