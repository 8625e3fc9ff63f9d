"""Workshops: the learner copy, the submission zip, the agenda, and the room's set-up check.

Core code only: it returns values and raises errors with sentences; the `kata` command renders them.
"""
