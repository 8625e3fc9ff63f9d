"""Grading for reviewers: many submissions, each isolated, held to the suite's manifest.

Nothing is imported here: `checker.grading.jail` runs as the first module of a confined process
and must not pull in more than it needs.
"""
