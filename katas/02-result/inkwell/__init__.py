"""Inkwell, as it stands in the Result kata: layered, with failures as values."""
