"""Schema changes for databases that already exist, as sqlite-utils migration steps.

`Base.metadata.create_all` makes the tables of a new database, indexes included, and skips every
table that exists: on the production database it changes nothing. What an existing database
must gain or lose is written here, one named step at a time; each step runs once, in a
transaction, and is recorded in the `_sqlite_migrations` table.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("inkwell")

# TODO(kata): last quarter's change to models.py made the laptops fast and production no faster.


def apply(db: Database) -> None:
    migrations.apply(db)
