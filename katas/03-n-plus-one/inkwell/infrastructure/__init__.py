"""The adapters: SQLAlchemy tables, the read queries and the unit of work."""
