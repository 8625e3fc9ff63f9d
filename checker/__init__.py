"""Inkwell Katas: the catalog, the checker and the `kata` command."""
