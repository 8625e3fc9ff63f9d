"""Contract: names and handles become required, and display_name goes.

Runs once release 1 is gone, in a revision of its own: first the rows release 1 wrote while it
ran on the expanded schema get their names and handles, then the columns can be NOT NULL.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op
from inkwell.migrations.backfill import fill_names_and_handles, users

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

NAME = sa.String(100)
HANDLE = sa.String(120)


def upgrade() -> None:
    fill_names_and_handles(op.get_bind())
    # SQLite cannot ALTER a column's nullability: batch mode copies the table into a new one
    # with the new definition, rows, indexes and all. PostgreSQL gets plain ALTERs.
    with op.batch_alter_table("users") as batch:
        batch.alter_column("given_name", existing_type=NAME, nullable=False)
        batch.alter_column("family_name", existing_type=NAME, nullable=False)
        batch.alter_column("handle", existing_type=HANDLE, nullable=False)
        batch.drop_column("display_name")


def downgrade() -> None:
    # Back to the expanded schema, where release 1 runs again: it needs a display name on every
    # row, including the members release 2 registered, so it is rebuilt from the two names.
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("display_name", NAME, nullable=True))
        batch.alter_column("given_name", existing_type=NAME, nullable=True)
        batch.alter_column("family_name", existing_type=NAME, nullable=True)
        batch.alter_column("handle", existing_type=HANDLE, nullable=True)
    joined = sa.func.trim(users.c.given_name + " " + users.c.family_name)
    op.get_bind().execute(users.update().values(display_name=joined))
    with op.batch_alter_table("users") as batch:
        batch.alter_column("display_name", existing_type=NAME, nullable=False)
