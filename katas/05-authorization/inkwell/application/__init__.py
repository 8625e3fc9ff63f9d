"""The application layer: the use cases, the ports they need, and the authorization policy."""
