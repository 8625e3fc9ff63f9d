"""A property test tries the same examples whatever code its process has loaded.

Hypothesis draws some examples from the literals of every loaded module outside site-packages and
the tests, the submission's included. The check runs pin that pool empty
(checker.runner.plugin.fix_hypothesis_examples): otherwise a submission could steer the examples
by the strings it holds, and the outside judge could not compare a run with the reference's.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = textwrap.dedent(
    """
    import hashlib, sys
    from hypothesis import given, settings, strategies as st
    if sys.argv[1] == "fixed":
        from checker.runner.plugin import fix_hypothesis_examples
        fix_hypothesis_examples()
    if sys.argv[2] == "steered":
        sys.path.insert(0, sys.argv[3])
        import steering  # a module of the submission's, full of literals
    seen = []

    @settings(derandomize=True, database=None, deadline=None, max_examples=300)
    @given(st.text(max_size=30), st.integers())
    def prop(text, number):
        seen.append((text, number))

    prop()
    print(hashlib.sha256(repr(seen).encode()).hexdigest())
    """
)


def _examples(tmp_path: Path, fixed: str, steered: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, fixed, steered, str(tmp_path / "submission")],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_property_tries_the_same_examples_whatever_modules_are_loaded(tmp_path):
    folder = tmp_path / "submission"
    folder.mkdir()
    literals = [f"steer-{n:03}" for n in range(200)] + [str(10**9 + n) for n in range(200)]
    (folder / "steering.py").write_text(
        "STEER = [" + ", ".join(f"{v!r}" if v.startswith("s") else v for v in literals) + "]\n"
    )
    assert _examples(tmp_path, "fixed", "steered") == _examples(tmp_path, "fixed", "plain")
    # Without the fix, the same module changes what is tried: the test above can fail.
    assert _examples(tmp_path, "unfixed", "steered") != _examples(tmp_path, "unfixed", "plain")
