"""Task 2: the use cases, driven with in-memory fakes of the ports; no database anywhere."""

from __future__ import annotations

import abc

import pytest

from checker.testkit import expect, expect_equal, learner

BODY = "A body that is comfortably longer than the minimum."


def _raises(kind_name, action):
    """Run `action`; return (the error it raised or None, what it returned)."""
    kind = getattr(learner("inkwell.domain.errors"), kind_name)
    try:
        return None, action()
    except kind as error:
        return error, None


def _brief(value):
    if hasattr(value, "status"):
        return f"a post with status {kit_status(value)!r}"
    return f"a {type(value).__name__} with email {value.email!r}" if hasattr(value, "email") else repr(value)


def kit_status(post):
    return str(getattr(post.status, "value", post.status))


def _refused(kind_name, action, uow, did, why):
    error, result = _raises(kind_name, action)
    expect(
        error is not None and uow.commits == 0,
        did=did,
        saw=f"it returned {_brief(result)}" if error is None else f"{kind_name} raised, but {uow.commits} commit(s)",
        expected=f"{kind_name} raised, and no commit",
        why=why,
    )


@pytest.mark.task(2, points=2)
def test_the_ports_declare_the_contracts_methods():
    ports = learner("inkwell.domain.ports")
    uow_port = learner("inkwell.application.unit_of_work")
    wanted = {
        (ports, "UserRepository"): ("add", "get", "get_by_email"),
        (ports, "PostRepository"): ("add", "get", "slug_taken", "save"),
        (ports, "TokenRepository"): ("issue", "user_id_for"),
        (uow_port, "UnitOfWork"): ("commit", "rollback", "__enter__", "__exit__"),
    }
    problems = []
    for (module, name), methods in wanted.items():
        port = getattr(module, name, None)
        if not isinstance(port, abc.ABCMeta):
            problems.append(f"{module.__name__}.{name} is {'missing' if port is None else 'not a Protocol or ABC'}")
            continue
        missing = [m for m in methods if not callable(getattr(port, m, None))]
        if missing:
            problems.append(f"{name} lacks {', '.join(missing)}")
    port = getattr(uow_port, "UnitOfWork", None)
    if isinstance(port, abc.ABCMeta):
        declared = set(getattr(port, "__annotations__", {})) | set(dir(port))
        missing = [a for a in ("users", "posts", "tokens") if a not in declared]
        if missing:
            problems.append(f"UnitOfWork does not declare {', '.join(missing)}")
    expect(
        not problems,
        did="Read the ports of the contract",
        saw="; ".join(problems),
        expected="the Protocols (or ABCs) of the README, with the methods it lists",
        why="The ports are the promise between use cases and adapters; the checker's fakes keep it.",
    )


@pytest.mark.task(2, points=3)
def test_registering_a_taken_email_is_refused_without_a_commit(use_cases, uow):
    use_cases.register(uow, "ada@example.com")
    uow.commits = 0
    _refused(
        "EmailAlreadyRegistered",
        lambda: use_cases.register(uow, " ADA@example.com"),
        uow,
        did="Registered 'ada@example.com', then ran register_user with ' ADA@example.com' on fakes",
        why="Both are one address once normalised; the second registration must be refused.",
    )
    expect_equal(len(uow.users.stored), 1, did="Counted the users stored after both registrations")


@pytest.mark.task(2, points=2)
def test_registering_a_malformed_email_is_refused_without_a_commit(use_cases, uow):
    _refused(
        "InvalidEmail",
        lambda: use_cases.register(uow, "ada.example.com"),
        uow,
        did="Ran register_user with email 'ada.example.com' on fakes",
        why="An address needs one '@' with text on both sides; the domain refuses anything else.",
    )


@pytest.mark.task(2, points=3)
def test_create_draft_stores_a_draft_with_a_slug_from_the_title(use_cases, uow, kit):
    author = use_cases.register(uow, "ada@example.com")
    post = use_cases.draft(uow, author.id, "Crème brûlée, for Beginners!", "tbd")
    stored = uow.posts.stored.get(getattr(post, "id", None))
    expect(
        stored is not None
        and stored.slug == "creme-brulee-for-beginners"
        and kit.fakes.status_of(stored) == "draft"
        and stored.author_id == author.id
        and stored.published_at is None
        and uow.commits == 2,
        did="Registered Ada, then ran create_draft(author_id=<Ada>, title='Crème brûlée, for Beginners!') on fakes",
        saw=f"stored {stored!r}, {uow.commits - 1} commit(s) by create_draft",
        expected="a stored draft by Ada, slug 'creme-brulee-for-beginners', no published_at, 1 commit",
    )


@pytest.mark.task(2, points=2)
def test_create_draft_makes_the_slug_unique(use_cases, uow):
    author = use_cases.register(uow, "ada@example.com")
    use_cases.draft(uow, author.id, "Hello World", "tbd")
    second = use_cases.draft(uow, author.id, "Hello, world!", "tbd")
    expect_equal(
        getattr(second, "slug", None),
        "hello-world-2",
        did="Ran create_draft twice on fakes, with titles 'Hello World' and 'Hello, world!'",
        why="Both titles make the slug 'hello-world'; the second must ask uow.posts.slug_taken and count up.",
    )


@pytest.mark.task(2, points=3)
def test_only_the_author_publishes(use_cases, uow, kit):
    ada = use_cases.register(uow, "ada@example.com")
    bob = use_cases.register(uow, "bob@example.com", "Bob")
    draft = use_cases.draft(uow, ada.id, "Hello World", BODY)
    uow.commits = 0
    _refused(
        "NotPostAuthor",
        lambda: use_cases.publish(uow, draft.id, bob.id),
        uow,
        did="Ran publish_post for Ada's draft with actor_id=<Bob> on fakes",
        why="Only the author of a post may publish it.",
    )
    expect_equal(
        kit.fakes.status_of(uow.posts.stored[draft.id]), "draft", did="Looked at Ada's stored post after Bob's attempt"
    )


@pytest.mark.task(2, points=2)
@pytest.mark.parametrize(
    ("title", "body", "rule"),
    [
        ("   ", BODY, "a title that is not blank"),
        ("Hello World", "  Too short to publish.   ", "a body of 30 characters or more"),
    ],
    ids=["blank-title", "short-body"],
)
def test_publishing_refuses_a_post_that_breaks_the_rules(use_cases, uow, title, body, rule):
    ada = use_cases.register(uow, "ada@example.com")
    draft = use_cases.draft(uow, ada.id, title, body)
    uow.commits = 0
    _refused(
        "PostNotPublishable",
        lambda: use_cases.publish(uow, draft.id, ada.id),
        uow,
        did=f"Ran publish_post as the author for a draft with title {title!r} and body {body!r} on fakes",
        why=f"Publishing needs {rule} (the body is counted without surrounding spaces).",
    )


@pytest.mark.task(2, points=2)
def test_publishing_again_keeps_the_first_published_at(use_cases, uow, kit):
    ada = use_cases.register(uow, "ada@example.com")
    draft = use_cases.draft(uow, ada.id, "Hello World", BODY)
    first = use_cases.publish(uow, draft.id, ada.id).published_at
    second = use_cases.publish(uow, draft.id, ada.id)
    expect(
        first is not None and second.published_at == first and kit.fakes.status_of(second) == "published",
        did="Ran publish_post twice for the same draft, as its author, on fakes",
        saw=f"published_at {first!r}, then {second.published_at!r}",
        expected="the same published_at both times",
        why="published_at is set once: readers and feeds rely on it not moving.",
    )


@pytest.mark.task(2, points=1)
def test_publishing_a_missing_post_is_refused(use_cases, uow):
    ada = use_cases.register(uow, "ada@example.com")
    uow.commits = 0
    _refused(
        "PostNotFound",
        lambda: use_cases.publish(uow, 404, ada.id),
        uow,
        did="Ran publish_post with post_id=404, which no post has, on fakes",
        why="uow.posts.get answers None for a missing post; the use case turns that into PostNotFound.",
    )
