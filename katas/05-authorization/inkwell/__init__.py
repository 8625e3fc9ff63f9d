"""Inkwell, as it stands in the authorization kata."""
