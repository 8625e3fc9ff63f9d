"""The room's use cases: they take primitives and ports, and return a Result."""
