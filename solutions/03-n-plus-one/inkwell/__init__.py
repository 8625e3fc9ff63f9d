"""Inkwell, as it stands in the N+1 kata: the read side of the platform."""
