"""Infrastructure: SQLAlchemy, and the HTTP adapters of the outside service with their guards."""
