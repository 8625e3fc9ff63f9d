"""The infrastructure: SQLAlchemy tables, the repositories and unit of work that implement the ports."""
