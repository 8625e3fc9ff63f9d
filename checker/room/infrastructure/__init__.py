"""The room's adapters: SQLite through SQLAlchemy Core, token secrets, an in-memory rate limiter."""
