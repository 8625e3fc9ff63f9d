"""The use cases: what Inkwell does, through ports that the infrastructure implements."""
