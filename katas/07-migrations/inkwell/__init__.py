"""Inkwell, as it stands in the migrations kata: layered, with typed errors; release 2 on the way."""
