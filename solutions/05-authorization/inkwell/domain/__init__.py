"""The domain: what a user and a post are, and how a post moves through its life."""
