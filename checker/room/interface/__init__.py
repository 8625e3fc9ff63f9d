"""The HTTP edge of the room server: FastAPI lives here and nowhere below."""
