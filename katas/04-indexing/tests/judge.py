"""The instruments both suites read: plans judged line by line, problem bodies, lean index sets.

Each function returns what it found wrong, as sentences for the learner; an empty list (or
string) means nothing was wrong. The tests decide which calls to judge and what it is worth.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from kata_tests.workload import Call, IndexInfo, Race, Workload

from checker.testkit import expect_equal

SEARCH = re.compile(r"^SEARCH (\w+) USING (?:COVERING )?INDEX (\w+) \((.*)\)$")
TOO_MANY = 0.10  # a lookup that matches more than a tenth of a table reads like a scan
WORK_PER_ROW = 2.0  # the feed may do twice the work of fetching its rows by id, no more
BUDGET = {"users": 1, "posts": 2, "comments": 1, "tags": 1, "posts_tags": 1}
PROBLEM_JSON = "application/problem+json"


def shape(statement: str) -> str:
    flat = " ".join(statement.split())
    flat = re.sub(r"^SELECT .*? FROM ", "SELECT ... FROM ", flat)
    return flat if len(flat) <= 240 else flat[:237] + "..."


def served(call: Call, *statuses: int) -> str:
    """Why the call cannot be judged (an error, another status, no statement), or ""."""
    if call.error:
        return call.error
    if call.status not in statuses:
        return f"{call.status} {str(call.json)[:200]}"
    if not call.statements:
        return f"{call.status}, and no SQL statement was recorded"
    return ""


def plan_problems(workload: Workload, calls: list[Call]) -> list[str]:
    """Every plan line of every statement of `calls` that reads far more rows than it needs."""
    found = []
    for call in calls:
        for statement, parameters in call.statements:
            for line in workload.plan(statement, parameters):
                reason = _judge(workload, statement, line)
                if reason:
                    found.append(f"{call.did}\n      {shape(statement)}\n      plan: {line}\n      {reason}")
    return found


def _judge(workload: Workload, statement: str, line: str) -> str:
    scan = re.match(r"^SCAN (\w+)", line)
    if scan and scan.group(1) not in ("CONSTANT", "SUBQUERY"):
        table = _table_of(scan.group(1), statement)
        reason = f"SCAN reads every row of {table} ({_size(workload, table)}) to find the few it needs."
        if re.search(r"\bLIKE\b", statement, re.IGNORECASE):
            reason += " LIKE and ILIKE can use no index here: compare with = on the expression an index holds."
        return reason
    if "AUTOMATIC" in line:
        return "SQLite builds a throw-away index over the whole table on every run: a scan in disguise."
    search = SEARCH.match(line)
    if search:
        estimate = workload.rows_per_key(search.group(2), _equality_keys(search.group(3)))
        if estimate and estimate[1] > TOO_MANY * estimate[0]:
            rows, per = estimate
            return (
                f"sqlite_stat1 says one lookup in {search.group(2)} matches about {per:,} of {rows:,} rows "
                f"({per * 100 // rows}%): an index on a column of a few values narrows nothing."
            )
    return ""


def _equality_keys(constraint: str) -> int:
    keys = 0
    for term in constraint.split(" AND "):
        if term != "<expr>=?" and not re.fullmatch(r"\w+=\?", term):
            break
        keys += 1
    return keys


def _table_of(name: str, statement: str) -> str:
    alias = re.search(rf"\b(\w+) AS {name}\b", statement)
    return alias.group(1) if alias else name


def _size(workload: Workload, table: str) -> str:
    try:
        return f"{workload.db.execute(f'SELECT count(*) FROM {table}').fetchone()[0]:,} rows"
    except Exception:
        return "a seeded table"


def sorts(workload: Workload, call: Call) -> list[str]:
    """The plan lines of the call's statements that sort in a temporary B-tree."""
    return [
        f"{shape(s)}\n      plan: {line}"
        for s, p in call.statements
        for line in workload.plan(s, p)
        if line.startswith("USE TEMP B-TREE")
    ]


def not_a_problem(status: int, content_type: str, body: Any) -> str:
    """What keeps an error answer from being an RFC 9457 problem response, or ""."""
    if not content_type.startswith(PROBLEM_JSON):
        return f"its content type is {content_type or 'missing'!r}, not {PROBLEM_JSON!r}"
    if not isinstance(body, dict):
        return f"its body is not a JSON object: {str(body)[:120]}"
    if body.get("status") != status:
        return f"its body's status is {body.get('status')!r}, not {status}"
    missing = [key for key in ("type", "title", "detail") if not body.get(key)]
    return f"its body has no {', '.join(missing)}" if missing else ""


def redundant(found: dict[str, list[IndexInfo]]) -> list[str]:
    """Indexes whose keys are a prefix of another full index's on the same table (unique ones stay)."""
    lines = []
    for table in sorted(found):
        for index in found[table]:
            if index.unique:
                continue
            longer = next(
                (
                    other
                    for other in found[table]
                    if other.name != index.name and not other.partial and other.keys[: len(index.keys)] == index.keys
                ),
                None,
            )
            if longer is not None:
                lines.append(f"{table}: {index} is a prefix of {longer}")
    return lines


def over_budget(found: dict[str, list[IndexInfo]]) -> list[str]:
    """Tables with more indexes than the README's budget (the primary key's not counted)."""
    lines = []
    for table in sorted(found):
        counted = [str(index) for index in found[table] if index.origin != "pk"]
        if len(counted) > BUDGET[table]:
            lines.append(f"{table} has {len(counted)} indexes ({'; '.join(counted)}); its budget is {BUDGET[table]}")
    return lines


def shapes(found: dict[str, list[IndexInfo]]) -> set[tuple[str, tuple[bool, tuple[str, ...], str]]]:
    """The indexes as (table, (unique, keys, where)), names left out: what serves the queries."""
    return {(table, index.shape) for table in found for index in found[table]}


def _apart_only_in(one: set, other: set, key: Callable[[str], str], where: Callable[[str], object]) -> bool:
    """True when two sets of index shapes differ, and are alike once `key` and `where` blur each key and
    WHERE clause: they differ only in what those leave out."""

    def plain(shape_set: set) -> set:
        return {(table, (unique, tuple(map(key, keys)), where(w))) for table, (unique, keys, w) in shape_set}

    return one != other and plain(one) == plain(other)


def collations_apart(one: set, other: set) -> bool:
    """True when two sets of index shapes differ, and only in the collations of their keys."""
    return _apart_only_in(one, other, lambda key: key.split(" COLLATE ")[0], lambda w: w)


def expressions_apart(one: set, other: set) -> bool:
    """True when two sets of index shapes differ, and only in the expressions or WHERE clauses they hold."""
    return _apart_only_in(one, other, lambda key: "<expr>" if "(" in key else key, bool)


EXPRESSION_WHY = (
    "Rule 1.3: an index on an expression serves only a query that compares that very expression, and a "
    "partial index only a query whose WHERE implies its own: lower(email) and lower(trim(email)) are two "
    "indexes. Write the same expression and WHERE on the model and in the migration."
)


COLLATION_WHY = (
    "Rule 1.3: a collation is part of an index's key: a unique index on `email COLLATE NOCASE` refuses "
    "'Ada@x.io' beside 'ada@x.io', one on `email` stores both. Give the index the same collation on the "
    "model (column.collate('NOCASE')) and in the migration."
)


def describe(shape_set: set[tuple[str, tuple[bool, tuple[str, ...], str]]]) -> str:
    parts = [
        f"{table} {'UNIQUE ' if unique else ''}({', '.join(keys)}){f' WHERE {where}' if where else ''}"
        for table, (unique, keys, where) in sorted(shape_set)
    ]
    return "; ".join(parts) or "none"


def judge_race(race: Race, response: Any, *, did: str, where: str, value: str) -> None:
    """The verdict on a race the app ran against a rival writer (rules 3.3, 3.4 and 3.5).

    An app may serialise the writers, let the database refuse the rival, or lose the race and
    answer 409: each way is right when its own outcome holds, so the check compares one value,
    "the race was handled", whichever way the app took."""
    status, content_type = response.status_code, response.headers.get("content-type", "")
    body = response.json() if response.content else None
    rows = race.count(where, value)
    if race.blocked:  # the app serialised the writers; the rival went second and must lose
        late = race.late_rival_refused()
        held = status == 201 and late
        saw = f"{status}; the rival's later insert " + ("refused" if late else "stored")
        expected = "201, and the rival's later insert refused by the database"
        why = "The app held the write lock, so the rival wrote second: the database must refuse it."
    elif race.refused:  # the database refused the rival itself: no race to play
        held = status == 201 and rows == 1
        did = f"{did}; the database refused the rival's {race.values[0]!r} ({race.refused})"
        saw = f"{status} {str(body)[:160]}; {rows} row(s) hold {value!r}"
        expected = "201 and exactly 1 row"
        why = "No rival row went in, so the app's own INSERT has nothing to conflict with."
    else:
        shape_error = not_a_problem(409, content_type, body) if status == 409 else ""
        held = race.cut_in and rows == 1 and status == 409 and not shape_error
        did = f"{did}, while a second writer committed {race.values[0]!r} between the app's check and its INSERT"
        saw = f"{status} {str(body)[:160]} ({content_type or 'no content type'}); {rows} row(s) now hold {value!r}"
        expected = "409 as a problem response, and exactly 1 row"
        why = _race_why(race, rows, status, shape_error)
    expect_equal(
        "the race was handled" if held else "the race was lost",
        "the race was handled",
        did=did,
        saw=saw,
        expected_text=expected,
        why=why,
    )


def _race_why(race: Race, rows: int, status: int, shape_error: str) -> str:
    if not race.cut_in:
        return "The app never issued its INSERT, so there was no race to judge."
    if rows > 1:
        return (
            "A SELECT before the INSERT cannot see a row committed a moment later, and nothing in the "
            "database refused the second one. Rules 3.1 to 3.4: a unique index (on lower(email) for emails)."
        )
    if status >= 500:
        return (
            "The database refused the second row, and its IntegrityError escaped as a 500. Rules 3.3 "
            "and 3.4: turn that refusal into the conflict it is."
        )
    if shape_error:
        return f"Rule 3.5: the conflict is right, but {shape_error}."
    return "Rules 3.3 and 3.4: the loser of the race answers 409."
