"""Task 2: every list, filter, search and page shows a caller only the posts they may read."""

from __future__ import annotations

import pytest

from checker.testkit import expect

pytestmark = pytest.mark.task(2, points=4)

ACTORS = ("anonymous", "author", "member", "editor", "admin")


@pytest.fixture(scope="module")
def scene(world):
    """Posts by three people in every status; every title holds the word 'kettle'."""
    world.add_user("columnist", "member")
    made = {}
    for owner in ("author", "member", "columnist"):
        for status in ("draft", "published", "archived"):
            title = f"Kettle notes: {status} by {owner}"
            made[world.make_post(status, owner, title)] = (owner, status)
    # The editor writes too: a member must not see an editor's draft either.
    made[world.make_post("draft", "editor", "Kettle notes: draft by editor")] = ("editor", "draft")
    return made


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


def _check(world, scene, cases, what):
    wrong = []
    for actor, url, expected in cases:
        got = _ids(world, actor, url)
        if got != expected:
            if isinstance(got, set):
                extra = sorted(f"{scene[i][1]} by {scene[i][0]}" for i in got - expected if i in scene)
                missing = sorted(f"{scene[i][1]} by {scene[i][0]}" for i in expected - got)
                got = f"extra: {extra or 'none'}, missing: {missing or 'none'}"
            wrong.append(f"as {actor}, GET {url}: {got}")
    expect(
        not wrong,
        did=f"Asked for {what} as anonymous, the author, another member, an editor and an admin",
        saw=_first(wrong),
        expected="exactly the posts each caller may read: published ones, plus their own for a "
        "member, all of them for editors and admins",
        why="A list is many reads at once: the rule of GET /posts/{id} applies to every row, "
        "whatever filter, search or page is asked for.",
    )


def test_the_post_list_shows_each_caller_only_what_they_may_read(world, scene):
    cases = [(a, "/posts?limit=100", _visible(scene, a)) for a in ACTORS]
    _check(world, scene, cases, "GET /posts?limit=100")


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
    _check(world, scene, cases, "filtered lists (status, author_id, both)")


def test_search_shows_each_caller_only_what_they_may_read(world, scene):
    cases = [(a, f"/posts/search?q={q}&limit=100", _visible(scene, a)) for a in ACTORS for q in ("kettle", "KETTLE")]
    cases += [(a, "/posts/search?q=draft&limit=100", _visible(scene, a, status="draft")) for a in ACTORS]
    _check(world, scene, cases, "GET /posts/search?q=kettle (and KETTLE, and draft)")


def test_no_page_of_a_list_or_a_search_reaches_beyond_the_scope(world, scene):
    wrong = []
    for actor in ACTORS:
        for base in ("/posts?", "/posts/search?q=kettle&"):
            seen, pages = set(), 0
            for offset in range(0, 40, 3):
                got = _ids(world, actor, f"{base}limit=3&offset={offset}")
                if not isinstance(got, set) or not got:
                    break
                seen |= got
                pages += 1
            if seen != _visible(scene, actor):
                hidden = sorted(f"{scene[i][1]} by {scene[i][0]}" for i in seen - _visible(scene, actor))
                wrong.append(
                    f"as {actor}, pages of GET {base}limit=3: {pages} pages, "
                    f"hidden posts shown: {hidden or 'none'}, "
                    f"{len(_visible(scene, actor) - seen)} visible ones never shown"
                )
    expect(
        not wrong,
        did="Walked every page (limit=3, offset 0, 3, 6, ...) of GET /posts and of GET /posts/search?q=kettle",
        saw=_first(wrong),
        expected="the pages together hold exactly the posts the caller may read, and nothing else",
        why="Scope in the query itself, before LIMIT and OFFSET: pages filtered afterwards come out "
        "short or skip posts, and a forgotten filter on one endpoint leaks.",
    )
