"""The HTTP edge: routes, schemas, problem responses and the limits on what comes in."""
