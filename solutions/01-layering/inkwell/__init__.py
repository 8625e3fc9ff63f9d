"""Inkwell, as it stands in the layering kata: four layers and a composition root."""
