"""Task 1: every expected failure is an Err of its declared type; every success an Ok."""

from __future__ import annotations

import pytest

from checker.testkit import expect

pytestmark = pytest.mark.task(1, points=2)


def _register(kit, world, email, name="Grace"):
    return lambda: kit.accounts.register_user(email, name, users=world.users, notifier=world.notifier)


def _draft(kit, world, author_id=1, title="Hello, Result", tags=("python",)):
    return lambda: kit.posts.create_draft(
        author_id,
        title,
        "Failures are values.",
        list(tags),
        users=world.users,
        posts=world.posts,
        tags=world.tags,
    )


def _publish(kit, world, actor_id, post_id):
    return lambda: kit.posts.publish_post(actor_id, post_id, posts=world.posts)


def test_registration_answers_ok_with_the_normalised_user(kit, world, run, ok, brief):
    user = ok(
        "Called register_user('  Grace@Example.ORG ', 'Grace') with fakes",
        *run(_register(kit, world, "  Grace@Example.ORG ")),
    )
    expect(
        getattr(user, "email", None) == "grace@example.org" and getattr(user, "id", None) == 3,
        did="Called register_user('  Grace@Example.ORG ', 'Grace') with fakes holding two users",
        saw=f"Ok({brief(user)})",
        expected="Ok(User(email='grace@example.org', id=3, ...)), the user added to the repository",
    )


def test_registration_with_a_malformed_email_is_a_validation_failure(kit, world, run, err):
    err(
        "Called register_user('grace.example.org', 'Grace')",
        *run(_register(kit, world, "grace.example.org")),
        "ValidationFailed",
        "email",
    )


def test_registration_with_a_blank_display_name_is_a_validation_failure(kit, world, run, err):
    err(
        "Called register_user('grace@example.org', '   ')",
        *run(_register(kit, world, "grace@example.org", "   ")),
        "ValidationFailed",
        "display_name",
    )


def test_registration_with_a_taken_email_in_another_case_is_a_conflict(kit, world, run, err):
    err(
        "Called register_user(' ADA@example.com', 'Grace') while ada@example.com is registered",
        *run(_register(kit, world, " ADA@example.com")),
        "Conflict",
    )


def test_a_draft_answers_ok_with_a_slug_and_its_tags(kit, world, run, ok, brief):
    post = ok("Called create_draft(1, 'Hello, Result', ..., ['python']) with fakes", *run(_draft(kit, world)))
    tags = [getattr(t, "name", t) for t in getattr(post, "tags", [])]
    expect(
        getattr(post, "slug", None) == "hello-result" and tags == ["python"] and post.id in world.posts.rows,
        did="Called create_draft(1, 'Hello, Result', 'Failures are values.', ['python'])",
        saw=f"Ok({brief(post)})",
        expected="Ok(Post(slug='hello-result', tags=[Tag(name='python', ...)], ...)) added to the repository",
    )


def test_a_draft_by_an_unknown_author_is_not_found(kit, world, run, err):
    err("Called create_draft(99, ...) where no user has id 99", *run(_draft(kit, world, author_id=99)), "NotFound")


def test_a_draft_with_a_blank_title_is_a_validation_failure(kit, world, run, err):
    err("Called create_draft(1, '  ', ...)", *run(_draft(kit, world, title="  ")), "ValidationFailed", "title")


def test_a_draft_with_an_unknown_tag_is_a_validation_failure(kit, world, run, err):
    err(
        "Called create_draft(1, ..., tag_names=['python', 'cobol']) where no tag 'cobol' exists",
        *run(_draft(kit, world, tags=("python", "cobol"))),
        "ValidationFailed",
        "tags",
    )


def test_publishing_a_draft_answers_ok_and_saves_it(kit, world, run, ok, brief):
    post = ok("Called publish_post(1, 1): Ada publishes her draft", *run(_publish(kit, world, 1, 1)))
    expect(
        str(getattr(post, "status", "")) == "published" and post.published_at is not None and post in world.posts.saved,
        did="Called publish_post(1, 1): Ada publishes her draft",
        saw=f"Ok({brief(post)}); saved: {[brief(p) for p in world.posts.saved]}",
        expected="Ok(Post(status='published', published_at=<now>, ...)), passed to posts.save",
    )


def test_publishing_a_missing_post_is_not_found(kit, world, run, err):
    err("Called publish_post(1, 99) where no post has id 99", *run(_publish(kit, world, 1, 99)), "NotFound")


def test_publishing_another_authors_post_is_permission_denied(kit, world, run, err):
    err("Called publish_post(2, 1): Bob publishes Ada's draft", *run(_publish(kit, world, 2, 1)), "PermissionDenied")


def test_publishing_a_published_post_is_a_conflict(kit, world, run, err):
    err(
        "Called publish_post(1, 2): Ada publishes her already published post",
        *run(_publish(kit, world, 1, 2)),
        "Conflict",
    )


@pytest.mark.task(1, points=1)
def test_reading_a_post_answers_ok_or_not_found_and_works_with_match(kit, world, run, ok, err):
    found = ok("Called get_post(1)", *run(lambda: kit.posts.get_post(1, posts=world.posts)))
    err(
        "Called get_post(99) where no post has id 99",
        *run(lambda: kit.posts.get_post(99, posts=world.posts)),
        "NotFound",
    )
    match kit.Ok(found), kit.Err("nope"):
        case kit.Ok(value), kit.Err(error) if value is found and error == "nope":
            matched = True
        case _:
            matched = False
    expect(
        matched,
        did="Matched Ok(post) with `case Ok(value)` and Err('nope') with `case Err(error)`",
        saw="the patterns did not capture the value and the error",
        expected="one positional sub-pattern capturing .value and .error (set __match_args__)",
        why="The README's contract: callers unpack results with match.",
    )
