"""A kata's contract as numbered rules, read from its README.

Under each task the README lists the rules a submission must keep, one bullet each, numbered
by task: `- **2.1** The slug holds only ...`. Tests declare the rules they prove with
`@pytest.mark.rules("2.1")`, decoys the rule they break with `breaks = ["2.1"]`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_RULE = re.compile(r"^\s*[-*]\s+\*\*(\d+)\.(\d+)\*\*\s+(.+)$")


@dataclass(frozen=True)
class Rule:
    id: str  # "2.1"
    task: int
    text: str


def read_rules(readme: Path) -> tuple[Rule, ...]:
    """The numbered rules of a README, in the order they appear; continuation lines are joined."""
    rules: list[Rule] = []
    lines = readme.read_text(encoding="utf-8").splitlines() if readme.is_file() else []
    for index, line in enumerate(lines):
        match = _RULE.match(line)
        if not match:
            continue
        text = [match.group(3).strip()]
        for following in lines[index + 1 :]:
            if not following.strip() or _RULE.match(following) or not following.startswith("     "):
                break
            text.append(following.strip())
        rules.append(Rule(f"{match.group(1)}.{match.group(2)}", int(match.group(1)), " ".join(text)))
    return tuple(rules)
