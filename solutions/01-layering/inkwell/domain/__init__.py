"""The domain: entities, their rules and the domain errors.

It imports nothing of the database, the web framework or the outer layers, so its rules can be
read, tested and reused without either.
"""
