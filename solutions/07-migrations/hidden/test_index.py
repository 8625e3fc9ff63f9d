"""Task 5: the handle index is built without holding off writers."""

from __future__ import annotations

import re
import threading
import time

import pytest
import sqlalchemy as sa
from kata_tests.kit import EXPAND, INDEX, PRODUCTION_NAMES, migrate, render, seed_production, statements_of
from kata_tests.postgres import server, share

from checker.testkit import expect_equal

# The writer test needs a server: where there is none, the rendered script carries its points.
ON_A_SERVER = 2 if server() is not None else 0


@pytest.mark.task(5, points=share(2))
@pytest.mark.rules("5.1")
def test_the_handle_index_refuses_a_taken_handle(database, backend):
    seed_production(database, ["Ada Lovelace"])
    failure = migrate(database, INDEX)
    expect_equal(failure, "", did=f"Ran `alembic upgrade {INDEX}` ({backend})", saw=failure, expected_text="success")
    engine = sa.create_engine(database)
    try:
        with engine.begin() as connection:
            connection.execute(
                sa.text(
                    "INSERT INTO users (email, display_name, role, created_at, handle) "
                    "VALUES ('twin@inkwell.io', 'Ada', 'member', '2024-02-01 00:00:00', 'ada-lovelace')"
                )  # fmt: skip
            )
        refused = ""
    except sa.exc.IntegrityError as error:
        refused = type(error.orig).__name__
    finally:
        engine.dispose()
    expect_equal(
        "refused" if refused else "stored",
        "refused",
        did=f"At {INDEX}, inserted a second member with the handle 'ada-lovelace' ({backend})",
        saw="the database stored it",
        expected_text="the database to refuse it (a unique index on handle)",
        why="Rule 5.1: handles are unique because the database says so, not because a backfill was careful.",
    )


@pytest.mark.task(5, points=4 - ON_A_SERVER)
@pytest.mark.rules("5.1")
def test_the_index_revision_drops_its_indexes_concurrently_too():
    sql, failure = render(INDEX, EXPAND, down=True)
    expect_equal(
        failure,
        "",
        did=f"Rendered `alembic downgrade {INDEX}:{EXPAND} --sql` for PostgreSQL",
        saw=failure,
        expected_text="a script in which every DROP INDEX runs CONCURRENTLY, outside a transaction",
    )
    open_transaction, inside, outside = False, [], []
    for statement in statements_of(sql):
        if statement == "BEGIN":
            open_transaction = True
        elif statement == "COMMIT":
            open_transaction = False
        elif re.match(r"DROP INDEX", statement):
            (inside if open_transaction else outside).append(statement)
    expect_equal(
        (bool(outside), inside, all(" CONCURRENTLY " in s for s in outside)),
        (True, [], True),
        did=f"Rendered `alembic downgrade {INDEX}:{EXPAND} --sql` for PostgreSQL",
        saw=f"inside a transaction: {inside}; outside: {outside}",
        expected_text="every DROP INDEX with CONCURRENTLY, between a COMMIT and the next BEGIN",
        why="Rule 5.1: a plain DROP INDEX takes the table's strongest lock; a rollback must not stop the writes either.",
    )


if ON_A_SERVER:

    @pytest.mark.task(5, points=ON_A_SERVER)
    @pytest.mark.rules("5.1")
    @pytest.mark.parametrize("backend", ["postgresql"])
    def test_writers_go_on_while_postgresql_builds_the_handle_index(database, backend):
        seed_production(database, PRODUCTION_NAMES * 50)
        failure = migrate(database, EXPAND)
        expect_equal(
            failure, "", did=f"Ran `alembic upgrade {EXPAND}` on PostgreSQL", saw=failure, expected_text="success"
        )
        engine = sa.create_engine(database)
        outcome: dict[str, str] = {}
        try:
            open_writer = engine.connect()
            open_writer.execute(sa.text("INSERT INTO users (email, display_name, role, created_at) "
                                        "VALUES ('slow@inkwell.io', 'Slow Writer', 'member', now())"))  # fmt: skip
            builder = threading.Thread(target=lambda: outcome.update(build=migrate(database, INDEX)))
            builder.start()
            waited = _wait_for_index_build(engine, builder)
            writer = _write_with_timeout(engine)
            open_writer.commit()
            open_writer.close()
            builder.join(timeout=30)
        finally:
            engine.dispose()
        expect_equal(
            (waited, writer, outcome.get("build") or ""),
            (True, "", ""),
            did="Held one writer's transaction open on users, ran `alembic upgrade 0003` beside it, then had a "
            "second writer insert a member with a 2-second lock timeout",
            saw=f"index build seen waiting: {waited}; second writer: {writer or 'inserted'}; "
            f"upgrade: {outcome.get('build') or 'done'}",
            expected_text="the second writer inserts at once, and the upgrade finishes once the first commits",
            why="Rule 5.1: a plain CREATE INDEX queues for a lock that every INSERT then queues behind.",
        )


def _wait_for_index_build(engine: sa.Engine, builder: threading.Thread) -> bool:
    """Whether the index build was seen waiting on the open writer. The upgrade starts a Python
    process of its own, slow to reach its CREATE INDEX on a loaded machine: the wait lasts while
    the upgrade runs, 30 s at most."""
    query = sa.text(
        "SELECT count(*) FROM pg_stat_activity WHERE query ILIKE 'CREATE%INDEX%' AND wait_event_type = 'Lock'"
    )
    until = time.monotonic() + 30
    while builder.is_alive() and time.monotonic() < until:
        with engine.connect() as connection:
            if connection.execute(query).scalar():
                return True
        time.sleep(0.05)
    return False


def _write_with_timeout(engine: sa.Engine) -> str:
    try:
        with engine.begin() as connection:
            connection.execute(sa.text("SET LOCAL lock_timeout = '2s'"))
            insert_statement = sa.text(
                "INSERT INTO users (email, display_name, role, created_at) "
                "VALUES ('busy@inkwell.io', 'Busy Writer', 'member', now())"
            )
            connection.execute(insert_statement)
    except sa.exc.OperationalError as error:
        return f"blocked ({str(error.orig).splitlines()[0]})"
    return ""
