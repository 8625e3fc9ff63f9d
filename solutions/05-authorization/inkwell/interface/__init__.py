"""The HTTP entry point: routes translate requests into use-case calls and errors into problems."""
