"""Inkwell, as it stands in the indexing kata: layered, with typed errors, queries batched."""
