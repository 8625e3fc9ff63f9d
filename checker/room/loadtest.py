"""Load script (not a test): simulated learners report to a room server on loopback.

    uv run python -m checker.room.loadtest                    # 60 learners, every 2 s, for 2 minutes
    uv run python -m checker.room.loadtest --restart          # the same, restarting the server halfway
    uv run python -m checker.room.loadtest --duration 30      # a shorter run

The server is the real `kata serve` in a process of its own, on a fresh database. Each simulated
learner is a real learner copy as far as the room is concerned: it joins with `kata join`'s code,
queues every summary in its own outbox and sends it with the sender a check starts, so a server
that is down costs queued summaries, not lost ones. At the end each learner flushes its queue
once more, and the script counts what the database holds: sent, stored, lost (the goal is 0),
and the latency of the report requests.
"""

from __future__ import annotations

import argparse
import random
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx2

from checker.room.client.joining import JoinError, join
from checker.room.client.membership import Membership
from checker.room.client.outbox import Outbox
from checker.room.client.sender import TIMEOUT, send_pending

KATAS = ("00-welcome", "01-layering", "02-result", "03-n-plus-one", "04-indexing", "05-authorization")


@dataclass
class Tally:
    sent: int = 0
    latencies: list[float] = field(default_factory=list)
    failures: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def observe(self, response: httpx2.Response) -> None:
        response.read()
        with self.lock:
            if response.status_code in (200, 201):
                self.latencies.append(response.elapsed.total_seconds())
            else:
                self.failures += 1


class Server:
    def __init__(self, database: Path, port: int, learners: int) -> None:
        self.database, self.port, self.learners = database, port, learners
        self.url = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> float:
        started = time.perf_counter()
        command = "from checker.cli.main import run; run()"
        argv = [sys.executable, "-c", command, "serve", "--db", str(self.database), "--port", str(self.port)]
        argv += ["--max-learners", str(max(self.learners, 1))]
        self.process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while True:
            try:
                if httpx2.get(f"{self.url}/healthz", timeout=0.5).status_code == 200:
                    return time.perf_counter() - started
            except httpx2.HTTPError:
                time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
            self.process = None


def learner_loop(root: Path, member: Membership, tally: Tally, stop: threading.Event, interval: float) -> None:
    outbox = Outbox(root)
    hooks = {"response": [tally.observe]}
    score = 0.0
    with httpx2.Client(timeout=TIMEOUT, event_hooks=hooks) as client:
        stop.wait(random.uniform(0, interval))  # learners do not all save at the same instant
        while not stop.is_set():
            kata = KATAS[int(score // 100) % len(KATAS)]
            score = score + random.choice((0, 5, 10, 25))
            outbox.put(_summary(kata, min(score % 100 or 100, 100)))
            with tally.lock:
                tally.sent += 1
            send_pending(member, outbox, client)
            stop.wait(interval)


def _summary(kata: str, score: float) -> dict[str, object]:
    import uuid

    tasks = [
        {
            "number": n,
            "title": f"Task {n}",
            "points": 25,
            "earned": min(max(score - 25 * (n - 1), 0), 25),
            "passed": False,
        }
        for n in range(1, 5)
    ]
    for task in tasks:
        task["passed"] = task["earned"] == 25
    return {
        "report_id": uuid.uuid4().hex,
        "kata": kata,
        "score": score,
        "complete": score >= 100,
        "seconds": round(random.uniform(0.5, 3), 3),
        "checked_at": datetime.now(UTC).isoformat(),
        "tasks": tasks,
    }


def flush(roots: list[tuple[Path, Membership]], tally: Tally) -> int:
    """Send whatever is still queued; returns how many summaries stay queued after a few tries."""
    left = 0
    with httpx2.Client(timeout=TIMEOUT, event_hooks={"response": [tally.observe]}) as client:
        for root, member in roots:
            outbox = Outbox(root)
            for _ in range(5):
                if not len(outbox):
                    break
                send_pending(member, outbox, client)
                if len(outbox):
                    time.sleep(0.5)
            left += len(outbox)
    return left


def run(*, learners: int, interval: float, duration: float, restart: bool) -> int:
    work = Path(tempfile.mkdtemp(prefix="room-load-"))
    database = work / "room.db"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = Server(database, port, learners)
    boot = server.start()
    code = _room_code(database)
    members = []
    for n in range(learners):
        root = work / f"learner-{n:02d}"
        root.mkdir()
        members.append((root, _join(root, server.url, code, f"Learner {n:02d}")))
    tally, stop = Tally(), threading.Event()
    threads = [
        threading.Thread(target=learner_loop, args=(root, member, tally, stop, interval), daemon=True)
        for root, member in members
    ]
    for thread in threads:
        thread.start()
    started = time.perf_counter()
    downtime = 0.0
    if restart:
        time.sleep(duration / 2)
        down = time.perf_counter()
        server.stop()
        time.sleep(2.0)  # a real restart is not instant: the learners keep checking meanwhile
        server.start()
        downtime = time.perf_counter() - down
    time.sleep(max(0.0, duration - (time.perf_counter() - started)))
    stop.set()
    for thread in threads:
        thread.join(30)
    queued = flush(members, tally)
    stored = _stored(database)
    server.stop()
    latencies = sorted(tally.latencies)
    p50 = statistics.median(latencies) * 1000 if latencies else float("nan")
    p95 = latencies[int(0.95 * (len(latencies) - 1))] * 1000 if latencies else float("nan")
    print(f"learners {learners}, one report every {interval:g} s each, for {duration:g} s on {server.url}")
    print(f"server start {boot:.2f} s" + (f"; restarted halfway, down for {downtime:.2f} s" if restart else ""))
    print(f"reports sent {tally.sent}, stored {stored}, lost {tally.sent - stored}, still queued {queued}")
    print(f"report latency p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {latencies[-1] * 1000:.1f} ms")
    print(f"requests answered with an error {tally.failures}")
    return 0 if tally.sent == stored else 1


def _join(root: Path, url: str, code: str, name: str) -> Membership:
    # Every simulated learner joins from loopback, one address: past the room's per-address
    # allowance, joins wait as long as the server's Retry-After says.
    while True:
        try:
            return join(root, url, code, name)
        except JoinError as error:
            if error.retry_after is None:
                raise
            time.sleep(error.retry_after)


def _room_code(database: Path) -> str:
    with sqlite3.connect(database) as db:
        return str(db.execute("select code from rooms where status = 'open' order by id desc").fetchone()[0])


def _stored(database: Path) -> int:
    with sqlite3.connect(database) as db:
        return int(db.execute("select count(*) from reports").fetchone()[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=60)
    parser.add_argument("--interval", type=float, default=2.0, help="seconds between one learner's reports")
    parser.add_argument("--duration", type=float, default=120.0, help="seconds of reporting")
    parser.add_argument("--restart", action="store_true", help="stop and start the server halfway")
    args = parser.parse_args()
    return run(learners=args.learners, interval=args.interval, duration=args.duration, restart=args.restart)


if __name__ == "__main__":
    sys.exit(main())
