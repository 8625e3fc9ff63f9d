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


@migrations()
def m001_index_the_workload(db: Database) -> None:
    # The names match models.py: on a new database create_all has made these already, so every
    # statement here must be a no-op there (IF NOT EXISTS, ignore=True).
    # sqlite-utils' create_index takes column names only; an index on an expression is SQL.
    db.execute("CREATE UNIQUE INDEX IF NOT EXISTS uq_users_email_lower ON users (lower(email))")
    db.table("posts").create_index(["slug"], "uq_posts_slug", unique=True, if_not_exists=True)
    db.table("posts").create_index(["author_id", "status", "created_at"], "ix_posts_feed", if_not_exists=True)
    db.table("comments").create_index(["post_id", "created_at"], "ix_comments_post_created", if_not_exists=True)
    db.table("tags").create_index(["name"], "uq_tags_name", unique=True, if_not_exists=True)
    db.table("posts_tags").create_index(["tag_id", "post_id"], "ix_posts_tags_tag", if_not_exists=True)
    # Each of these costs every write and serves no query that ix_posts_feed does not.
    for name in ("ix_posts_author_id", "ix_posts_author_id_status", "ix_posts_status"):
        db.table("posts").drop_index(name, ignore=True)


def apply(db: Database) -> None:
    migrations.apply(db)
