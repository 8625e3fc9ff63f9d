"""Infrastructure: the SQLAlchemy implementation of the application's ports."""
