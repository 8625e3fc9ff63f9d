"""The interface: FastAPI routers and Pydantic schemas that translate HTTP to use cases and back."""
