"""Fixtures of both suites: an existing database at the production schema, seeded and ANALYZEd,
the workload served by the submission over it, and the plan of every statement.

Each suite's conftest.py re-exports these fixtures and sets the size of the data with a `scale`
fixture of its own: the hidden suite works the same way as the public tests, on a larger database."""

from __future__ import annotations

import random
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.pool import Pool

from checker.appclient import AppClient
from checker.testkit import fault, learner

# The production schema as it stands today (README, "The existing database"): the suite builds
# it itself, so a submission is judged on what its migration does to a database it did not make.
SCHEMA_V1 = """
CREATE TABLE users (id INTEGER NOT NULL, email VARCHAR(320) NOT NULL, display_name VARCHAR(100) NOT NULL,
  role VARCHAR(10) NOT NULL, created_at DATETIME NOT NULL, PRIMARY KEY (id));
CREATE TABLE tags (id INTEGER NOT NULL, name VARCHAR(50) NOT NULL, PRIMARY KEY (id));
CREATE TABLE posts (id INTEGER NOT NULL, author_id INTEGER NOT NULL, title VARCHAR(200) NOT NULL,
  slug VARCHAR(80) NOT NULL, body TEXT NOT NULL, status VARCHAR(10) NOT NULL,
  created_at DATETIME NOT NULL, published_at DATETIME, PRIMARY KEY (id),
  FOREIGN KEY(author_id) REFERENCES users (id));
CREATE INDEX ix_posts_status ON posts (status);
CREATE INDEX ix_posts_author_id ON posts (author_id);
CREATE INDEX ix_posts_author_id_status ON posts (author_id, status);
CREATE TABLE comments (id INTEGER NOT NULL, post_id INTEGER NOT NULL, author_id INTEGER NOT NULL,
  body TEXT NOT NULL, created_at DATETIME NOT NULL, PRIMARY KEY (id),
  FOREIGN KEY(post_id) REFERENCES posts (id), FOREIGN KEY(author_id) REFERENCES users (id));
CREATE TABLE posts_tags (post_id INTEGER NOT NULL, tag_id INTEGER NOT NULL,
  PRIMARY KEY (post_id, tag_id), FOREIGN KEY(post_id) REFERENCES posts (id),
  FOREIGN KEY(tag_id) REFERENCES tags (id));
"""
PROLIFIC = 7  # one author with many posts: the feed's hard case
DRAFTER = 8  # many posts, the newest of them drafts: an index that sorts before it filters reads them all
FULL_PAGE, ONE_MORE, NO_PUBLISHED = 9, 10, 11  # exactly 20 published posts, 21, and none


@dataclass(frozen=True)
class Scale:
    users: int
    posts: int
    comments: int
    tags: int
    prolific_posts: int


PUBLIC = Scale(users=1_000, posts=8_000, comments=8_000, tags=100, prolific_posts=600)
# The hidden suite asks more questions of the same data: one database serves both suites.
HIDDEN = PUBLIC
# Posts of the edge authors (after the prolific author's): author -> (published, other) counts.
EDGE_AUTHORS = {DRAFTER: (25, 300), FULL_PAGE: (20, 5), ONE_MORE: (21, 0), NO_PUBLISHED: (0, 3)}
WORKLOAD_TABLES = ("users", "posts", "comments", "tags", "posts_tags")
_BASE = datetime(2025, 1, 1)


def stamp(minutes: int) -> str:
    # The text form SQLAlchemy's DateTime stores on SQLite, so the app reads these back.
    return (_BASE + timedelta(minutes=minutes)).strftime("%Y-%m-%d %H:%M:%S.%f")


@dataclass
class Seeded:
    posts: list[tuple] = field(default_factory=list)
    comments: list[tuple] = field(default_factory=list)
    tagged: dict[int, list[int]] = field(default_factory=dict)  # tag id -> post ids

    def feed(self, author: int) -> list[int]:
        mine = [p for p in self.posts if p[1] == author and p[5] == "published"]
        return [p[0] for p in sorted(mine, key=lambda p: p[6], reverse=True)[:20]]

    def tag_page(self, tag: int) -> list[int]:
        ids = set(self.tagged[tag])
        mine = [p for p in self.posts if p[0] in ids and p[5] == "published"]
        return [p[0] for p in sorted(mine, key=lambda p: p[6], reverse=True)[:20]]

    def comments_on(self, post: int) -> list[int]:
        return [c[0] for c in sorted((c for c in self.comments if c[1] == post), key=lambda c: (c[4], c[0]))]


def existing_database(path: Path, scale: Scale, *, rows: bool = True) -> Seeded:
    """The production database before the kata: schema v1, seeded in one transaction, ANALYZEd."""
    rng, seeded = random.Random(4), Seeded()
    con = sqlite3.connect(path)
    con.executescript(SCHEMA_V1)
    if rows:
        _fill(con, rng, seeded, scale)
        con.execute("ANALYZE")
    con.close()
    return seeded


def _fill(con: sqlite3.Connection, rng: random.Random, seeded: Seeded, scale: Scale) -> None:
    USERS, POSTS, COMMENTS, TAGS = scale.users, scale.posts, scale.comments, scale.tags  # noqa: N806
    post_times, comment_times = list(range(POSTS)), list(range(COMMENTS))
    rng.shuffle(post_times)
    rng.shuffle(comment_times)
    statuses = rng.choices(["published", "draft", "archived"], weights=[80, 15, 5], k=POSTS)
    edge = [author for author, (published, other) in EDGE_AUTHORS.items() for _ in range(published + other)]
    authors = [PROLIFIC] * scale.prolific_posts + edge
    others = [a for a in range(1, USERS + 1) if a not in EDGE_AUTHORS and a != PROLIFIC]
    authors += [rng.choice(others) for _ in range(POSTS - len(authors))]
    for i in range(1, POSTS + 1):
        status, created = statuses[i - 1], stamp(post_times[i - 1] * 3)
        seeded.posts.append([i, authors[i - 1], f"Post {i}", f"post-{i}", "A body.", status, created, None])
    for author, (published, _other) in EDGE_AUTHORS.items():
        # The oldest `published` posts of the author are published, every newer one a draft.
        mine = sorted((p for p in seeded.posts if p[1] == author), key=lambda p: p[6])
        for rank, post in enumerate(mine):
            post[5] = "published" if rank < published else "draft"
    seeded.posts = [tuple(p[:7]) + (p[6] if p[5] == "published" else None,) for p in seeded.posts]
    for i in range(1, COMMENTS + 1):
        post = 1 if i <= 60 else rng.randint(1, POSTS)
        # Comments 2 and 3 of post 1 share a timestamp: the tie that ORDER BY created_at, id settles.
        minutes = comment_times[1] * 2 + 1 if i == 3 else comment_times[i - 1] * 2 + 1
        seeded.comments.append((i, post, rng.randint(1, USERS), "Nice.", stamp(minutes)))
    links = [(p, t) for p in range(1, POSTS + 1) for t in rng.sample(range(1, TAGS + 1), 2)]
    for post, tag in links:
        seeded.tagged.setdefault(tag, []).append(post)
    with con:
        con.executemany(
            "INSERT INTO users VALUES (?,?,?,?,?)",
            [(i, f"writer{i:04d}@inkwell.test", f"Writer {i}", "member", stamp(i)) for i in range(1, USERS + 1)],
        )
        con.executemany("INSERT INTO tags VALUES (?,?)", [(i, f"tag-{i:03d}") for i in range(1, TAGS + 1)])
        con.executemany("INSERT INTO posts VALUES (?,?,?,?,?,?,?,?)", seeded.posts)
        con.executemany("INSERT INTO comments VALUES (?,?,?,?,?)", seeded.comments)
        con.executemany("INSERT INTO posts_tags VALUES (?,?)", links)


class Recorder:
    """Every statement any SQLAlchemy engine executes inside the `with` block."""

    def __init__(self) -> None:
        self.statements: list[tuple[str, Any]] = []

    def __enter__(self) -> Recorder:
        event.listen(Engine, "before_cursor_execute", self._seen)
        return self

    def __exit__(self, *exc: object) -> None:
        event.remove(Engine, "before_cursor_execute", self._seen)

    def _seen(self, conn, cursor, statement, parameters, context, executemany) -> None:
        self.statements.append((statement, parameters))


@dataclass
class Call:
    name: str
    method: str
    url: str
    body: dict | None
    status: int = 0
    json: Any = None
    statements: list[tuple[str, Any]] = field(default_factory=list)
    error: str = ""
    content_type: str = ""

    @property
    def did(self) -> str:
        return f"{self.method} {self.url}" + (f" with {self.body}" if self.body else "")


# The workload the README names; the tests refer to the calls by these keys. The reads come
# first; the writes last, so that they change nothing the reads are compared with.
READS = [
    ("login", "POST", "/login", {"email": " Writer0042@Inkwell.TEST "}),
    ("login-unknown", "POST", "/login", {"email": "nobody@inkwell.test"}),
    ("post", "GET", "/posts/post-123", None),
    ("post-missing", "GET", "/posts/no-such-post", None),
    ("feed", "GET", f"/users/{PROLIFIC}/posts", None),
    ("feed-drafter", "GET", f"/users/{DRAFTER}/posts", None),
    ("feed-small", "GET", "/users/42/posts", None),
    ("feed-full", "GET", f"/users/{FULL_PAGE}/posts", None),
    ("feed-one-more", "GET", f"/users/{ONE_MORE}/posts", None),
    ("feed-empty", "GET", f"/users/{NO_PUBLISHED}/posts", None),
    ("tag", "GET", "/tags/tag-017/posts", None),
    ("tag-missing", "GET", "/tags/no-such-tag/posts", None),
    ("comments", "GET", "/posts/post-1/comments", None),
    ("comments-missing", "GET", "/posts/no-such-post/comments", None),
]
WRITES = [
    ("register", "POST", "/users", {"email": "Grace@Inkwell.test", "display_name": "Grace"}),
    ("register-taken", "POST", "/users", {"email": " WRITER0042@inkwell.TEST", "display_name": "Again"}),
    ("new-post", "POST", "/posts", {"author_id": 42, "title": "On indexes", "slug": "on-indexes", "body": "B."}),
    ("post-taken", "POST", "/posts", {"author_id": 42, "title": "Again", "slug": "post-123", "body": "B."}),
    ("post-orphan", "POST", "/posts", {"author_id": 999_999, "title": "Lost", "slug": "lost-post", "body": "B."}),
]
# Refused before any SQL runs: only what they answer is judged (rule 3.5).
AT_THE_EDGE = [
    ("register-malformed", "POST", "/users", {"email": "not-an-address", "display_name": "X"}),
    ("post-invalid", "POST", "/posts", {"author_id": 42, "title": "T", "slug": "Not a slug!", "body": "B."}),
    ("no-route", "GET", "/no/such/route", None),
]
CALLS = READS + WRITES + AT_THE_EDGE
FEEDS = {
    "feed": PROLIFIC,
    "feed-drafter": DRAFTER,
    "feed-small": 42,
    "feed-full": FULL_PAGE,
    "feed-one-more": ONE_MORE,
    "feed-empty": NO_PUBLISHED,
}
# A statement that reads nothing from a table: no plan to judge.
_UNPLANNED = re.compile(r"^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|PRAGMA)\b", re.IGNORECASE)
# The work one row fetched by its primary key costs is the yardstick of "rows examined".
_BY_ID = "SELECT * FROM posts WHERE id IN ({})"


class Workload:
    def __init__(self, path: Path, seeded: Seeded) -> None:
        self.path, self.seeded = path, seeded
        self.failure: Exception | None = None
        self.calls: dict[str, Call] = {}
        self.db = sqlite3.connect(path, check_same_thread=False)

    def run(self) -> None:
        try:
            app = learner("inkwell.app").create_app(f"sqlite:///{self.path}")
        except Exception as error:  # raised again in every test, which shows the learner's line
            self.failure = error
            return
        self.db.execute("ANALYZE")  # statistics for the indexes the migration made
        self.db.commit()
        with AppClient(app, raise_server_exceptions=False) as client:
            for name, method, url, body in CALLS:
                self.calls[name] = self._serve(client, Call(name, method, url, body))

    def _serve(self, client: AppClient, call: Call) -> Call:
        with Recorder() as recorder:
            try:
                response = client.request(call.method, call.url, json=call.body)
                call.status = response.status_code
                call.json = response.json() if response.content else None
                call.content_type = response.headers.get("content-type", "")
            except Exception as error:  # a broken app must not take the other calls down
                call.error = f"{type(error).__name__}: {error}"
        call.statements = [(s, p) for s, p in recorder.statements if not _UNPLANNED.match(s)]
        return call

    def ready(self) -> None:
        """Raise what create_app raised on the existing database, if anything."""
        if self.failure is not None:
            fault(self.failure)  # the submission's own failure, passed on: it decides nothing the checks would not

    def call(self, name: str) -> Call:
        self.ready()
        return self.calls[name]

    def plan(self, statement: str, parameters: Any) -> list[str]:
        try:
            rows = self.db.execute("EXPLAIN QUERY PLAN " + statement, parameters or ()).fetchall()
        except sqlite3.Error as error:
            return [f"(EXPLAIN failed: {error})"]
        return [row[3] for row in rows]

    def replay(self, statement: str, parameters: Any) -> list[dict[str, Any]]:
        """The rows a SELECT the app issued returns on the database now, by column name."""
        cursor = self.db.execute(statement, parameters or ())
        names = [d[0] for d in cursor.description or ()]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def work_per_row(self, call: Call) -> float | None:
        """How many rows' worth of work the call's statements did per row it answered.

        SQLite counts the steps of its virtual machine; the yardstick is the steps of fetching
        the very rows answered by their primary key. An index that hands over exactly the rows
        of the page scores about 1; one that reads past drafts, or sorts, scores far more.
        """
        ids = [item.get("id") for item in call.json if isinstance(item, dict)] if isinstance(call.json, list) else []
        if not ids or not all(isinstance(i, int) for i in ids):
            return None
        work = sum(self._steps(s, p) for s, p in call.statements)
        yardstick = self._steps(_BY_ID.format(",".join("?" * len(ids))), ids)
        return work / max(yardstick, 1)

    def _steps(self, statement: str, parameters: Any) -> int:
        steps = [0]

        def count() -> int:
            steps[0] += 1
            return 0

        self.db.set_progress_handler(count, 1)
        try:
            self.db.execute(statement, parameters or ()).fetchall()
        except sqlite3.Error:
            pass
        finally:
            self.db.set_progress_handler(None, 1)
        return steps[0]

    def rows_per_key(self, index: str, keys: int) -> tuple[int, int] | None:
        """From sqlite_stat1: (rows in the table, rows one lookup on `keys` key columns matches)."""
        row = self.db.execute("SELECT stat FROM sqlite_stat1 WHERE idx = ?", (index,)).fetchone()
        if row is None or keys < 1:
            return None
        numbers = [int(n) for n in row[0].split()[: 1 + keys] if n.isdigit()]
        return (numbers[0], numbers[min(keys, len(numbers) - 1)]) if len(numbers) > 1 else None


@dataclass(frozen=True)
class IndexInfo:
    name: str
    unique: bool
    origin: str  # "c" made by CREATE INDEX, "u" by UNIQUE, "pk" by the primary key
    keys: tuple[str, ...]  # key columns; an expression as written; " COLLATE X" after one not BINARY
    partial: bool  # has a WHERE clause: it holds only some of the table's rows
    where: str = ""  # the WHERE clause of a partial index, normalised

    @property
    def shape(self) -> tuple[bool, tuple[str, ...], str]:
        return (self.unique, self.keys, self.where if self.partial else "")

    def __str__(self) -> str:
        return f"{self.name} ({', '.join(self.keys)}){f' WHERE {self.where}' if self.partial else ''}"


def _key(column: str, collation: str | None) -> str:
    # A collation is part of a key: an index on `email COLLATE NOCASE` refuses what one on `email` lets in.
    return column if (collation or "BINARY").upper() == "BINARY" else f"{column} COLLATE {collation.upper()}"


def _normal(sql: str) -> str:
    # One spelling for one expression: no quotes around names, no spaces, lower case.
    return re.sub(r"\s+", "", re.sub(r"[\"`\[\]]", "", sql)).lower()


def _terms(sql: str | None) -> tuple[list[str], str]:
    """The key terms of a CREATE INDEX statement, and its WHERE clause, each normalised."""
    if not sql:
        return [], ""
    start = re.search(r"\bON\s+\S+?\s*\(", sql, re.IGNORECASE | re.DOTALL)
    if not start:
        return [], ""
    terms, depth, begin, i = [], 0, start.end(), start.end()
    while i < len(sql):
        char = sql[i]
        if char == "'":
            i = sql.index("'", i + 1)
        elif char == "(":
            depth += 1
        elif char == ")" and depth == 0:
            terms.append(sql[begin:i])
            break
        elif char == ")":
            depth -= 1
        elif char == "," and depth == 0:
            terms.append(sql[begin:i])
            begin = i + 1
        i += 1
    where = re.match(r"\s*WHERE\s+(.*?);?\s*$", sql[i + 1 :], re.IGNORECASE | re.DOTALL)
    strip = re.compile(r"\s+(COLLATE\s+\S+)?\s*(ASC|DESC)?\s*$", re.IGNORECASE)
    return [_normal(strip.sub("", term.strip())) for term in terms], _normal(where.group(1)) if where else ""


def indexes_of(path: Path) -> dict[str, list[IndexInfo]]:
    """Per workload table, every index as SQLite reports it (PRAGMA index_list, index_xinfo), with the
    text of each expression key and WHERE clause from sqlite_master: lower(email) is not trim(email)."""
    con = sqlite3.connect(path)
    statements = dict(con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'").fetchall())
    found: dict[str, list[IndexInfo]] = {}
    for table in WORKLOAD_TABLES:
        found[table] = []
        for _, name, unique, origin, partial in con.execute(f"PRAGMA index_list('{table}')"):
            info = con.execute(f"PRAGMA index_xinfo('{name}')").fetchall()
            terms, where = _terms(statements.get(name))
            keys = tuple(
                _key(r[2] if r[2] is not None and r[1] >= 0 else (terms[r[0]] if r[0] < len(terms) else "<expr>"), r[4])
                for r in info
                if r[5]
            )
            found[table].append(IndexInfo(name, bool(unique), origin, keys, bool(partial), where))
    con.close()
    return found


_SERVED: dict[Scale, Workload] = {}  # both suites' fixtures share one run per scale


@pytest.fixture(scope="session")
def workload(tmp_path_factory: pytest.TempPathFactory, scale: Scale) -> Workload:
    if scale not in _SERVED:
        path = tmp_path_factory.mktemp("existing") / "inkwell.db"
        _SERVED[scale] = load = Workload(path, existing_database(path, scale))
        load.run()
    return _SERVED[scale]


@pytest.fixture(scope="session")
def fresh_database(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A database the submission's create_app makes from nothing; (path, error)."""
    path = tmp_path_factory.mktemp("fresh") / "inkwell.db"
    try:
        learner("inkwell.app").create_app(f"sqlite:///{path}")
    except Exception as error:
        return path, f"create_app('sqlite:///<new file>') raised {type(error).__name__}: {error}"
    return path, ""


@pytest.fixture(scope="session")
def small_existing(tmp_path_factory: pytest.TempPathFactory, scale: Scale) -> Path:
    """An empty database at the production schema, with one author, for the race tests (each
    test races on values of its own, so they share it)."""
    path = tmp_path_factory.mktemp("small") / "inkwell.db"
    existing_database(path, scale, rows=False)
    con = sqlite3.connect(path)
    with con:
        con.execute("INSERT INTO users VALUES (1, 'grace@inkwell.test', 'Grace', 'editor', ?)", (stamp(0),))
    con.close()
    return path


# The other writer of a race, as a second server process or an import script would write.
USER_RIVAL = (
    "INSERT INTO users (email, display_name, role, created_at) "
    "VALUES (?, 'Rival', 'member', '2025-01-01 00:00:00.000000')"
)
POST_RIVAL = (
    "INSERT INTO posts (author_id, title, slug, body, status, created_at) "
    "VALUES (1, 'Rival', ?, 'Body.', 'draft', '2025-01-01 00:00:00.000000')"
)


class Race:
    """Plays the other request of a race: just before the app's INSERT INTO `table`, a second
    connection commits a row with the same key, as a second server process would."""

    def __init__(self, path: Path, table: str, insert: str, values: tuple) -> None:
        self.path, self.table, self.insert, self.values = path, table, insert, values
        self.cut_in = self.blocked = False
        self.refused = ""  # why the database refused the rival's row, if it did
        self._into = re.compile(rf"^\s*INSERT\b[^(]*?\bINTO\s+\"?{table}\"?[\s(]", re.IGNORECASE)

    def __enter__(self) -> Race:
        event.listen(Engine, "before_cursor_execute", self._before)
        return self

    def __exit__(self, *exc: object) -> None:
        event.remove(Engine, "before_cursor_execute", self._before)

    def _before(self, conn, cursor, statement, parameters, context, executemany) -> None:
        if self.cut_in or not self._into.match(statement):
            return
        self.cut_in = True
        try:
            self.blocked = not self.rival_inserts()
        except sqlite3.IntegrityError as error:
            # The database refused the rival itself (a trigger that keeps emails normalised, say):
            # no race took place, and the app's own INSERT must simply succeed.
            self.refused = str(error)

    def late_rival_refused(self) -> bool:
        """After the app's request: True when the database refuses the rival's row."""
        try:
            self.rival_inserts()
        except sqlite3.IntegrityError:
            return True
        return False

    def rival_inserts(self) -> bool:
        """True when the rival's row went in; False when the app holds the write lock."""
        rival = sqlite3.connect(self.path, timeout=0.2)
        try:
            with rival:
                rival.execute(self.insert, self.values)
        except sqlite3.OperationalError as error:
            if "locked" not in str(error):
                raise
            return False
        finally:
            rival.close()
        return True

    def count(self, where: str, value: str) -> int:
        con = sqlite3.connect(self.path)
        try:
            return con.execute(f"SELECT count(*) FROM {self.table} WHERE {where}", (value,)).fetchone()[0]
        finally:
            con.close()


def login_before_and_after(client: AppClient, path: Path, address: str) -> tuple[Any, Any]:
    """POST /login with `address` while no account uses it, then again once one does (stored with
    plain SQL, as an import would): rule 5.1 compares the two answers for one and the same address."""
    before = client.post("/login", json={"email": address})
    con = sqlite3.connect(path)
    try:
        with con:
            con.execute(USER_RIVAL, (address,))
    finally:
        con.close()
    return before, client.post("/login", json={"email": address})


def login_finds(client: AppClient, path: Path, stored: str, typed: str) -> tuple[int, list[str]]:
    """Stores an account with the address `stored` (plain SQL), logs in with `typed`, and runs the
    SELECTs login issued again on `path`: (status, the emails of the rows they return)."""
    con = sqlite3.connect(path)
    try:
        with con:
            con.execute(USER_RIVAL, (stored,))
        with Recorder() as recorder:
            response = client.post("/login", json={"email": typed})
        found = []
        for statement, parameters in recorder.statements:
            if statement.lstrip().upper().startswith("SELECT"):
                cursor = con.execute(statement, parameters or ())
                names = [d[0] for d in cursor.description or ()]
                found += [dict(zip(names, row, strict=True)).get("email") for row in cursor.fetchall()]
    finally:
        con.close()
    return response.status_code, found


class Reconnected:
    """Plays a dropped connection (a restarted database host, a pool_recycle): inside the block,
    the pool finds every connection it opened before gone, and opens a new one, as SQLAlchemy's
    pool does when a checkout raises DisconnectionError. Whatever the app set up on a connection
    once, rather than on each one the pool opens, is missing on the new one."""

    def __init__(self) -> None:
        self.opened: list[Any] = []  # the DBAPI connections the pool opened inside the block

    def __enter__(self) -> Reconnected:
        event.listen(Pool, "connect", self._opened)
        event.listen(Pool, "checkout", self._checkout)
        return self

    def __exit__(self, *exc: object) -> None:
        event.remove(Pool, "checkout", self._checkout)
        event.remove(Pool, "connect", self._opened)

    def _opened(self, dbapi_connection, record) -> None:
        self.opened.append(dbapi_connection)

    def _checkout(self, dbapi_connection, record, proxy) -> None:
        if not any(dbapi_connection is new for new in self.opened):
            fault(DisconnectionError("the connection was dropped (a fault injected by the suite)"))


@pytest.fixture
def race_factory() -> type[Race]:
    return Race


@pytest.fixture(scope="session")
def app_on(small_existing: Path):
    """A AppClient of the submission over `small_existing` (the migration applied to it)."""
    app = learner("inkwell.app").create_app(f"sqlite:///{small_existing}")
    with AppClient(app, raise_server_exceptions=False) as client:
        yield client


@pytest.fixture(scope="session")
def existing_indexes(workload: Workload) -> dict:
    workload.ready()
    return indexes_of(workload.path)


@pytest.fixture
def index_lister():
    return indexes_of
