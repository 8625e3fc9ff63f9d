"""The seeded data of known shape, and the answers the endpoints owe for it.

`dataset(n)` builds n authors. Ada writes n published posts, every other author one, so the
feed holds 2n - 1 posts. The newest posts are the same whatever n is: a page near the top costs
the same rows on the small and on the large data set. Some posts have no tag or no comment,
some users no post (or only unpublished ones), and drafts and archived posts must stay out of
every page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

NEWEST = datetime(2026, 6, 1, 12, 0)
# Every post's body holds this sentence and nothing else does: a value that contains it is a body.
BODY_MARK = "A long body that no listing needs."
TABLES = ("users", "tags", "posts", "post_tags", "comments")
STAMP = "%Y-%m-%d %H:%M:%S.%f"
FAMOUS = {1: "Ada Lovelace", 2: "Brian Kernighan", 3: "Claude Shannon", 4: "Grace Hopper", 5: "Linus Torvalds"}
READERS = (4, 5)
# Tag ids run against the alphabet, so that "A to Z" and "by id" are different orders.
TAGS = ("web", "sql", "python", "ops", "career")
# A second user named like the first: the authors list must order them by id.
NAMESAKE = {"id": 900, "email": "ada.lovelace@namesakes.dev", "display_name": "Ada Lovelace"}
TOPICS = ("Indexes", "Queues", "Caching", "Retries", "Logging", "Paging", "Joins")


@dataclass
class Dataset:
    authors: int
    users: list[dict] = field(default_factory=list)
    posts: list[dict] = field(default_factory=list)
    comments: list[dict] = field(default_factory=list)
    tags: list[dict] = field(default_factory=list)
    post_tags: list[dict] = field(default_factory=list)


def dataset(n: int) -> Dataset:
    data = Dataset(authors=n)
    author_ids = [1, 2, 3] + [k + 2 for k in range(4, n + 1)]
    for uid in [1, 2, 3, 4, 5] + author_ids[3:]:
        name = FAMOUS.get(uid, f"Writer {uid - 2:02d}")
        email = name.lower().replace(" ", ".") + "@inkwell.dev"
        data.users.append(_user(uid, email, name))
    data.users.append(_user(NAMESAKE["id"], NAMESAKE["email"], NAMESAKE["display_name"]))
    data.tags = [{"id": i + 1, "name": name} for i, name in enumerate(TAGS)]
    for p in range(2 * n - 1):
        author = 1 if p % 2 == 0 else author_ids[p // 2 + 1]
        _add_post(data, p, author)
    _add_hidden_posts(data, author_ids)
    return data


def _user(uid: int, email: str, name: str) -> dict:
    role = "editor" if uid == 1 else "member"
    return {"id": uid, "email": email, "display_name": name, "role": role, "created_at": "2025-01-01 00:00:00.000000"}


def _add_post(data: Dataset, p: int, author: int) -> None:
    # Posts 2, 3 and 4 (8, 9 and 10, ...) are published at the same instant: ties, across
    # authors and within Ada's own posts, that only the id orders.
    published = NEWEST - timedelta(hours=p - (p % 6 == 3) - 2 * (p % 6 == 4))
    title = f"{TOPICS[p % len(TOPICS)]} in practice, part {p + 1}"
    # Drafted 0 to 2 days before it was published: created_at runs in another order than
    # published_at, and only the second orders the feed.
    drafted = published - timedelta(days=p % 3)
    data.posts.append(_post(p + 1, author, title, "published", published, created=drafted))
    for t in range(p % 4):  # 0 to 3 tags; the newest post has none
        data.post_tags.append({"post_id": p + 1, "tag_id": (p + t) % len(TAGS) + 1})
    for c in range((p + 1) % 4):  # 0 to 3 comments, by the first five users in turn
        # The first two at the same minute (a tie the id orders), the third older than both.
        when = published + timedelta(minutes=(2, 2, 1)[c])
        _comment(data, p + 1, (p + c) % 5 + 1, f"Comment {c + 1} on post {p + 1}", when)


def _add_hidden_posts(data: Dataset, author_ids: list[int]) -> None:
    # Drafts and an archived post (published once): no page may show or count them.
    data.posts.append(_post(1001, 1, "Ada's unfinished draft", "draft", None))
    data.posts.append(_post(1002, 3, "Claude's withdrawn post", "archived", NEWEST + timedelta(days=1)))
    data.post_tags.append({"post_id": 1002, "tag_id": 1})
    _comment(data, 1001, 2, "Early feedback on a draft", NEWEST)
    _comment(data, 1002, 4, "Why was this withdrawn?", NEWEST)
    for uid in author_ids[3::3]:
        data.posts.append(_post(1000 + uid, uid, f"Draft by user {uid}", "draft", None))
    # A reader whose only posts are unpublished: listed with 0, as a user who never wrote.
    data.posts.append(_post(1003, 5, "Linus's draft", "draft", None))
    data.posts.append(_post(1004, 5, "Linus's withdrawn post", "archived", NEWEST - timedelta(days=2)))


def post(pid: int, author: int, title: str, published: datetime) -> dict:
    """A published post, for a test that writes between two reads."""
    return _post(pid, author, title, "published", published)


def comment(cid: int, post_id: int, author: int, when: datetime) -> dict:
    return {
        "id": cid,
        "post_id": post_id,
        "author_id": author,
        "body": f"Comment {cid}",
        "created_at": when.strftime(STAMP),
    }


def user(uid: int, name: str) -> dict:
    return _user(uid, f"user{uid}@inkwell.dev", name)


def _post(
    pid: int, author: int, title: str, status: str, published: datetime | None, *, created: datetime | None = None
) -> dict:
    return {
        "id": pid,
        "author_id": author,
        "title": title,
        "slug": title.lower().replace(" ", "-").replace(",", "").replace("'", "") + f"-{pid}",
        "body": f"{title}. " + f"{BODY_MARK} " * 40,
        "status": status,
        "created_at": (created or published or NEWEST).strftime(STAMP),
        "published_at": published.strftime(STAMP) if published else None,
    }


def _comment(data: Dataset, post_id: int, author: int, body: str, when: datetime) -> None:
    data.comments.append(
        {
            "id": len(data.comments) + 1,
            "post_id": post_id,
            "author_id": author,
            "body": body,
            "created_at": when.strftime(STAMP),
        }
    )


# The answers owed for a dataset ------------------------------------------------------------


def _published(data: Dataset) -> list[dict]:
    posts = [p for p in data.posts if p["status"] == "published"]
    return sorted(posts, key=lambda p: (p["published_at"], p["id"]), reverse=True)


def _ref(data: Dataset, uid: int) -> dict:
    name = next(u["display_name"] for u in data.users if u["id"] == uid)
    return {"id": uid, "display_name": name}


def _when(stamp: str) -> datetime:
    return datetime.strptime(stamp, STAMP)


def expected_feed(data: Dataset) -> list[dict]:
    names = {t["id"]: t["name"] for t in data.tags}
    return [
        {
            "id": p["id"],
            "title": p["title"],
            "slug": p["slug"],
            "published_at": _when(p["published_at"]),
            "author": _ref(data, p["author_id"]),
            "tags": sorted(names[pt["tag_id"]] for pt in data.post_tags if pt["post_id"] == p["id"]),
            "comment_count": sum(1 for c in data.comments if c["post_id"] == p["id"]),
        }
        for p in _published(data)
    ]


def expected_authors(data: Dataset) -> list[dict]:
    published = _published(data)
    users = sorted(data.users, key=lambda u: (u["display_name"], u["id"]))
    return [
        {
            "id": u["id"],
            "display_name": u["display_name"],
            "post_count": sum(1 for p in published if p["author_id"] == u["id"]),
        }
        for u in users
    ]


def expected_author_posts(data: Dataset, author: int) -> list[dict]:
    def comments(post_id: int) -> list[dict]:
        found = sorted((c for c in data.comments if c["post_id"] == post_id), key=lambda c: (c["created_at"], c["id"]))
        return [
            {
                "id": c["id"],
                "body": c["body"],
                "created_at": _when(c["created_at"]),
                "author": _ref(data, c["author_id"]),
            }
            for c in found
        ]

    return [
        {
            "id": p["id"],
            "title": p["title"],
            "slug": p["slug"],
            "published_at": _when(p["published_at"]),
            "comments": comments(p["id"]),
        }
        for p in _published(data)
        if p["author_id"] == author
    ]
