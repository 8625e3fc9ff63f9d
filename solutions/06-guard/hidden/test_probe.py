"""Task 3: half-open means one probe: while it is in flight, every other call still fails at once."""

from __future__ import annotations

import time

import pytest
from kata_tests.scene import World
from kata_tests.upstream import HANG, status

from checker.testkit import expect_equal


@pytest.mark.task(3, points=2)
@pytest.mark.rules("3.2")
def test_while_the_probe_is_in_flight_other_calls_reach_nothing(upstream):
    # Attempts time out after 3 s, so the probe is surely still out while the others are sent,
    # however loaded the machine; the suite then ends the hang.
    with World(upstream, timeout=3.0) as world:
        for _ in range(5):
            world.upstream.will(status(503), status(503), status(503))
            world.new_post()
        world.clock.advance(30)
        world.upstream.will(HANG, then=status(503))
        before = len(world.upstream.arrived("/previews"))
        world.spawn(world.new_post)
        deadline = time.monotonic() + 2.5  # however late the probe arrives, it then hangs 2.5 s more
        while len(world.upstream.arrived("/previews")) == before and time.monotonic() < deadline:
            time.sleep(0.005)
        during = len(world.upstream.arrived("/previews"))
        others = [world.new_post().status_code for _ in range(2)]
        extra = len(world.upstream.arrived("/previews")) - during
    expect_equal(
        (during - before, extra),
        (1, 0),
        did="Opened the circuit, waited 30 s on the clock, sent a post whose preview hangs (the probe), and while "
        "it hung sent 2 more posts with links",
        saw=f"the probe: {during - before} arrival(s); the 2 posts sent meanwhile ({others}): {extra} arrival(s)",
        expected_text="the probe arrives; the 2 others reach nothing",
        why="Rule 3.2: half-open lets one probe through, not everyone who comes while it is out: a recovering "
        "service meets one request, not the whole queue.",
    )
