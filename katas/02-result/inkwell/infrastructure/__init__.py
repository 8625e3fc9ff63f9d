"""The infrastructure: SQLAlchemy tables and the adapters that implement the ports."""
