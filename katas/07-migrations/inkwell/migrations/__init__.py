"""Alembic's environment and the revisions: the only source of Inkwell's schema."""
