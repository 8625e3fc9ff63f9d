"""The checks of the rules, shared by both suites: the public tests run them on some values, the
reviewer's suite on others. Each fails with a sentence for the learner."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from kata_tests import fakes

from checker.testkit import expect_equal, learner, outcome

BODY = "A body that is comfortably longer than the minimum."


def errors() -> Any:
    return learner("inkwell.domain.errors")


def _brief(value: Any) -> str:
    if hasattr(value, "status"):
        return f"a post with status {fakes.status_of(value)!r}"
    if hasattr(value, "email"):
        return f"a {type(value).__name__} with email {value.email!r}"
    return repr(value)


def refused(kind_name: str, action: Any, uow: Any, did: str, why: str) -> None:
    """`action` raises the domain error `kind_name`, and commits nothing."""
    kind = getattr(errors(), kind_name)
    commits = uow.commits
    result = outcome(action, kind)
    raised = isinstance(result, str) and result == f"raised {kind.__name__}"
    expect_equal(
        (f"{kind_name} raised" if raised else "it returned", uow.commits - commits),
        (f"{kind_name} raised", 0),
        did=did,
        saw=f"{kind_name} raised, but {uow.commits - commits} commit(s)" if raised else f"it returned {_brief(result)}",
        expected_text=f"{kind_name} raised, and no commit",
        why=why,
    )


# 2.1 ---------------------------------------------------------------------------------------------


def registers_normalised(use_cases: Any, raw: str) -> None:
    uow = fakes.FakeUnitOfWork()
    user = use_cases.register(uow, raw)
    stored = [u.email for u in uow.users.stored.values()]
    wanted = raw.strip().lower()
    expect_equal(
        (getattr(user, "email", None), stored, getattr(user, "id", None) is not None),
        (wanted, [wanted], True),
        did=f"Ran register_user with email {raw!r} on fakes",
        saw=f"returned email {getattr(user, 'email', None)!r} (id {getattr(user, 'id', None)!r}), stored {stored}",
        expected_text=f"{wanted!r} returned with its id, and stored once",
        why="Normalising trims whitespace of every kind around the address (spaces, tabs, newlines) and "
        "lower-cases the rest.",
    )


# 2.2 ---------------------------------------------------------------------------------------------


def refuses_malformed(use_cases: Any, malformed: dict[str, str], shortest: str) -> None:
    accepted = []
    for raw, why in malformed.items():
        uow = fakes.FakeUnitOfWork()
        try:
            use_cases.register(uow, raw)
        except errors().InvalidEmail:
            if uow.commits or uow.users.stored:
                accepted.append(f"{raw!r} ({why}): InvalidEmail, but {uow.commits} commit(s)")
            continue
        accepted.append(f"{raw!r} ({why}) was registered")
    user = use_cases.register(fakes.FakeUnitOfWork(), shortest)
    expect_equal(
        (accepted, getattr(user, "email", None)),
        ([], shortest),
        did=f"Ran register_user on fakes with {len(malformed)} malformed addresses, then with {shortest!r}, "
        "one of the shortest good ones",
        saw="; ".join(accepted) or f"{shortest!r} came back as {getattr(user, 'email', None)!r}",
        expected_text=f"InvalidEmail and no commit for every malformed address, and {shortest!r} registered",
        why="An address is one '@' with text on both sides and no whitespace inside; the use case "
        "refuses anything else, whoever calls it (a CLI has no request schema in front of it).",
    )


# 2.3 ---------------------------------------------------------------------------------------------


def refuses_duplicates(use_cases: Any, first: str, spellings: tuple[str, ...], other: str) -> None:
    uow = fakes.FakeUnitOfWork()
    use_cases.register(uow, first)
    for spelling in spellings:
        refused(
            "EmailAlreadyRegistered",
            lambda spelling=spelling: use_cases.register(uow, spelling),
            uow,
            did=f"Registered {first!r}, then ran register_user with {spelling!r} on fakes",
            why="Both are one address once normalised; the second registration must be refused.",
        )
    use_cases.register(uow, other)
    emails = sorted(u.email for u in uow.users.stored.values())
    expect_equal(
        emails,
        sorted([first, other]),
        did=f"Then registered {other!r}, another address",
        saw=f"users stored: {emails}",
        expected_text=f"exactly {sorted([first, other])}",
        why="Only the same address, once normalised, is a duplicate; a refused registration stores nothing.",
    )


# 2.4 ---------------------------------------------------------------------------------------------


def token_in_the_same_commit(use_cases: Any, email: str) -> None:
    uow = fakes.FakeUnitOfWork()
    user, token = use_cases.registration(uow, email)
    expect_equal(
        (uow.tokens.stored.get(token) == user.id, uow.commits),
        (True, 1),
        did=f"Ran register_user for {email!r} on fakes, then looked its token up in uow.tokens",
        saw=f"token {token!r} belongs to {uow.tokens.stored.get(token)!r}; {uow.commits} commit(s)",
        expected_text=f"the token issued with uow.tokens.issue for user {user.id!r}, and exactly 1 commit",
        why="A user without a token cannot log in: store both in one unit of work, and commit once.",
    )
    down = fakes.FakeUnitOfWork()
    down.tokens.down = True
    result = outcome(lambda: use_cases.register(down, email), fakes.TokenStoreDown)
    raised = isinstance(result, str) and result == "raised TokenStoreDown"
    left = [u.email for u in down.users.stored.values()]
    expect_equal(
        (raised, down.commits, left),
        (True, 0, []),
        did=f"Switched the fake token store off, then ran register_user for {email!r}",
        saw="register_user returned as if the user could log in"
        if not raised
        else f"{down.commits} commit(s), users stored: {left}",
        expected_text="the token store's error, no commit, no user stored",
        why="The user and the token are one unit of work: a user stored without a token is locked out.",
    )


def no_user_left_after_a_token_outage(real_uow: Any, use_cases: Any, outage: Any, email: str) -> None:
    with outage("token") as refused_inserts:
        try:
            use_cases.register(real_uow(), email)
            failed = None
        except Exception as error:  # noqa: BLE001 - whatever the adapter makes of the outage
            failed = error
    expect_equal(
        bool(refused_inserts),
        True,
        did="Made the database refuse every INSERT into the tokens table, then ran register_user on "
        "your real unit of work",
        saw="no INSERT naming the tokens table reached the database"
        + ("" if failed is None else f"; it raised {type(failed).__name__}: {failed}"),
        expected_text="register_user to issue the token through uow.tokens, which stores it in the tokens table",
        why="Tokens are stored in the database, so that they survive a restart.",
    )
    with real_uow() as uow:
        left = uow.users.get_by_email(email)
    expect_equal(
        (failed is not None, left is None),
        (True, True),
        did=f"After the refused token INSERT, looked for {email!r} in a new unit of work",
        saw="register_user returned as if nothing failed" if failed is None else f"the user is stored: {left!r}",
        expected_text="register_user fails, and no user is left: the user and its token are committed together or not at all",
        why="Otherwise the address is taken by an account no one can ever log in to.",
    )


def registration_over_http_survives_a_token_outage(client: Any, outage: Any, email: str) -> None:
    from kata_tests.support import show

    with outage("token") as refused_inserts:
        first = client.post("/users", json={"email": email, "display_name": "Ada"})
    again = client.post("/users", json={"email": email, "display_name": "Ada"})
    expect_equal(
        (bool(refused_inserts), first.status_code >= 500, again.status_code),
        (True, True, 201),
        did=f"POST /users for {email!r} while the database refused INSERTs into tokens, then again once it "
        "accepted them",
        saw=f"first {show(first, 'email', 'token')}; then {show(again, 'email', 'token')}"
        + ("" if refused_inserts else "; no INSERT named the tokens table"),
        expected_text="the first fails (a 5xx), the second answers 201: nothing of the failed registration was kept",
        why="Registration is one unit of work however the route calls it: a user whose token was lost "
        "must not keep the address.",
    )


# 2.5, 2.6 ----------------------------------------------------------------------------------------


def stores_the_draft_as_given(use_cases: Any, title: str, body: str, slug: str) -> None:
    uow = fakes.FakeUnitOfWork()
    author = use_cases.register(uow, "ada@example.com")
    commits = uow.commits
    post = use_cases.draft(uow, author.id, title, body)
    stored = uow.posts.stored.get(getattr(post, "id", None))
    fields = (
        None
        if stored is None
        else (stored.slug, fakes.status_of(stored), stored.author_id, stored.title, stored.body, stored.published_at)
    )
    wanted = (slug, "draft", author.id, title, body, None)
    # The author's id is the fakes' to give: the check compares whether the draft names Ada, not the number.
    named = None if fields is None else (*fields[:2], fields[2] == author.id, *fields[3:])
    expect_equal(
        (named, uow.commits - commits),
        ((slug, "draft", True, title, body, None), 1),
        did=f"Registered Ada, then ran create_draft(author_id=<Ada>, title={title!r}, body={body!r}) on fakes",
        saw=f"stored (slug, status, author_id, title, body, published_at) = {fields}, "
        f"{uow.commits - commits} commit(s)",
        expected_text=f"{wanted}, and 1 commit",
        why="A draft keeps the author's text as given; only the slug is made from the title.",
    )
    refused(
        "UserNotFound",
        lambda: use_cases.draft(uow, 404, title, body),
        uow,
        did="Ran create_draft with author_id=404, which no user has, on fakes",
        why="A post needs an author; the use case asks uow.users before it stores anything.",
    )
    expect_equal(len(uow.posts.stored), 1, did="Counted the posts stored after the refused draft")


def slugs_from_titles(use_cases: Any, wanted: dict[str, str]) -> None:
    made, wrong = [], []
    for title, slug in wanted.items():
        uow = fakes.FakeUnitOfWork()
        author = use_cases.register(uow, "ada@example.com")
        made.append(getattr(use_cases.draft(uow, author.id, title, "tbd"), "slug", None))
        if made[-1] != slug:
            wrong.append(f"{title!r} made {made[-1]!r} ({len(made[-1] or '')} characters), not {slug!r}")
    expect_equal(
        made,
        list(wanted.values()),
        did=f"Ran create_draft on fakes with {len(wanted)} titles at the edges of slugify",
        saw="; ".join(wrong),
        expected_text="each slug as slugify makes it: at most 60 characters, as many whole words as fit (a word "
        "ending at the 60th character kept), a longer first word cut at 60, and 'post' for a title with no "
        "letter or digit",
        why="create_draft keeps the slug rules the starter's slugify applies.",
    )


def counts_up_until_free(use_cases: Any, titles: tuple[str, ...], slugs: list[str]) -> None:
    uow = fakes.FakeUnitOfWork()
    author = use_cases.register(uow, "ada@example.com")
    made = [getattr(use_cases.draft(uow, author.id, title, "tbd"), "slug", None) for title in titles]
    expect_equal(
        made,
        slugs,
        did=f"Ran create_draft {len(titles)} times on fakes, titles {', '.join(map(repr, titles))}",
        why="A title whose slug is taken asks uow.posts.slug_taken again and again, counting up (-2, -3 ...); "
        "a free slug takes no suffix.",
    )


# 2.7, 2.8, 2.9 -----------------------------------------------------------------------------------


def publishes_once(use_cases: Any, title: str, body: str) -> None:
    uow = fakes.FakeUnitOfWork()
    author = use_cases.register(uow, "ada@example.com")
    draft = use_cases.draft(uow, author.id, title, body)
    commits = uow.commits
    post = use_cases.publish(uow, draft.id, author.id)
    stored = uow.posts.stored.get(draft.id)
    expect_equal(
        (
            fakes.status_of(stored),
            getattr(stored, "published_at", None) is not None,
            uow.commits - commits,
            fakes.status_of(post),
        ),
        ("published", True, 1, "published"),
        did=f"Had Ada create the draft {title!r}, then ran publish_post for it as Ada, on fakes",
        saw=f"stored status {fakes.status_of(stored)!r}, published_at {getattr(stored, 'published_at', None)!r}, "
        f"{uow.commits - commits} commit(s) by publish_post; returned status {fakes.status_of(post)!r}",
        expected_text="stored and returned status 'published', a published_at, and 1 commit",
        why="uow.posts.get() hands out a copy: publish_post must save() the changed post and commit.",
    )
    first = stored.published_at
    again = use_cases.publish(uow, draft.id, author.id)
    expect_equal(
        (again.published_at == first, uow.posts.stored[draft.id].published_at == first),
        (True, True),
        did="Then ran publish_post for it again, as Ada",
        saw=f"published_at {first!r}, then {again.published_at!r} (stored {uow.posts.stored[draft.id].published_at!r})",
        expected_text="the first published_at, returned and stored",
        why="published_at is set once: readers and feeds rely on it not moving.",
    )


def refuses_strangers_and_missing_posts(use_cases: Any, missing_id: int) -> None:
    uow = fakes.FakeUnitOfWork()
    ada = use_cases.register(uow, "ada@example.com")
    bob = use_cases.register(uow, "bob@example.com", "Bob")
    draft = use_cases.draft(uow, ada.id, "Hello World", BODY)
    live = use_cases.draft(uow, ada.id, "Live", BODY)
    use_cases.publish(uow, live.id, ada.id)
    before = {i: (fakes.status_of(p), p.published_at) for i, p in uow.posts.stored.items()}
    for post, state in ((draft, "draft"), (live, "published post")):
        refused(
            "NotPostAuthor",
            lambda post=post: use_cases.publish(uow, post.id, bob.id),
            uow,
            did=f"Ran publish_post for Ada's {state} with actor_id=<Bob> on fakes",
            why="Only the author may publish, and the author check comes first: a stranger is refused even "
            "when publishing would change nothing.",
        )
    refused(
        "PostNotFound",
        lambda: use_cases.publish(uow, missing_id, ada.id),
        uow,
        did=f"Ran publish_post with post_id={missing_id}, which no post has, on fakes",
        why="uow.posts.get answers None for a missing post; the use case turns that into PostNotFound.",
    )
    after = {i: (fakes.status_of(p), p.published_at) for i, p in uow.posts.stored.items()}
    # published_at is the clock's: the check compares whether anything moved, and shows both states.
    expect_equal(
        after == before,
        True,
        did="Compared the stored posts before and after the refusals",
        saw=repr(after),
        expected_text=repr(before),
    )


def refuses_unpublishable(use_cases: Any, cases: dict[str, tuple[str, str]], exactly: str) -> None:
    uow = fakes.FakeUnitOfWork()
    ada = use_cases.register(uow, "ada@example.com")
    wrong = []
    for case, (title, body) in cases.items():
        draft = use_cases.draft(uow, ada.id, title, body)
        if case == "an archived post":
            stored = uow.posts.stored[draft.id]
            stored.status = type(stored.status)("archived")
            uow.commit()
        commits, status = uow.commits, fakes.status_of(uow.posts.stored[draft.id])
        try:
            use_cases.publish(uow, draft.id, ada.id)
            wrong.append(f"{case} was published")
        except errors().PostNotPublishable:
            after = fakes.status_of(uow.posts.stored[draft.id])
            if uow.commits != commits or after != status:
                wrong.append(f"{case}: refused, but {uow.commits - commits} commit(s), stored status {after!r}")
    fine = use_cases.draft(uow, ada.id, "Hello", exactly)
    published = use_cases.publish(uow, fine.id, ada.id)
    if fakes.status_of(published) != "published":
        wrong.append(f"the body {exactly!r} (30 characters once trimmed) came back {fakes.status_of(published)!r}")
    expect_equal(
        wrong,
        [],
        did="Ran publish_post as the author, on fakes, for " + ", ".join(cases) + f", then for the body {exactly!r}",
        saw="; ".join(wrong),
        expected_text="PostNotPublishable and no commit for each, and the 30-character body published",
        why="Publishing needs a title that is not blank and a body of 30 characters or more, counted without "
        "the whitespace around it; an archived post stays archived.",
    )


# 5.2, 5.3 ----------------------------------------------------------------------------------------


def _kind(value: Any) -> str:
    from sqlalchemy import inspect

    state = " (with ORM instance state)" if value is not None and inspect(value, raiseerr=False) is not None else ""
    return f"an object of class {type(value).__module__}.{type(value).__qualname__}{state}"


def real_repositories_hand_out_copies(real_uow: Any, use_cases: Any, email: str, title: str) -> None:
    model = learner("inkwell.domain.model")
    user = use_cases.register(real_uow(), email)
    post = use_cases.draft(real_uow(), user.id, title, BODY)
    found = []
    for name, value, entity in (("register_user", user, model.User), ("create_draft", post, model.Post)):
        if not isinstance(value, entity):
            found.append(f"{name} returned {_kind(value)}")
    with real_uow() as uow:
        loaded = {
            "users.get": (uow.users.get(user.id), model.User),
            "users.get_by_email": (uow.users.get_by_email(email), model.User),
            "posts.get": (uow.posts.get(post.id), model.Post),
        }
        found += [f"{n} returned {_kind(v)}" for n, (v, entity) in loaded.items() if not isinstance(v, entity)]
        changed = loaded["posts.get"][0]
        if changed is not None:
            changed.title = "Changed without save"
        uow.commit()
    with real_uow() as uow:
        stored = getattr(uow.posts.get(post.id), "title", None)
    if stored != title:
        found.append(f"a post loaded with get, changed without save() and committed, reads back with title {stored!r}")
    expect_equal(
        found,
        [],
        did="On your real unit of work (unit_of_work_factory('sqlite://')): registered a user and created a draft, "
        "loaded them with users.get, users.get_by_email and posts.get, then changed the loaded post's title "
        "without save() and committed",
        saw="; ".join(found),
        expected_text=f"inkwell.domain.model User and Post instances, and the stored title still {title!r}",
        why="The repositories copy rows into the domain's entities: a row handed out (or an entity the session "
        "tracks) writes itself back on commit, behind the use case's back.",
    )


def save_commit_and_rollback(real_uow: Any, use_cases: Any, when: datetime, title: str) -> None:
    author = use_cases.register(real_uow(), "ada@example.com")
    post = use_cases.draft(real_uow(), author.id, "Hello", BODY)
    with real_uow() as uow:
        loaded = uow.posts.get(post.id)
        loaded.title, loaded.body = title, BODY + " More."
        loaded.status, loaded.published_at = type(loaded.status)("published"), when
        uow.posts.save(loaded)
        uow.commit()
    with real_uow() as uow:
        saved = uow.posts.get(post.id)
        fields = (saved.title, saved.body, fakes.status_of(saved), saved.published_at)
        saved.title = "Not committed"
        uow.posts.save(saved)
    with real_uow() as uow:
        after = getattr(uow.posts.get(post.id), "title", None)
    wanted = (title, BODY + " More.", "published", when)
    stamp = fields[3]
    same_instant = isinstance(stamp, datetime) and (stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)) == when
    expect_equal(
        (fields[:3], same_instant, after),
        ((title, BODY + " More.", "published"), True, title),
        did="On your real unit of work: loaded a draft, changed its title, body, status and published_at, saved "
        "and committed; read it back; then changed the title and saved without committing, and read it again",
        saw=f"read back (title, body, status, published_at) = {fields}; after the uncommitted save, title {after!r}",
        expected_text=f"{wanted}, and the title still {title!r} after leaving without commit",
        why="save() writes back every field a rule may change; commit() makes it last; leaving `with uow:` "
        "without a commit discards it.",
    )
