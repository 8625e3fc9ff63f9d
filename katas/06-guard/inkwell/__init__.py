"""Inkwell, as it stands in the guard kata: it now calls an outside service on its write paths."""
