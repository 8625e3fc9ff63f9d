"""SQLAlchemy tables, the engine and the repositories that implement the ports."""
