"""The kata catalog: katas discovered from their folders, their metadata validated on load."""

from checker.catalog.loader import Catalog, CatalogError, find_project_root, load_catalog
from checker.catalog.model import Kata, Task
from checker.catalog.rules import Rule, read_rules

__all__ = ["Catalog", "CatalogError", "Kata", "Rule", "Task", "find_project_root", "load_catalog", "read_rules"]
