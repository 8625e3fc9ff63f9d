"""The room page's queries, counted on the engine and read from SQLite's query plans.

However many learners and katas a room holds, the board costs the same few statements, and none
of them scans a table: the page stays fast for a room of 60 polled every two seconds.
"""

from __future__ import annotations

import re
from contextlib import contextmanager

from sqlalchemy import event, text

from tests.room.conftest import START, summary

BOARD_STATEMENTS = 10  # identify the caller, look the room up, then one query for the whole board


@contextmanager
def recorded(engine):
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if not statement.startswith(("BEGIN", "PRAGMA")):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def fill(client, join, learners: int, first: int = 0) -> None:
    for n in range(first, first + learners):
        who = join(f"Learner {n:02d}")
        for kata in ("00-welcome", "01-layering", "02-result"):
            client.post(f"/api/learners/{who.id}/reports", json=summary(kata, score=50, at=START), headers=who.auth)


def count_board(app, client, room, admin) -> tuple[list[str], list[str]]:
    engine = app.state.services.engine
    with recorded(engine) as page:
        assert client.get(f"/rooms/{room.room.code}", headers=admin).status_code == 200
    with recorded(engine) as poll:
        assert client.get(f"/rooms/{room.room.code}/board", headers=admin).status_code == 200
    return page, poll


def test_the_room_page_costs_the_same_statements_for_2_learners_as_for_30(app, client, room, admin, join):
    fill(client, join, 2)
    small_page, small_poll = count_board(app, client, room, admin)
    fill(client, join, 28, first=2)
    big_page, big_poll = count_board(app, client, room, admin)
    assert len(big_page) == len(small_page) <= BOARD_STATEMENTS, "\n".join(big_page)
    assert len(big_poll) == len(small_poll) <= BOARD_STATEMENTS, "\n".join(big_poll)
    assert sum("FROM learners LEFT OUTER JOIN progress" in s for s in big_page) == 1, "\n".join(big_page)


def test_a_poll_while_nothing_changed_runs_two_lookups_and_builds_no_board(app, client, room, admin, join):
    fill(client, join, 5)
    first = client.get(f"/rooms/{room.room.code}/board", headers=admin)
    with recorded(app.state.services.engine) as statements:
        headers = {**admin, "If-None-Match": first.headers["etag"]}
        assert client.get(f"/rooms/{room.room.code}/board", headers=headers).status_code == 304
    assert not any("progress" in s for s in statements), "\n".join(statements)
    assert len(statements) <= 3, "\n".join(statements)


def test_a_report_costs_a_constant_handful_of_statements(app, client, join):
    ada = join("Ada")
    engine = app.state.services.engine
    client.post(f"/api/learners/{ada.id}/reports", json=summary(), headers=ada.auth)
    with recorded(engine) as statements:
        client.post(f"/api/learners/{ada.id}/reports", json=summary(), headers=ada.auth)
    assert len(statements) <= 8, "\n".join(statements)


def test_no_query_of_the_page_or_the_reports_scans_a_table(app, client, room, admin, join):
    fill(client, join, 3)
    engine = app.state.services.engine
    ada = join("Ada")
    with recorded(engine) as statements:
        client.get(f"/rooms/{room.room.code}", headers=admin)
        client.get(f"/rooms/{room.room.code}/board", headers=admin)
        client.post(f"/api/learners/{ada.id}/reports", json=summary(), headers=ada.auth)
    scans = []
    with engine.connect() as connection:
        for statement in {s for s in statements if s.lstrip().upper().startswith("SELECT")}:
            placeholders = statement.count("?")
            plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", (1,) * placeholders).fetchall()
            details = [row[-1] for row in plan]
            scans += [f"{d}  <-  {statement}" for d in details if re.match(r"SCAN (?!CONSTANT)", d)]
    assert not scans, "full table scans:\n" + "\n".join(scans)


def test_every_lookup_column_has_an_index(app):
    with app.state.services.engine.connect() as connection:
        indexes = {
            tuple(row[2] for row in connection.execute(text(f"PRAGMA index_info('{name}')")))
            for (name,) in connection.execute(text("select name from sqlite_master where type = 'index'"))
        }
    for columns in [("code",), ("admin_digest",), ("token_digest",), ("room_id", "name"), ("learner_id", "report_id")]:
        assert columns in indexes, f"no index on {columns}; indexes: {sorted(indexes)}"
