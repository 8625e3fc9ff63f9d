"""Rooms, learners and their progress: plain Python, no framework, no database."""
