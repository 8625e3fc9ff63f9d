"""Entities and value rules: what Inkwell is about, with no database and no HTTP."""
