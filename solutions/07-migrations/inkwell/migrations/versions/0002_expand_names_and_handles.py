"""Expand: add given_name, family_name and handle beside display_name, and fill them.

Release 1 keeps running on this schema: it neither reads nor writes the new columns, so they
stay nullable (its INSERTs leave them NULL) and display_name stays exactly as it was.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op
from inkwell.migrations.backfill import fill_names_and_handles

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN of a nullable column is an ALTER that SQLite and PostgreSQL both run in place:
    # no table copy, no rewrite, no default to choose.
    op.add_column("users", sa.Column("given_name", sa.String(100), nullable=True))
    op.add_column("users", sa.Column("family_name", sa.String(100), nullable=True))
    op.add_column("users", sa.Column("handle", sa.String(120), nullable=True))
    fill_names_and_handles(op.get_bind())


def downgrade() -> None:
    # display_name was never touched, so dropping the new columns loses nothing release 1 had.
    with op.batch_alter_table("users") as batch:
        batch.drop_column("handle")
        batch.drop_column("family_name")
        batch.drop_column("given_name")
