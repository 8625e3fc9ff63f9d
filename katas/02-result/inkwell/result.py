"""The answer of a use case: `Ok(value)` when it worked, `Err(error)` when it could not.

Nobody has written it yet. The README's contract says what it must look like.
"""

# TODO(kata): the mobile team asks what each endpoint can answer when it fails; nobody can
# tell them without reading every function down to the database.
