"""The HTTP edge: routes, request and response schemas, problem responses."""
