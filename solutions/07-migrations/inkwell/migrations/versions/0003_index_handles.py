"""Expand: index handles (unique) and sign-up dates, without locking out writers.

On PostgreSQL a plain CREATE INDEX holds off every INSERT and UPDATE on users until the whole
table is indexed; CONCURRENTLY lets them through, and it refuses to run inside a transaction,
hence the autocommit block. SQLite has no such option: there the same calls make plain indexes.

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.get_context().autocommit_block():
        op.create_index("uq_users_handle", "users", ["handle"], unique=True, postgresql_concurrently=True)
        op.create_index("ix_users_created_at", "users", ["created_at"], postgresql_concurrently=True)


def downgrade() -> None:
    with op.get_context().autocommit_block():
        op.drop_index("ix_users_created_at", table_name="users", postgresql_concurrently=True)
        op.drop_index("uq_users_handle", table_name="users", postgresql_concurrently=True)
