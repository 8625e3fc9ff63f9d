"""Grades many submissions: each on a private copy, each kata in a confined run held to its
manifest and its canaries, several runs at once on a warm worker."""

from __future__ import annotations

import random
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from checker import bubblewrap
from checker.catalog import Catalog, Kata
from checker.grading.archive import Caps, Refused
from checker.grading.canary import plant
from checker.grading.intake import (
    Source,
    kata_folders,
    learner_name,
    manifest_mismatches,
    materialize,
    starter_digest,
    untouched,
)
from checker.grading.jail import Confinement
from checker.grading.judge import SEEDS, Reference, copy_stripped, copy_suites, judge, reference
from checker.grading.manifest import Entry, collect_manifest, verify
from checker.grading.model import KataGrade, SubmissionGrade, TaskGrade
from checker.grading.sandbox import SUITE_SETTINGS, JailedLauncher
from checker.grading.scan import known_files, scan
from checker.report import CheckReport, TestResult, task_earned
from checker.runner.launch import FreshLauncher, Launcher, WarmLauncher, WithSettings
from checker.runner.process import Limits, check
from checker.runner.workspace import SubmissionError

RunListener = Callable[[str, str, bool], None]  # (submission, kata, done): a kata's run starts or ends


@dataclass(frozen=True)
class GradeOptions:
    katas: tuple[str, ...] = ()  # empty: every kata of the catalog
    workers: int = 2
    limits: Limits = Limits(per_test=10.0, per_run=120.0)
    rules: Confinement = field(default_factory=Confinement)
    caps: Caps = field(default_factory=Caps)
    warm: bool = True
    sandbox: bool = True  # every run in a bubblewrap sandbox; False only for submissions you trust
    seed: int | None = None  # fixes the canaries, for reproducible tests only
    judge: str = "process"  # "outside": verdicts from observations the grader compares (checker.grading.judge)


class Grader:
    def __init__(self, catalog: Catalog, options: GradeOptions = GradeOptions()) -> None:
        self.catalog, self.options = catalog, options
        self.katas = [catalog.get(k) for k in options.katas] if options.katas else list(catalog.katas)
        # Runs read the suites from private copies, so the catalog's secrets can vanish from their view.
        secrets = tuple(str(catalog.root / name) for name in ("solutions", ".git"))
        self.rules = replace(options.rules, hidden_paths=options.rules.hidden_paths or secrets)
        # Every run's files live below one folder of this batch's own: the sandbox shows a run
        # its own part of it and nothing else of the reviewer's disk.
        self.bwrap = bubblewrap.require() if options.sandbox else None
        self.base = Path(tempfile.mkdtemp(prefix="kata-batch-")).resolve()
        self.launcher = JailedLauncher(self.rules, warm=options.warm, bwrap=self.bwrap, base=self.base)
        self._manifests: dict[str, dict[str, Entry]] = {}
        self._references: dict[str, Future[Reference]] = {}
        self._trusted: Launcher | None = None  # the references' runs: trusted code, never jailed
        self._runs: ThreadPoolExecutor | None = None  # while grade() runs: every kata run of the batch
        self.outside = options.judge == "outside"
        self._starters: dict[str, str | None] = {}
        self._lock = threading.Lock()
        self._random = random.Random(options.seed)
        self._on_run: RunListener | None = None
        # The kata's own public tests, which a submission laid out as katas/<id>/ carries anyway.
        self._ours = known_files([k.public_tests for k in self.katas])

    def __enter__(self) -> Grader:
        self.launcher.prepare()
        return self

    def __exit__(self, *_: object) -> None:
        self.launcher.close()
        if isinstance(self._trusted, WarmLauncher):
            self._trusted.close()
        shutil.rmtree(self.base, ignore_errors=True)

    def grade(
        self,
        sources: list[Source],
        on_graded: Callable[[SubmissionGrade], None] | None = None,
        on_run: RunListener | None = None,
    ) -> list[SubmissionGrade]:
        """Grade every source; one that fails never stops the others. The unit of work is a kata's
        run, not a submission: `workers` runs at a time, whichever submissions they belong to, so
        one submission's katas keep every worker busy too. `on_run` hears each run start and end,
        for a progress display."""
        self._on_run = on_run
        self._collect_manifests()
        for kata in self.katas:
            self.manifest(kata)
            self._starters[kata.id] = starter_digest(kata)

        def one(source: Source) -> SubmissionGrade:
            try:
                grade = self.grade_one(source)
            except Exception as error:  # noqa: BLE001  (one submission's failure is its own row)
                grade = self._failed(source, error)
            if on_graded:
                on_graded(grade)
            return grade

        workers = max(1, self.options.workers)
        with ThreadPoolExecutor(max_workers=workers) as runs, ThreadPoolExecutor(max_workers=workers) as pool:
            if self.outside:  # first in line, side by side: a kata's runs need its reference when they end
                for kata in self.katas:
                    runs.submit(self.reference, kata)
            self._runs = runs
            try:
                return list(pool.map(one, sources))
            finally:
                self._runs = None

    def _collect_manifests(self) -> None:
        """Every kata's manifest at once, side by side, on forks of one warm worker: only the
        catalog's suites run there (collected, with no submission), so no sandbox is needed."""
        missing = [kata for kata in self.katas if kata.id not in self._manifests]
        if len(missing) < 2:
            return  # one kata: a fresh interpreter is as quick as starting a worker
        launcher = WarmLauncher()
        try:
            with ThreadPoolExecutor(max_workers=max(1, self.options.workers)) as pool:
                graded = _as_graded(launcher)
                found = list(pool.map(lambda kata: collect_manifest(kata, graded), missing))
        finally:
            launcher.close()
        with self._lock:
            for kata, manifest in zip(missing, found, strict=True):
                self._manifests.setdefault(kata.id, manifest)

    def manifest(self, kata: Kata) -> dict[str, Entry]:
        with self._lock:
            if kata.id not in self._manifests:
                # No submission code runs here, and the jail would hide the very suites it collects.
                self._manifests[kata.id] = collect_manifest(kata, _as_graded(FreshLauncher()))
            return self._manifests[kata.id]

    def reference(self, kata: Kata) -> Reference:
        """The reference solution's observations of the stripped suites: once per kata and batch,
        however many runs ask at once (the first computes it, the others wait for it)."""
        seeds = _seeds(self.manifest(kata))
        with self._lock:
            mine = kata.id not in self._references
            known = self._references.setdefault(kata.id, Future())
            if self._trusted is None:
                # Trusted: the reference solution, no submission code; the jail would hide the solution.
                self._trusted = WarmLauncher() if self.options.warm else FreshLauncher()
            trusted = _as_graded(self._trusted)
        if mine:
            try:
                known.set_result(reference(kata, seeds, trusted, self.options.limits))
            except BaseException as error:  # every run of this kata hears it: its row says so
                known.set_exception(error)
        return known.result()

    def grade_one(self, source: Source) -> SubmissionGrade:
        grade = SubmissionGrade(name=source.name, location=source.location, kind=source.kind)
        ids = [k.id for k in self.katas]
        with tempfile.TemporaryDirectory(prefix="kata-grade-", dir=self.base) as scratch:
            try:
                root = materialize(source, Path(scratch, "submission"), ids, self.options.caps)
                folders = kata_folders(root, self.katas)
            except Refused as error:
                grade.refused = str(error)
                grade.katas = {k.id: KataGrade(k.id, "refused", reasons=[str(error)]) for k in self.katas}
                return grade
            grade.learner = learner_name(root)
            grade.review = [str(f) for f in scan(root, [f for f in folders.values() if f is not None], self._ours)]
            grade.review += manifest_mismatches(root)

            def run(kata: Kata) -> KataGrade:
                self._tell(grade, kata, done=False)
                graded = self.grade_kata(kata, folders[kata.id], Path(scratch))
                self._tell(grade, kata, done=True)
                return graded

            if self._runs is None:  # graded alone, outside grade()
                grade.katas = {kata.id: run(kata) for kata in self.katas}
            else:
                runs = {kata.id: self._runs.submit(run, kata) for kata in self.katas}
                grade.katas = {kata_id: each.result() for kata_id, each in runs.items()}
        return grade

    def _tell(self, grade: SubmissionGrade, kata: Kata, *, done: bool) -> None:
        if self._on_run:
            self._on_run(grade.name, kata.id, done)

    def _failed(self, source: Source, error: BaseException) -> SubmissionGrade:
        why = _why(error)
        grade = SubmissionGrade(name=source.name, location=source.location, kind=source.kind, error=why)
        grade.katas = {k.id: KataGrade(k.id, "error", reasons=[why]) for k in self.katas}
        return grade

    def grade_kata(self, kata: Kata, folder: Path | None, scratch: Path) -> KataGrade:
        try:
            return self._grade_kata(kata, folder, scratch)
        except Exception as error:  # noqa: BLE001  (this kata's row says so; the others are graded)
            return KataGrade(kata.id, "error", reasons=[_why(error)])

    def _grade_kata(self, kata: Kata, folder: Path | None, scratch: Path) -> KataGrade:
        if folder is None:
            return KataGrade(kata.id, "missing", reasons=[f"no {kata.id}/{kata.package}/ in the submission"])
        if untouched(folder, kata, self._starters.get(kata.id)):
            return KataGrade(kata.id, "unchanged", reasons=[f"{kata.package}/ is the starter, unchanged"])
        manifest = self.manifest(kata)
        suite_root = scratch / f"suites-{kata.id}"
        suite = copy_stripped(kata, suite_root, _seeds(manifest))[0] if self.outside else copy_suites(kata, suite_root)
        with self._lock:
            seed = self._random.getrandbits(64)
        canaries = plant(suite, suite_root, [t.number for t in kata.tasks], random.Random(seed))
        events: list[dict[str, Any]] = []
        started = time.perf_counter()
        try:
            report = check(
                replace(kata, root=suite_root),
                folder,
                limits=self.options.limits,
                launcher=self.launcher,
                tap=events.append,
                workdir=scratch,
                observe=self.outside,
                seeds=suite_root / SEEDS if self.outside else None,
            )
        except SubmissionError as error:
            return KataGrade(kata.id, "missing", reasons=[str(error)])
        reasons = verify(manifest, canaries, events, report)
        if not self.outside:
            return _score(kata, manifest, report, reasons, time.perf_counter() - started)
        known = self.reference(kata)
        report = replace(report, tests=tuple(judge(known, events, list(report.tests))))
        grade = _score(kata, manifest, report, reasons, time.perf_counter() - started)
        # What the score would be if every self-reported test had failed: the rest rests on the run's word.
        decided = replace(
            report, tests=tuple(t if t.id in known.outside else replace(t, outcome="failed") for t in report.tests)
        )
        grade.self_reported = round(grade.score - _score(kata, manifest, decided, reasons, 0.0).score, 2)
        grade.self_reported_tests = [t.id for t in grade.tests if t.id not in known.outside]
        return grade


def _as_graded(launcher: Launcher) -> Launcher:
    """A trusted process's launcher, with the settings every graded run has (SUITE_SETTINGS)."""
    return WithSettings(launcher, SUITE_SETTINGS)


def _seeds(manifest: dict[str, Entry]) -> dict[str, int]:
    return {e.id: e.seed for e in manifest.values() if e.seed is not None}


def _why(error: BaseException) -> str:
    text = str(error)[:300]
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _score(  # canaries never count: only the manifest's tests earn points
    kata: Kata,
    manifest: dict[str, Entry],
    report: CheckReport,
    reasons: list[str],
    seconds: float,
) -> KataGrade:
    outcomes = {t.id: t for t in report.tests}
    tests = []
    for entry in manifest.values():
        seen = outcomes.get(entry.id)
        outcome, message, took = (seen.outcome, seen.message, seen.seconds) if seen else ("not-run", "", 0.0)
        hidden = entry.id.startswith("solutions/")
        rules = seen.rules if seen else ()
        tests.append(TestResult(entry.id, entry.task, entry.points, entry.title, outcome, message, took, hidden, rules))
    tasks = []
    for task in kata.tasks:
        mine = [t for t in tests if t.task == task.number]
        earned = task_earned(sum(t.points for t in mine if t.passed), sum(t.points for t in mine))
        tasks.append(TaskGrade(task.number, task.title, task.points, round(earned, 2), task.hints[0]))
    score = 0.0 if reasons else round(sum(t.earned for t in tasks), 2)
    status = "tampered" if reasons else "graded"
    return KataGrade(kata.id, status, score, reasons, list(report.problems), tasks, tests, round(seconds, 3))
