"""The HTTP edge: routes, schemas, dependencies, and the one mapping from errors to responses."""
