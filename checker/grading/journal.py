"""The batch's journal: each finished submission's grade, appended as it lands, so that an
interrupted batch (a crash, Ctrl-C, a machine that went away) is finished by `kata grade --resume`
without grading again what was already graded.

One JSON line per graded submission, after a first line that says which batch it belongs to
(the katas, the limits); a resumed run that asks for another batch is refused, and a submission
that changed since its line was written is graded again. A half-written last line (the crash
came mid-write) is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from pathlib import Path
from typing import Any

from checker.errors import KataError
from checker.grading.intake import Source
from checker.grading.model import SubmissionGrade

NAME = ".journal.jsonl"


class JournalError(KataError):
    """A journal that belongs to another batch, or cannot be read."""


def fingerprint(source: Source) -> str:
    """What the submission is now, cheaply: its files' paths, sizes and times (a URL: itself)."""
    path = Path(source.location)
    if not path.exists():
        return source.location
    digest = hashlib.sha256()
    entries = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    for entry in entries:
        info = entry.stat()
        digest.update(
            f"{entry.relative_to(path) if entry != path else entry.name}:{info.st_size}:{info.st_mtime_ns}\n".encode()
        )
    return digest.hexdigest()


class Journal:
    def __init__(self, out: Path, batch: dict[str, Any]) -> None:
        self.path = out / NAME
        self.batch = batch
        self._lock = threading.Lock()

    def done(self, sources: list[Source]) -> dict[str, SubmissionGrade]:
        """Grades already in the journal for these sources, by location (only unchanged ones)."""
        if not self.path.exists():
            return {}
        lines = self.path.read_text(encoding="utf-8", errors="replace").splitlines()
        records = []
        for number, line in enumerate(lines):
            try:
                records.append(json.loads(line))
            except ValueError as error:
                if number < len(lines) - 1:
                    raise JournalError(
                        f"{self.path}:{number + 1} is not a JSON line: delete the journal to start over."
                    ) from error
        if not records or records[0].get("batch") != self.batch:
            raise JournalError(
                f"{self.path} belongs to another batch (other katas or limits): grade into another --out folder, "
                "or delete the journal to start over."
            )
        prints = {s.location: fingerprint(s) for s in sources}
        found = {}
        for record in records[1:]:
            location = record.get("location")
            if location in prints and record.get("fingerprint") == prints[location]:
                found[location] = SubmissionGrade.from_dict(record["grade"])
        return found

    def start(self, resume: bool) -> None:
        """Begin the journal: kept when resuming, started anew otherwise."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if resume and self.path.exists():
            return
        self._append({"batch": self.batch})

    def record(self, source: Source, grade: SubmissionGrade) -> None:
        self._append({"location": source.location, "fingerprint": fingerprint(source), "grade": grade.to_dict()})

    def _append(self, record: dict[str, Any]) -> None:
        line = json.dumps(record, ensure_ascii=True) + "\n"
        with self._lock:
            mode = "a" if "location" in record else "w"
            with open(self.path, mode, encoding="utf-8") as handle:
                handle.write(line)
                handle.flush()
                os.fsync(handle.fileno())
