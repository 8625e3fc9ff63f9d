"""Send the queued summaries, oldest first; keep whatever the server could not take yet.

Run as `python -m checker.room.client.sender ROOT` by `report_in_background`, detached from the
check that queued the summary.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import httpx2

from checker.room.client.membership import Membership, load
from checker.room.client.outbox import Outbox

TIMEOUT = httpx2.Timeout(3.0, connect=1.5)
# Answers that a retry will never change: the report is dropped rather than queued for ever.
FINAL = {400, 401, 403, 404, 409, 413, 422}


@dataclass
class Sent:
    sent: int = 0
    dropped: int = 0
    kept: int = 0


def send_pending(membership: Membership, outbox: Outbox, client: httpx2.Client) -> Sent:
    outcome = Sent()
    url = f"{membership.url}/api/learners/{membership.learner_id}/reports"
    headers = {"Authorization": f"Bearer {membership.token}"}
    for summary in outbox.pending():
        try:
            status = client.post(url, json=summary, headers=headers).status_code
        except httpx2.HTTPError:
            status = 0  # unreachable: keep everything for the next check
        if status in (200, 201) or status in FINAL:
            outbox.remove(summary["report_id"])
            outcome.sent += status in (200, 201)
            outcome.dropped += status in FINAL
            continue
        break  # unreachable, rate-limited, or failing: stop here and keep the rest in order
    outcome.kept = len(outbox)
    return outcome


def main(root: Path) -> int:
    membership = load(root)
    if membership is None:
        return 0
    with httpx2.Client(timeout=TIMEOUT) as client:
        send_pending(membership, Outbox(root), client)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
