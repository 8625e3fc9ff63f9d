"""Use cases: what Inkwell does, written against ports."""
