"""Use cases, one function each, and every port they need in ports.py."""
