"""The domain: entities, rules and errors, knowing nothing of the web or the database."""
