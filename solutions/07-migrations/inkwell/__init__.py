"""Inkwell, as it stands in the migrations kata: layered, typed errors, a schema that only Alembic changes."""
