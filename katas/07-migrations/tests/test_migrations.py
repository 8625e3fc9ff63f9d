"""Public tests of the migrations kata: run them with `uv run kata check 07-migrations`.

Each runs Alembic on a real database file seeded as release 1 left production, and reads the
rows and the schema back. Where a PostgreSQL server can be started, the tests that take a
`backend` run there too. The reviewer's suite asks the same questions at every revision, with
more names, and of a PostgreSQL server under write load.
"""

from __future__ import annotations

import re

import pytest
from kata_tests.kit import (
    CONTRACT,
    EXPAND,
    INDEX,
    RELEASE1,
    RELEASE2,
    changed,
    columns_of,
    drift,
    insert_release1,
    migrate,
    render,
    rows,
    script,
    seed_production,
    statements_of,
)
from kata_tests.postgres import share
from kata_tests.release1 import release1_problems
from sqlalchemy import create_engine, inspect

from checker.appclient import AppClient
from checker.testkit import expect_equal, learner


def _upgrade(url: str, target: str, did: str) -> None:
    failure = migrate(url, target)
    expect_equal(failure, "", did=did, saw=failure, expected_text=f"`alembic upgrade {target}` to succeed")


@pytest.mark.task(1, points=3)
@pytest.mark.rules("1.1")
def test_the_app_creates_no_table_of_its_own(database):
    with AppClient(learner("inkwell.app").create_app(database), raise_server_exceptions=False):
        pass
    engine = create_engine(database)
    tables = inspect(engine).get_table_names()
    engine.dispose()
    expect_equal(
        tables,
        [],
        did="Started create_app on an empty database",
        saw=f"the app created {tables}",
        expected_text="no table: the schema comes from `alembic upgrade head` alone",
        why="Rule 1.1: tables the app makes at start-up hide a missing or wrong revision until production.",
    )


@pytest.mark.task(1, points=share(4))
@pytest.mark.rules("1.2")
def test_the_migrated_schema_matches_the_models(database, backend):
    _upgrade(database, CONTRACT, did=f"Ran `alembic upgrade {CONTRACT}` on an empty {backend} database")
    found = drift(database)
    expect_equal(
        found,
        [],
        did=f"Compared the {backend} schema at {CONTRACT} with inkwell.infrastructure.models, as `alembic check` does",
        saw="; ".join(found),
        expected_text="no difference",
        why="Rule 1.2: every table, column, index and default of the models comes from a revision.",
    )


@pytest.mark.task(1, points=2)
@pytest.mark.rules("1.3")
def test_the_revisions_have_one_base_and_one_head():
    scripts = script()
    expect_equal(
        (list(scripts.get_bases()), list(scripts.get_heads())),
        (["0001"], [CONTRACT]),
        did="Read the revisions of inkwell/migrations (bases, heads)",
        why="Rule 1.3: one line of revisions, 0001 to 0004; two heads make `upgrade head` refuse to run.",
    )


@pytest.mark.task(2, points=share(6))
@pytest.mark.rules("2.1")
def test_release_1_keeps_working_on_the_expanded_schema(database, backend):
    seed_production(database)
    _upgrade(database, INDEX, did=f"Ran `alembic upgrade {INDEX}` on release 1's production database ({backend})")
    problems = release1_problems(database)
    expect_equal(
        problems,
        [],
        did=f"Ran release 1's public tests against the schema at {INDEX}",
        saw="; ".join(problems),
        expected_text="release 1 registers, reads and lists members as before",
        why="Rule 2.1: the release still serving traffic runs on the expanded schema until the contract step.",
    )


@pytest.mark.task(2, points=share(6))
@pytest.mark.rules("2.2")
def test_the_expand_steps_keep_every_row_and_value(database, backend):
    seed_production(database)
    before = rows(database, RELEASE1)
    _upgrade(database, INDEX, did=f"Ran `alembic upgrade {INDEX}` on release 1's production database ({backend})")
    lost = changed(before, rows(database, RELEASE1))
    expect_equal(
        lost,
        [],
        did=f"Read every row's {', '.join(RELEASE1)} before and after `alembic upgrade {INDEX}`",
        saw="; ".join(lost[:3]),
        expected_text=f"all {len(before)} rows, every value unchanged",
        why="Rule 2.2: an expand step only adds; what release 1 wrote stays as it wrote it.",
    )


def _names_and_handles(url: str) -> dict[int, tuple[str, str, str]]:
    return {k: v[1:] for k, v in rows(url, ("id", "given_name", "family_name", "handle")).items()}


@pytest.mark.task(3, points=4)
@pytest.mark.rules("3.1")
def test_display_names_are_split_into_given_and_family_names(database):
    seed_production(database, ["Ada Lovelace", "  Grace   Hopper ", "Mary Ann\u00a0de la Cruz", "Cher", "   "])
    _upgrade(database, EXPAND, did=f"Ran `alembic upgrade {EXPAND}` on five members")
    found = {k: v[:2] for k, v in _names_and_handles(database).items()}
    expect_equal(
        found,
        {1: ("Ada", "Lovelace"), 2: ("Grace", "Hopper"), 3: ("Mary", "Ann de la Cruz"), 4: ("Cher", ""), 5: ("", "")},
        did="Split 'Ada Lovelace', '  Grace   Hopper ', 'Mary Ann<no-break space>de la Cruz', 'Cher' and '   '",
        why="Rule 3.1: the first word is the given name, the other words, joined by one space, the family name.",
    )


@pytest.mark.task(3, points=3)
@pytest.mark.rules("3.2")
def test_handles_are_ascii_slugs_of_the_display_name(database):
    seed_production(database, ["Jürgen Klopp", "Seán O'Brien", "  Zoë--Saldaña ", ""])
    _upgrade(database, EXPAND, did=f"Ran `alembic upgrade {EXPAND}` on four members")
    found = {k: v[2] for k, v in _names_and_handles(database).items()}
    expect_equal(
        found,
        {1: "jurgen-klopp", 2: "sean-o-brien", 3: "zoe-saldana", 4: "user-4"},
        did="Made handles for 'Jürgen Klopp', \"Seán O'Brien\", '  Zoë--Saldaña ' and ''",
        why="Rule 3.2: accents folded, every other run of characters one hyphen, none at the ends; user-<id> if empty.",
    )


@pytest.mark.task(3, points=3)
@pytest.mark.rules("3.3")
def test_members_of_one_name_get_numbered_handles_in_id_order(database):
    names = ["Ada Lovelace", "ada lovelace", "ADA  LOVELACE", "Ann 2", "Ann", "Ann", "User 8", "☃"]
    seed_production(database, names)
    _upgrade(database, EXPAND, did=f"Ran `alembic upgrade {EXPAND}` on {names!r}")
    found = {k: v[2] for k, v in _names_and_handles(database).items()}
    expect_equal(
        found,
        {
            **{1: "ada-lovelace", 2: "ada-lovelace-2", 3: "ada-lovelace-3", 4: "ann-2", 5: "ann", 6: "ann-3"},
            **{7: "user-8", 8: "user-8-2"},
        },
        did=f"Made handles for {names!r}",
        why="Rule 3.3: the first by id keeps the handle, the next ones get the smallest free suffix: 'ann-2' is "
        "taken, and so is 'user-8', member 7's.",
    )


@pytest.mark.task(3, points=3)
@pytest.mark.rules("3.4")
def test_the_contract_step_fills_the_members_release_1_added_meanwhile(database):
    seed_production(database, ["Ada Lovelace"])
    _upgrade(database, INDEX, did=f"Ran `alembic upgrade {INDEX}`")
    insert_release1(database, ["Ada Lovelace", "Linus Torvalds"], first=2)
    _upgrade(database, CONTRACT, did=f"Release 1 registered two members, then ran `alembic upgrade {CONTRACT}`")
    expect_equal(
        _names_and_handles(database),
        {
            1: ("Ada", "Lovelace", "ada-lovelace"),
            2: ("Ada", "Lovelace", "ada-lovelace-2"),
            3: ("Linus", "Torvalds", "linus-torvalds"),
        },
        did="Read names and handles after the contract step",
        why="Rule 3.4: rows release 1 wrote after the expand step get names and handles before the columns turn required.",
    )


@pytest.mark.task(4, points=share(4))
@pytest.mark.rules("4.1")
def test_the_contract_step_makes_names_required_and_drops_display_name(database, backend):
    seed_production(database)
    _upgrade(database, CONTRACT, did=f"Ran `alembic upgrade {CONTRACT}` on release 1's production database ({backend})")
    columns = columns_of(database)
    expect_equal(
        {
            name: nullable
            for name, nullable in columns.items()
            if name in ("given_name", "family_name", "handle", "display_name")
        },
        {"given_name": False, "family_name": False, "handle": False},
        did=f"Read the columns of users at {CONTRACT} (name: accepts NULL)",
        why="Rule 4.1: after the contract step the names and the handle are required, and display_name is gone.",
    )


@pytest.mark.task(4, points=share(4))
@pytest.mark.rules("4.2")
def test_downgrading_the_contract_step_and_upgrading_again_keeps_every_value(database, backend):
    seed_production(database)
    _upgrade(database, CONTRACT, did=f"Ran `alembic upgrade {CONTRACT}` ({backend})")
    before = rows(database, RELEASE2)
    failure = migrate(database, "-1", down=True) or migrate(database, CONTRACT)
    expect_equal(
        failure,
        "",
        did="Ran `alembic downgrade -1`, then `alembic upgrade head`",
        saw=failure,
        expected_text="both to succeed",
    )
    lost = changed(before, rows(database, RELEASE2))
    expect_equal(
        lost,
        [],
        did="Read every row before and after `downgrade -1` then `upgrade head`",
        saw="; ".join(lost[:3]),
        expected_text=f"all {len(before)} rows, every value unchanged",
        why="Rule 4.2: a revision you cannot step back from turns a bad deploy into an outage.",
    )


@pytest.mark.task(4, points=3)
@pytest.mark.rules("4.3")
def test_downgrading_the_contract_step_gives_release_1_its_display_names_back(database):
    seed_production(database, ["  Grace   Hopper ", "Cher"])
    _upgrade(database, CONTRACT, did=f"Ran `alembic upgrade {CONTRACT}`")
    failure = migrate(database, INDEX, down=True)
    expect_equal(
        failure, "", did=f"Ran `alembic downgrade {INDEX}`", saw=failure, expected_text="the downgrade to succeed"
    )
    names = {k: v[1] for k, v in rows(database, ("id", "display_name")).items()}
    expect_equal(
        names,
        {1: "Grace Hopper", 2: "Cher"},
        did=f"Read display_name after `alembic downgrade {INDEX}`",
        why="Rule 4.3: release 1 comes back on a rollback; it needs a display name on every row.",
    )


@pytest.mark.task(5, points=4)
@pytest.mark.rules("5.1")
def test_the_handle_index_is_built_concurrently_outside_a_transaction():
    sql, failure = render(EXPAND, INDEX)
    expect_equal(
        failure,
        "",
        did=f"Rendered `alembic upgrade {EXPAND}:{INDEX} --sql` for PostgreSQL",
        saw=failure,
        expected_text="a script in which every CREATE INDEX runs CONCURRENTLY, outside a transaction",
    )
    open_transaction, inside, concurrent = False, [], []
    for statement in statements_of(sql):
        if statement == "BEGIN":
            open_transaction = True
        elif statement == "COMMIT":
            open_transaction = False
        elif re.match(r"CREATE (UNIQUE )?INDEX", statement):
            (inside if open_transaction else concurrent).append(statement)
    expect_equal(
        (bool(concurrent), inside, all(" CONCURRENTLY " in s for s in concurrent)),
        (True, [], True),
        did=f"Rendered `alembic upgrade {EXPAND}:{INDEX} --sql` for PostgreSQL",
        saw=f"inside a transaction: {inside}; outside: {concurrent}",
        expected_text="every CREATE INDEX with CONCURRENTLY, between a COMMIT and the next BEGIN",
        why="Rule 5.1: a plain CREATE INDEX blocks every write to users until it ends; CONCURRENTLY cannot run in a transaction.",
    )
