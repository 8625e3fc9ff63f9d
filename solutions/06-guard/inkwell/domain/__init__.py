"""The domain: users, posts and the preview of a post's link."""
