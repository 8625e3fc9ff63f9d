"""Inkwell, as it stands in the layering kata: it works, and everything is in the handlers."""
