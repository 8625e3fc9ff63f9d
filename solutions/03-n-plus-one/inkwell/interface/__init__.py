"""The HTTP edge: routes, response shapes, dependencies and problem responses."""
