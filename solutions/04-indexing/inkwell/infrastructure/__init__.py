"""SQLAlchemy tables, the migration steps and the repositories that implement the ports."""
