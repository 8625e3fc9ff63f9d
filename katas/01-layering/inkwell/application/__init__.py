"""The application: use cases that orchestrate the domain through ports and a unit of work."""
