"""Task 1: no workload query scans a large table (read from EXPLAIN QUERY PLAN)."""

from __future__ import annotations

import re

import pytest

from checker.testkit import expect

SEARCH = re.compile(r"^SEARCH (\w+) USING (?:COVERING )?INDEX (\w+) \((.*)\)$")
TOO_MANY = 0.10  # a lookup that matches more than a tenth of a table reads like a scan


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


def _judge(workload, statement: str, line: str) -> str:
    scan = re.match(r"^SCAN (\w+)", line)
    if scan and scan.group(1) not in ("CONSTANT", "SUBQUERY"):
        table = _table_of(scan.group(1), statement)
        return f"SCAN reads every row of {table} ({_size(workload, table)}) to find the few it needs."
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


def _size(workload, table: str) -> str:
    try:
        return f"{workload.db.execute(f'SELECT count(*) FROM {table}').fetchone()[0]:,} rows"
    except Exception:
        return "a seeded table"


def check_no_scan(workload, name: str) -> None:
    call = workload.call(name)
    expect(
        call.status == 200 and call.statements,
        did=f"Served {call.did} on the seeded existing database",
        saw=call.error or f"{call.status} {str(call.json)[:200]}, {len(call.statements)} SELECT statement(s)",
        expected="200, answered with SELECT statements the suite can EXPLAIN",
        why="The plan is read from the statements the app really issues.",
    )
    problems = [
        f"    {_shape(statement)}\n      plan: {line}\n      {reason}"
        for statement, parameters in call.statements
        for line in workload.plan(statement, parameters)
        if (reason := _judge(workload, statement, line))
    ]
    expect(
        not problems,
        did=f"Served {call.did} on the seeded existing database, then ran EXPLAIN QUERY PLAN on "
        "each statement it issued",
        saw=f"{len(problems)} step(s) that read far more rows than they return:\n" + "\n".join(problems),
        expected="every step a SEARCH through an index that narrows to a few rows",
        why="Task 1: index the columns each query filters on, and make the migration create those "
        "indexes on the existing database (create_all skips tables that exist).",
    )


def _shape(statement: str) -> str:
    flat = " ".join(statement.split())
    flat = re.sub(r"^SELECT .*? FROM ", "SELECT ... FROM ", flat)
    return flat if len(flat) <= 240 else flat[:237] + "..."


@pytest.mark.task(1, points=5)
@pytest.mark.parametrize("name", ["post", "tag", "comments", "feed", "feed-small"])
def test_no_workload_query_scans_a_large_table(workload, name):
    check_no_scan(workload, name)
