"""Fixtures of both suites: the app built on a small and on a large data set (see docs/authoring.md)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from kata_tests import _data as data_module
from kata_tests import _sql as sql_module
from sqlalchemy import text

from checker.testkit import learner

SMALL, LARGE = 3, 60
HINT = "Run `uv run kata hint 03-n-plus-one` for the next hint."


@dataclass
class Visit:
    """One GET request and the SELECT statements it ran."""

    url: str
    response: object
    statements: list
    site: Site

    @property
    def count(self) -> int:
        return len(self.statements)

    @property
    def grouped(self) -> str:
        return sql_module.grouped(self.statements)

    def json(self) -> object:
        return self.response.json()


class Site:
    def __init__(self, authors: int) -> None:
        self.data = data_module.dataset(authors)
        self.app = learner("inkwell.app").create_app("sqlite://")
        engine = getattr(self.app.state, "engine", None)
        assert engine is not None, (
            "create_app() returned an app without app.state.engine.\n"
            "  expected: the engine the app uses, stored on app.state.engine\n"
            "The contract in the README asks for it: the checker counts the statements on it."
        )
        _seed(engine, self.data)
        self.recorder = sql_module.Recorder(engine)
        self.client = TestClient(self.app)

    @property
    def name(self) -> str:
        published = len(self.data.posts) - sum(p["status"] != "published" for p in self.data.posts)
        size = "small" if self.data.authors == SMALL else "large"
        return f"the {size} data set ({self.data.authors} authors, {published} published posts)"

    def get(self, url: str) -> Visit:
        with self.recorder.during() as recorded:
            response = self.client.get(url)
        return Visit(url, response, sql_module.selects(recorded), self)

    def answers_feed(self) -> list[dict]:
        return data_module.expected_feed(self.data)

    def answers_authors(self) -> list[dict]:
        return data_module.expected_authors(self.data)

    def answers_author_posts(self, author: int) -> list[dict]:
        return data_module.expected_author_posts(self.data, author)

    def rows(self, visit: Visit) -> list[int]:
        return self.recorder.rows_returned(visit.statements)


def _seed(engine, data) -> None:  # noqa: ANN001
    tables = ("users", "tags", "posts", "post_tags", "comments")
    with engine.begin() as conn:
        for table in tables:
            rows = getattr(data, table)
            columns = list(rows[0])
            insert = text(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})")
            try:
                conn.execute(insert, rows)
            except Exception as error:  # noqa: BLE001
                raise AssertionError(
                    f"Seeding the table {table} with the columns {', '.join(columns)} failed:\n"
                    f"  {type(error).__name__}: {str(error).splitlines()[0]}\n"
                    "The README's contract lists the tables and columns the checker writes; "
                    "keep them."
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


@pytest.fixture(scope="session")
def hint() -> str:
    return HINT
