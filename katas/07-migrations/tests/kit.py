"""The instruments both suites share: Alembic itself, run programmatically on real databases.

- `migrate(url, "0003")` runs `alembic upgrade` (or `downgrade`) with the submission's
  inkwell/migrations as the script folder, and answers "" or the failure as one sentence;
- `rows(url, columns)` reads every row, so a test can compare the rows before and after;
- `drift(url)` compares the migrated schema with the models, as `alembic check` does;
- `seed_production(url)` is the database release 1 left in production.
"""

from __future__ import annotations

import io
import re
import traceback
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError

from checker.testkit import expect_equal, learner

INITIAL, EXPAND, INDEX, CONTRACT = "0001", "0002", "0003", "0004"
RELEASE1 = ("id", "email", "display_name", "role", "created_at")
RELEASE2 = ("id", "email", "given_name", "family_name", "handle", "role", "created_at")

# What release 1 let members type as a display name, and so what production holds.
PRODUCTION_NAMES = [
    "Ada Lovelace",
    "  Grace   Hopper ",
    "Jürgen\tKlopp",
    "Ada Lovelace",
    "Cher",
    "",
    "Mary Ann\u00a0de la Cruz",
    "   ",
    "Seán O'Brien",
    "Zoë Saldaña-Nazario",
    "émile zola",
    "Linus\nTorvalds",
]
EPOCH = datetime(2024, 1, 1, 9, 30)


def migrations_folder() -> Path:
    return Path(str(learner("inkwell").__file__)).parent / "migrations"


def alembic_config(url: str, output: io.StringIO | None = None) -> Config:
    config = Config(output_buffer=output) if output is not None else Config()
    config.set_main_option("script_location", str(migrations_folder()))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def migrate(url: str, target: str, *, down: bool = False) -> str:
    """`alembic upgrade target` (or `downgrade`): "" when it worked, else what went wrong."""
    try:
        (command.downgrade if down else command.upgrade)(alembic_config(url), target)
    except CommandError as error:
        return _missing(error) or _failure(error)
    except Exception as error:  # the learner's revision failed: say how, and where
        return _failure(error)
    return ""


def _missing(error: CommandError) -> str:
    wanted = re.search(r"Can't locate revision identified by '([^']+)'", str(error))
    if wanted is None:
        return ""
    return (
        f"there is no revision {wanted.group(1)} in inkwell/migrations/versions "
        "(the rollout in the README names 0001 to 0004)"
    )


def render(start: str, end: str, *, down: bool = False, dialect: str = "postgresql") -> tuple[str, str]:
    """The SQL script `alembic upgrade start:end --sql` (or downgrade) writes for a dialect, with
    no server; and "" or what went wrong."""
    output = io.StringIO()
    try:
        (command.downgrade if down else command.upgrade)(
            alembic_config(f"{dialect}://", output), f"{start}:{end}", sql=True
        )
    except CommandError as error:
        return output.getvalue(), _missing(error) or _failure(error)
    except Exception as error:  # the learner's revision failed to render: say how, and where
        return output.getvalue(), _failure(error)
    return output.getvalue(), ""


def statements_of(sql: str) -> list[str]:
    """The statements of a rendered script, comments and blank lines left out."""
    lines = [line for line in sql.splitlines() if not line.strip().startswith("--")]
    return [" ".join(s.split()) for s in "\n".join(lines).split(";") if s.strip()]


def _failure(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    where = ""
    folder = str(migrations_folder())
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        # A frame of a revision or a helper beside them; env.py only relays Alembic's errors.
        if frame.filename.startswith(folder) and not frame.filename.endswith("env.py"):
            where = f" (at {Path(frame.filename).relative_to(folder.rsplit('/', 2)[0])} line {frame.lineno})"
            break
    return f"{type(error).__name__}: {text[:300]}{where}"


def script() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config("sqlite://"))


def rows(url: str, columns: tuple[str, ...]) -> dict[int, tuple[Any, ...]]:
    """Every row of users, by id, as the values of `columns` (id first)."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            query = sa.text(f"SELECT {', '.join(columns)} FROM users ORDER BY id")
            return {row[0]: tuple(row) for row in connection.execute(query)}
    finally:
        engine.dispose()


def changed(before: dict[int, tuple[Any, ...]], after: dict[int, tuple[Any, ...]]) -> list[str]:
    """What was lost or changed between two readings of the same rows, in sentences."""
    found = [f"row {key} is gone (it was {value!r})" for key, value in before.items() if key not in after]
    found += [
        f"row {key} was {value!r}, now {after[key]!r}"
        for key, value in before.items()
        if key in after and after[key] != value
    ]
    return found


def columns_of(url: str) -> dict[str, bool]:
    """The columns of users, each with whether it accepts NULL."""
    engine = sa.create_engine(url)
    try:
        return {c["name"]: bool(c["nullable"]) for c in sa.inspect(engine).get_columns("users")}
    finally:
        engine.dispose()


def drift(url: str, metadata: sa.MetaData | None = None) -> list[str]:
    """What `alembic check` would report: how the migrated schema differs from the models (or from
    `metadata`), and, stricter than Alembic, any column whose type is written differently
    (`VARCHAR(100)` is not `VARCHAR(101)`, nor `VARCHAR`)."""
    metadata = metadata if metadata is not None else learner("inkwell.infrastructure.models").Base.metadata
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "compare_server_default": True}
            )
            found = [_describe(diff) for diff in compare_metadata(context, metadata)]
            columns = schema(url)["columns"]
            for table in metadata.tables.values():
                for column in table.columns:
                    wanted = column.type.compile(dialect=engine.dialect)
                    have = columns.get(column.name, (wanted,))[0]
                    if table.name == "users" and have != wanted:
                        found.append(f"modify_type users {column.name}: {have}, the models say {wanted}")
            return found
    finally:
        engine.dispose()


def schema(url: str) -> dict[str, Any]:
    """The users table as the database describes it: each column's type, nullability and default,
    and each index's columns and uniqueness."""
    engine = sa.create_engine(url)
    try:
        found = sa.inspect(engine)
        columns = {
            c["name"]: (c["type"].compile(dialect=engine.dialect), bool(c["nullable"]), c.get("default"))
            for c in found.get_columns("users")
        }
        indexes = {i["name"]: (tuple(i["column_names"]), bool(i["unique"])) for i in found.get_indexes("users")}
        return {"columns": columns, "indexes": indexes}
    finally:
        engine.dispose()


# Release 1's schema, as production has it: what revision 0001 must keep building.
RELEASE1_SCHEMA = sa.MetaData()
sa.Table(
    "users",
    RELEASE1_SCHEMA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("email", sa.String(320), nullable=False),
    sa.Column("display_name", sa.String(100), nullable=False),
    sa.Column("role", sa.String(10), nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Index("uq_users_email", "email", unique=True),
)


def _describe(diff: Any) -> str:
    step = diff[0] if isinstance(diff, list) else diff
    kind, *args = step
    named = [getattr(a, "name", None) or str(a) for a in args if a is not None][:3]
    return f"{kind} {' '.join(str(n) for n in named)}".strip()


def seed_production(url: str, names: list[str] | None = None) -> None:
    """Release 1's production database: revision 0001, then the members it registered."""
    failure = migrate(url, INITIAL)
    expect_equal(
        failure,
        "",
        did=f"Ran `alembic upgrade {INITIAL}` to build release 1's production database",
        saw=failure,
        expected_text=f"`alembic upgrade {INITIAL}` (release 1's schema) to succeed",
    )
    insert_release1(url, PRODUCTION_NAMES if names is None else names)


def insert_release1(url: str, names: list[str], *, first: int = 1) -> None:
    """Rows as release 1 writes them: its four columns, nothing else; ids come from the database."""
    engine = sa.create_engine(url)
    statement = sa.text("INSERT INTO users (email, display_name, role, created_at) VALUES (:email, :name, :role, :at)")
    values = [
        {"email": f"member{n}@inkwell.io", "name": name, "role": ("member", "editor", "admin")[n % 3],
         "at": EPOCH + timedelta(hours=n)}
        for n, name in enumerate(names, start=first)
    ]  # fmt: skip
    try:
        with engine.begin() as connection:
            if values:
                connection.execute(statement, values)
    finally:
        engine.dispose()
