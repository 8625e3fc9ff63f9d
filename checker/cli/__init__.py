"""The `kata` command: a thin Typer layer over the checker's core, rendered with Rich."""
