"""How Alembic reaches the database: given a connection (`config.attributes["connection"]`),
or a URL (`sqlalchemy.url`), or for offline SQL scripts (`alembic upgrade --sql`)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine, pool

from inkwell.infrastructure.models import Base

config = context.config
target_metadata = Base.metadata


def _configure(*, connection: Connection | None = None, url: str | None = None) -> None:
    context.configure(
        connection=connection,
        url=url,
        # Offline scripts (`--sql`) hold values written into the SQL, not bound parameters.
        literal_binds=connection is None,
        target_metadata=target_metadata,
        # SQLite can change a column only by copying the table: autogenerate writes batch
        # operations, which Alembic runs as ALTER elsewhere.
        render_as_batch=True,
        # Each revision commits on its own: a failure leaves the database at the last good one.
        transaction_per_migration=True,
        compare_server_default=True,
    )


def _run(connection: Connection) -> None:
    _configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    _configure(url=config.get_main_option("sqlalchemy.url"))
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    given = config.attributes.get("connection")
    if given is not None:
        _run(given)
        return
    engine = create_engine(str(config.get_main_option("sqlalchemy.url")), poolclass=pool.NullPool)
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
