"""Runs a kata's suites against a submission in a separate process and reads the results."""
