"""Task 2: every list, filter, search and page shows a caller only the posts they may read."""

from __future__ import annotations

import itertools
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from kata_tests.scene import World, first

from checker.testkit import expect_equal

ACTORS = ("anonymous", "author", "member", "editor", "admin")


@pytest.fixture(scope="module")
def scene(world):
    """Posts by three people in every status; every title holds the words 'kettle notes'."""
    world.add_user("columnist", "member")
    made = {}
    for owner in ("author", "member", "columnist"):
        for status in ("draft", "published", "archived"):
            title = f"Kettle notes: {status} by {owner}"
            made[world.make_post(status, owner, title)] = (owner, status)
    # The editor writes too: a member must not see an editor's draft either.
    made[world.make_post("draft", "editor", "Kettle notes: draft by editor")] = ("editor", "draft")
    # A literal %, _ and backslash in titles, for rule 2.5 (and a hidden draft holding all three).
    for title, owner, status in WILDCARD_POSTS:
        made[world.make_post(status, owner, title)] = (owner, status)
    return made


WILDCARD_POSTS = [
    ("Kettle notes: 50% off", "author", "published"),
    ("Kettle notes_v2", "member", "published"),
    ("Kettle notes, draft: 10%_off at C:\\shop", "columnist", "draft"),
    ("Kettle notes: C:\\kettle\\logs", "author", "published"),
]


@pytest.fixture(scope="module")
def wildcards(world, scene):
    by_title = {title: pid for pid, title in _titles(world, scene).items()}
    return {
        "%": by_title[WILDCARD_POSTS[0][0]],
        "_": by_title[WILDCARD_POSTS[1][0]],
        "draft": by_title[WILDCARD_POSTS[2][0]],
        "\\": by_title[WILDCARD_POSTS[3][0]],
    }


def _titles(world, scene):
    return {pid: world.posts.read_post(world.actors["admin"], pid).title for pid in scene}


def _visible(scene, actor, **only):
    staff = actor in ("editor", "admin")
    return {
        pid
        for pid, (owner, status) in scene.items()
        if (staff or status == "published" or owner == actor)
        and all({"owner": owner, "status": status}[k] == v for k, v in only.items())
    }


def _ids(world, actor, url):
    response = world.client.get(url, headers=world.headers(actor))
    if response.status_code != 200:
        return f"answered {response.status_code} {response.text[:120]}"
    return {item.get("id") for item in response.json()}


def _first(wrong, n=4):
    more = f"; and {len(wrong) - n} more" if len(wrong) > n else ""
    return "; ".join(wrong[:n]) + more


def _order(world, actor, url):
    response = world.client.get(url, headers=world.headers(actor))
    ids = [item.get("id") for item in response.json()] if response.status_code == 200 else []
    return ids == sorted(ids)


def _labels(scene, ids):
    """Posts named by (owner, status, which of that owner's posts in that status, in the order they
    were made) rather than by id, sorted: what a caller saw, in terms that are the same on every
    right app, and still one name per post. An answer that is not a list stays as it was."""
    if not isinstance(ids, set):
        return ids
    names, made = {}, Counter()
    for post_id, label in scene.items():  # in the order the scene made them
        made[label] += 1
        names[post_id] = (*label, made[label])
    return sorted(names.get(i, ("a post not in the scene", "", 0)) for i in ids)


def _check(world, scene, cases, what, rule):
    wrong, seen, wanted = [], [], []
    for actor, url, expected in cases:
        got = _ids(world, actor, url)
        seen.append((actor, url, _labels(scene, got)))
        wanted.append((actor, url, _labels(scene, expected)))
        if got != expected:
            if isinstance(got, set):
                extra = sorted(f"{scene[i][1]} by {scene[i][0]}" for i in got - expected if i in scene)
                missing = sorted(f"{scene[i][1]} by {scene[i][0]}" for i in expected - got)
                got = f"extra: {extra or 'none'}, missing: {missing or 'none'}"
            wrong.append(f"as {actor}, GET {url}: {got}")
    expect_equal(
        seen,
        wanted,
        did=f"Asked for {what} as anonymous, the author, another member, an editor and an admin",
        saw=_first(wrong),
        expected_text="exactly the posts each caller may read: published ones, plus their own for a "
        "member, all of them for editors and admins",
        why=f"Rule {rule}: a list is many reads at once: the rule of GET /posts/{{id}} applies to every row, "
        "whatever filter, search or page is asked for.",
    )


@pytest.mark.task(2, points=3)
@pytest.mark.rules("2.1")
def test_the_post_list_shows_each_caller_only_what_they_may_read(world, scene):
    cases = [(a, "/posts?limit=100", _visible(scene, a)) for a in ACTORS]
    _check(world, scene, cases, "GET /posts?limit=100", "2.1")
    unordered = [a for a in ACTORS if not _order(world, a, "/posts?limit=100")]
    expect_equal(
        unordered,
        [],
        did="GET /posts?limit=100 as each caller",
        saw=f"ids out of order for {unordered}",
        expected_text="ids in ascending order",
        why="Rule 2.1: lists come in id order, so that pages are stable.",
    )


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.1")
def test_a_page_holds_20_posts_unless_limit_says_otherwise():
    fresh = World()  # its own app: 25 posts, so that a page of 20 is a real cut
    made = [fresh.make_post("published", title=f"Lighthouse log {n}") for n in range(25)]
    with fresh.client:
        listed = fresh.client.get("/posts").json()
        found = fresh.client.get("/posts/search", params={"q": "lighthouse"}).json()
    got = {
        "GET /posts": [p.get("id") for p in listed] if isinstance(listed, list) else listed,
        "GET /posts/search?q=lighthouse": [p.get("id") for p in found] if isinstance(found, list) else found,
    }
    wrong = [
        f"{url}: {len(ids) if isinstance(ids, list) else ids} posts" for url, ids in got.items() if ids != made[:20]
    ]
    expect_equal(
        {url: (len(ids), ids == made[:20]) if isinstance(ids, list) else ids for url, ids in got.items()},
        dict.fromkeys(got, (20, True)),
        did="Made 25 published posts, then GET /posts and GET /posts/search?q=lighthouse with no paging",
        saw="; ".join(wrong) + " (or not the first ones in id order)",
        expected_text="the first 20 posts, in id order, from each",
        why="Rule 2.1: a page holds 20 posts unless limit says otherwise, the first ones unless offset does.",
    )


@pytest.mark.task(2, points=3)
@pytest.mark.rules("2.2")
def test_filters_narrow_the_scope_and_never_widen_it(world, scene):
    author = world.ids["author"]
    cases = []
    for a in ACTORS:
        cases += [
            (a, "/posts?status=draft&limit=100", _visible(scene, a, status="draft")),
            (a, "/posts?status=archived&limit=100", _visible(scene, a, status="archived")),
            (a, f"/posts?author_id={author}&limit=100", _visible(scene, a, owner="author")),
            (
                a,
                f"/posts?author_id={author}&status=draft&limit=100",
                _visible(scene, a, owner="author", status="draft"),
            ),
        ]
    _check(world, scene, cases, "filtered lists (status, author_id, both)", "2.2")


@pytest.mark.task(2, points=2)
@pytest.mark.rules("2.3")
def test_search_shows_each_caller_only_what_they_may_read(world, scene):
    cases = [
        (a, f"/posts/search?q={q}&limit=100", _visible(scene, a))
        for a in ACTORS
        for q in ("kettle%20notes", "KETTLE%20NOTES")
    ]
    cases += [(a, "/posts/search?q=draft&limit=100", _visible(scene, a, status="draft")) for a in ACTORS]
    # Each body is "The body of <its title>.": these words are in the bodies only.
    cases += [(a, "/posts/search?q=Body%20of%20kettle&limit=100", _visible(scene, a)) for a in ACTORS]
    _check(
        world, scene, cases, "GET /posts/search?q=kettle notes (and KETTLE NOTES, draft, and 'Body of kettle')", "2.3"
    )


@pytest.mark.task(2, points=3)
@pytest.mark.rules("2.4")
def test_no_page_of_a_list_or_a_search_reaches_beyond_the_scope(world, scene):
    wrong, walked, wanted = [], [], []
    author = world.ids["author"]
    # Unfiltered, and filtered: a filter applied to each page after LIMIT makes short pages too.
    walks = (
        ("/posts?", {}),
        ("/posts/search?q=kettle%20notes&", {}),
        ("/posts/search?q=draft&", {"status": "draft"}),  # only the drafts' titles hold 'draft'
        ("/posts?status=published&", {"status": "published"}),
        (f"/posts?author_id={author}&", {"owner": "author"}),
    )
    for actor in ACTORS:
        for base, only in walks:
            visible = _visible(scene, actor, **only)
            seen, pages = set(), 0
            for offset in range(0, 40, 3):
                got = _ids(world, actor, f"{base}limit=3&offset={offset}")
                if not isinstance(got, set):
                    break
                seen |= got
                pages += 1
                if len(got) < 3:  # a client stops at the first short page
                    break
            walked.append((actor, base, _labels(scene, seen)))
            wanted.append((actor, base, _labels(scene, visible)))
            if seen != visible:
                hidden = sorted(f"{scene[i][1]} by {scene[i][0]}" for i in seen - visible if i in scene)
                wrong.append(
                    f"as {actor}, pages of GET {base}limit=3: {pages} pages, "
                    f"posts shown that should not be: {hidden or 'none'}, "
                    f"{len(visible - seen)} that should be never shown"
                )
    for query in ("limit=0", "limit=101", "offset=-1"):
        for base in ("/posts?", "/posts/search?q=kettle&"):
            code = world.client.get(base + query).status_code
            walked.append((base, query, code))
            wanted.append((base, query, 422))
            if code != 422:
                wrong.append(f"GET {base}{query}: {code}, expected 422")
    expect_equal(
        walked,
        wanted,
        did="Walked the pages (limit=3, offset 0, 3, 6, ...) of GET /posts, of GET /posts/search?q=kettle notes "
        "and ?q=draft, of GET /posts?status=published and of GET /posts?author_id=<the author> up to the first "
        "short page, as a client does",
        saw=_first(wrong),
        expected_text="full pages until the last, together holding exactly the posts the caller may read",
        why="Rule 2.4: scope and filters in the query itself, before LIMIT and OFFSET: pages filtered afterwards "
        "come out short or skip posts, and a forgotten filter on one endpoint leaks.",
    )


@pytest.mark.task(2, points=2)
@pytest.mark.rules("2.5")
def test_percent_underscore_and_backslash_in_a_search_are_plain_characters(world, scene, wildcards):
    wrong, seen, expected = [], [], []
    for actor in ("admin", "member"):
        for q, wanted in (("%", {wildcards["%"]}), ("_", {wildcards["_"]}), ("\\", {wildcards["\\"]})):
            if actor == "admin":
                wanted = wanted | {wildcards["draft"]}
            response = world.client.get("/posts/search", params={"q": q, "limit": 100}, headers=world.headers(actor))
            got = {item.get("id") for item in response.json()} if response.status_code == 200 else response.status_code
            seen.append((actor, q, _labels(scene, got)))
            expected.append((actor, q, _labels(scene, wanted)))
            if got != wanted:
                count = len(got) if isinstance(got, set) else got
                wrong.append(f"as {actor}, q={q!r}: {count} posts, expected {len(wanted)}")
    expect_equal(
        seen,
        expected,
        did="Searched for '%', for '_' and for '\\\\' as an admin and as a member (one published post holds "
        "'50% off', one 'Kettle_v2', one 'C:\\\\kettle\\\\logs', a hidden draft all three)",
        saw=first(wrong),
        expected_text="only the posts that contain the character, within the caller's scope",
        why="Rule 2.5: in LIKE, % and _ are wildcards and the escape character escapes; a search must escape "
        "all three (icontains(q, autoescape=True) does), or '%' finds every post and '\\\\' finds none.",
    )


_serial = itertools.count(1)


@pytest.fixture(scope="module")
def apart():
    """An app of its own, so that the property's posts never reach the other lists' scene."""
    fresh = World()
    with fresh.client:
        yield fresh


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.3")
@settings(derandomize=True, database=None, deadline=None, max_examples=12)
@given(
    posts=st.lists(
        st.tuples(st.sampled_from(("author", "member", "editor")), st.sampled_from(("draft", "published", "archived"))),
        min_size=1,
        max_size=6,
    ),
    actor=st.sampled_from(ACTORS),
)
def test_a_search_finds_exactly_the_posts_a_read_would_show(apart, posts, actor):
    world = apart
    token = f"quokka{next(_serial)}"
    made = [world.make_post(status, owner, f"Note {token} {i}") for i, (owner, status) in enumerate(posts)]
    readable = set()
    for post_id in made:
        try:
            world.posts.read_post(world.actors[actor], post_id)
            readable.add(post_id)
        except world.errors.NotFound:
            pass
    response = world.client.get("/posts/search", params={"q": token, "limit": 100}, headers=world.headers(actor))
    found = {item.get("id") for item in response.json()} if response.status_code == 200 else response.status_code
    expect_equal(
        found == readable,
        True,
        did=f"As {actor}, made posts {posts} (owner, status), then searched for a word only their titles hold",
        saw=f"found {sorted(found) if isinstance(found, set) else found}, while read_post allows {sorted(readable)}",
        expected_text="the search finds exactly the posts a read would show",
        why="Rule 2.3: a search is many reads at once; for any mix of owners and statuses it must agree with "
        "GET /posts/{id}.",
    )
