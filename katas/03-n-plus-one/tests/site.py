"""Fixtures of both suites: the app built on a small and on a large data set (see docs/authoring.md).

`small` and `large` are shared by every test and only read; a test that writes between two
reads asks for `fresh`, a small data set of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from kata_tests import _data as data_module
from kata_tests import _sql as sql_module
from sqlalchemy import Engine, text

from checker.appclient import AppClient
from checker.testkit import expect_equal, learner

SMALL, LARGE = 3, 60
HINT = "Run `uv run kata hint 03-n-plus-one` for the next hint."
BODY_MARK = data_module.BODY_MARK


@dataclass
class Visit:
    """One GET request, the SELECT statements it ran, and what the database returned for each."""

    url: str
    response: object
    statements: list
    returned: list = field(default_factory=list)
    where: str = ""

    @property
    def status(self) -> int:
        return self.response.status_code

    @property
    def count(self) -> int:
        return len(self.statements)

    @property
    def rows(self) -> int:
        return sum(len(rows) for rows in self.returned)

    @property
    def grouped(self) -> str:
        return sql_module.grouped(self.statements)

    def body(self) -> dict:
        try:
            found = self.response.json()
        except ValueError:
            return {}
        return found if isinstance(found, dict) else {}

    def items(self) -> list:
        items = self.body().get("items") if self.status == 200 else None
        return items if isinstance(items, list) else []

    def bodies_read(self) -> list[str]:
        """The statements whose answer, as the database returned it, holds a post's body."""
        return [
            s.shape
            for s, rows in zip(self.statements, self.returned, strict=True)
            if any(isinstance(value, str) and BODY_MARK in value for row in rows for value in row)
        ]


class Site:
    def __init__(self, authors: int) -> None:
        self.data = data_module.dataset(authors)
        self.app = learner("inkwell.app").create_app("sqlite://")
        engine = getattr(self.app.state, "engine", None)
        expect_equal(
            isinstance(engine, Engine),
            True,
            did="Built the app with create_app('sqlite://') and read app.state.engine",
            saw="no app.state.engine" if engine is None else f"app.state.engine = {type(engine).__name__}",
            expected_text="the engine the app uses, stored on app.state.engine",
            why="The contract in the README asks for it: the checker counts the statements on it.",
        )
        self.engine = engine
        for table in data_module.TABLES:
            _insert(engine, table, getattr(self.data, table))
        self.recorder = sql_module.Recorder(engine)
        self.client = AppClient(self.app, raise_server_exceptions=False)

    @property
    def name(self) -> str:
        published = sum(p["status"] == "published" for p in self.data.posts)
        size = "small" if self.data.authors == SMALL else "large"
        return f"the {size} data set ({self.data.authors} authors, {published} published posts)"

    def get(self, url: str) -> Visit:
        with self.recorder.during() as recorded:
            response = self.client.get(url)
        statements = sql_module.selects(recorded)
        # Replayed at once, on the data the request saw: a later write cannot change the answer.
        return Visit(url, response, statements, self.recorder.returned(statements), self.name)

    def add(self, table: str, row: dict) -> None:
        """A write between two reads: the row goes into the database and into the expected answers."""
        _insert(self.engine, table, [row])
        getattr(self.data, table).append(row)

    def answers_feed(self) -> list[dict]:
        return data_module.expected_feed(self.data)

    def answers_authors(self) -> list[dict]:
        return data_module.expected_authors(self.data)

    def answers_author_posts(self, author: int) -> list[dict]:
        return data_module.expected_author_posts(self.data, author)


def _insert(engine, table: str, rows: list[dict]) -> None:  # noqa: ANN001
    columns = list(rows[0])
    insert = text(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})")
    try:
        with engine.begin() as conn:
            conn.execute(insert, rows)
    except Exception as error:  # noqa: BLE001
        raise AssertionError(
            f"Writing to the table {table} with the columns {', '.join(columns)} failed:\n"
            f"  {type(error).__name__}: {str(error).splitlines()[0]}\n"
            "The README's contract lists the tables and columns the checker writes; keep them."
        ) from None


def _site(authors: int):  # noqa: ANN202
    site = Site(authors)
    with site.client:
        yield site


@pytest.fixture(scope="session")
def small():
    yield from _site(SMALL)


@pytest.fixture(scope="session")
def large():
    yield from _site(LARGE)


@pytest.fixture
def fresh():
    """A small data set of the test's own, for tests that write between two reads."""
    yield from _site(SMALL)


@pytest.fixture(scope="session")
def hint() -> str:
    return HINT
