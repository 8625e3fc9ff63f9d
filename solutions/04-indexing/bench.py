"""Benchmark of the indexing kata: the workload on the starter and on the solution, side by side.

One database at the production schema is generated with sqlite-utils (a million posts by
default), copied twice, and opened once by the starter's `create_app` and once by the
solution's (whose migration builds the indexes). The statements each app issues for the
workload are recorded, then each is timed on its own database; the script prints the medians
and the ratio starter / solution. Goal: at least 100x on the feed query.

    uv run python solutions/04-indexing/bench.py [--posts 1000000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import sqlite_utils
from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlalchemy.engine import Engine

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from checker.notebook import use_package  # noqa: E402  (needs ROOT on the path)

_BASE = datetime(2020, 1, 1)


def stamp(minutes: int) -> str:
    return (_BASE + timedelta(minutes=minutes)).strftime("%Y-%m-%d %H:%M:%S.%f")


def generate(path: Path, posts: int) -> dict[str, int]:
    """The production database before the kata, filled with sqlite-utils inside one transaction."""
    use_package("04-indexing", "starter")
    from inkwell.infrastructure.database import make_engine, prepare

    prepare(make_engine(f"sqlite:///{path}"))  # schema v1, exactly as the starter's models make it
    rng = random.Random(4)
    users, tags = max(posts // 100, 100), 500
    # A long tail: a few desks publish most of the posts, as newsrooms and bots do.
    weights = [1 / rank for rank in range(1, users + 1)]
    authors = rng.choices(range(1, users + 1), weights=weights, k=posts)
    order = list(range(posts))
    rng.shuffle(order)
    db = sqlite_utils.Database(path)
    # One transaction for everything: a commit per batch would fsync on every one of them.
    with db.atomic():
        db["users"].insert_all(
            {
                "id": i,
                "email": f"writer{i}@inkwell.test",
                "display_name": f"Writer {i}",
                "role": "member",
                "created_at": stamp(i),
            }
            for i in range(1, users + 1)
        )
        db["tags"].insert_all({"id": i, "name": f"tag-{i}"} for i in range(1, tags + 1))
        db["posts"].insert_all(_posts(rng, authors, order), batch_size=2000)
        db["posts_tags"].insert_all(
            ({"post_id": p, "tag_id": rng.randint(1, tags)} for p in range(1, posts + 1)), batch_size=5000
        )
        db["comments"].insert_all(
            (
                {
                    "id": i,
                    "post_id": rng.randint(1, posts),
                    "author_id": rng.randint(1, users),
                    "body": "Nice.",
                    "created_at": stamp(i),
                }
                for i in range(1, posts // 3 + 1)
            ),
            batch_size=5000,
        )
    db.execute("ANALYZE")
    db.close()
    return {"users": users, "posts": posts, "busiest": 1, "regular": 50}


def _posts(rng: random.Random, authors: list[int], order: list[int]):
    for i, author in enumerate(authors, start=1):
        status = rng.choices(("published", "draft", "archived"), (80, 15, 5))[0]
        created = stamp(order[i - 1])
        yield {
            "id": i,
            "author_id": author,
            "title": f"Post {i}",
            "slug": f"post-{i}",
            "body": "A body.",
            "status": status,
            "created_at": created,
            "published_at": created if status == "published" else None,
        }


def workload(shape: dict[str, int]) -> list[tuple[str, str, str, dict | None]]:
    middle = shape["posts"] // 2
    return [
        ("login", "POST", "/login", {"email": f" Writer{shape['regular']}@Inkwell.TEST"}),
        ("post by slug", "GET", f"/posts/post-{middle}", None),
        ("feed, busiest author", "GET", f"/users/{shape['busiest']}/posts", None),
        ("feed, regular author", "GET", f"/users/{shape['regular']}/posts", None),
        ("tag page", "GET", "/tags/tag-17/posts", None),
        ("comments", "GET", f"/posts/post-{middle}/comments", None),
    ]


def record(variant: str, path: Path, calls) -> tuple[float, dict[str, list[tuple[str, tuple]]]]:
    """Open `path` with the variant's create_app; the statements each call issues."""
    use_package("04-indexing", variant)
    from inkwell.app import create_app

    started = time.perf_counter()
    app = create_app(f"sqlite:///{path}")
    migrated = time.perf_counter() - started
    with sqlite3.connect(path) as con:
        con.execute("ANALYZE")
    seen: list[tuple[str, tuple]] = []

    def listen(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, tuple(parameters or ())))

    statements = {}
    with TestClient(app) as client:
        event.listen(Engine, "before_cursor_execute", listen)
        for name, method, url, body in calls:
            seen.clear()
            client.request(method, url, json=body).raise_for_status()
            statements[name] = [s for s in seen if s[0].lstrip().upper().startswith("SELECT")]
        event.remove(Engine, "before_cursor_execute", listen)
    return migrated, statements


def timed(path: Path, statements: list[tuple[str, tuple]], budget: float = 0.3) -> float:
    """Median seconds to run the call's statements once, on a warm cache."""
    con = sqlite3.connect(path)
    runs: list[float] = []
    spent = 0.0
    while spent < budget and len(runs) < 200 or len(runs) < 3:
        started = time.perf_counter()
        for statement, parameters in statements:
            con.execute(statement, parameters).fetchall()
        runs.append(time.perf_counter() - started)
        spent += runs[-1]
    con.close()
    return statistics.median(runs[1:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="folder to keep the generated databases in")
    options = parser.parse_args()
    folder = options.keep or Path(tempfile.mkdtemp(prefix="inkwell-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    base = folder / "production.db"
    base.unlink(missing_ok=True)
    started = time.perf_counter()
    shape = generate(base, options.posts)
    print(f"generated {options.posts:,} posts with sqlite-utils in {time.perf_counter() - started:.1f} s")
    calls = workload(shape)
    results = {}
    for variant in ("starter", "solution"):
        copy = folder / f"{variant}.db"
        shutil.copyfile(base, copy)
        migrated, statements = record(variant, copy, calls)
        print(f"{variant}: create_app (with its migration) took {migrated:.1f} s")
        results[variant] = {name: timed(copy, statements[name]) for name in statements}
    print(f"\n{'query':<22}{'starter':>12}{'solution':>12}{'ratio':>10}")
    for name, *_ in calls:
        slow, fast = results["starter"][name], results["solution"][name]
        print(f"{name:<22}{slow * 1000:>10.3f}ms{fast * 1000:>10.3f}ms{slow / fast:>9.0f}x")
    feed = results["starter"]["feed, busiest author"] / results["solution"]["feed, busiest author"]
    print(f"\nfeed of the busiest author: {feed:.0f}x (goal: at least 100x) {'OK' if feed >= 100 else 'UNDER GOAL'}")
    if not options.keep:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
