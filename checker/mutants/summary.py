"""Counts per file: mutants, killed, equivalent, unexplained; and the list entries gone stale."""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.mutants.explained import Explained
from checker.mutants.grade import Graded


@dataclass
class FileCounts:
    mutants: int = 0
    killed: int = 0
    equivalent: int = 0
    unexplained: int = 0


@dataclass
class Summary:
    files: dict[str, FileCounts] = field(default_factory=dict)
    unexplained: list[Graded] = field(default_factory=list)
    killed_but_listed: list[Graded] = field(default_factory=list)  # listed as equivalent, yet a test kills it
    stale: list[str] = field(default_factory=list)  # listed ids that no mutant has any more

    @property
    def total(self) -> FileCounts:
        total = FileCounts()
        for counts in self.files.values():
            total.mutants += counts.mutants
            total.killed += counts.killed
            total.equivalent += counts.equivalent
            total.unexplained += counts.unexplained
        return total


def summarise(graded: list[Graded], explained: Explained) -> Summary:
    summary = Summary()
    for result in graded:
        counts = summary.files.setdefault(result.mutation.path, FileCounts())
        counts.mutants += 1
        listed = result.mutation.id in explained.equivalent
        if result.killed:
            counts.killed += 1
            if listed:
                summary.killed_but_listed.append(result)
        elif listed:
            counts.equivalent += 1
        else:
            counts.unexplained += 1
            summary.unexplained.append(result)
    ids = {result.mutation.id for result in graded}
    files = {result.mutation.path for result in graded}  # with --file, only those files were mutated
    summary.stale = [m for m in explained.equivalent if m not in ids and m.split("::", 1)[0] in files]
    return summary
