"""The domain: plain entities and typed errors; it knows nothing of the database or the web."""
