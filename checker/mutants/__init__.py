"""Mutation testing of the reference solutions: how strong is each kata's suite?"""
