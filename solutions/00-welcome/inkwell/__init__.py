"""Inkwell, as it stands in the welcome kata."""
