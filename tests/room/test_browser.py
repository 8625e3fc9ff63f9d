"""The room page in headless Chromium: the facilitator opens it, a learner checks, the cell appears.

Chromium is driven over the DevTools protocol on a pipe (--remote-debugging-pipe): no driver, no
extra package. Debian's `chromium` package provides /usr/bin/chromium; without it the test skips.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="headless Chromium is absent: /usr/bin/chromium (apt-get install chromium)"
    ),
    pytest.mark.browser,  # drives the room page in headless Chromium
]
SHOTS = Path(tempfile.gettempdir()) / "inkwell-room-screenshots"


class Browser:
    """Just enough of the DevTools protocol: one page, commands by session, messages split on NUL."""

    def __init__(self, profile: Path) -> None:
        ours_in, theirs_out = os.pipe()  # Chromium writes its answers on fd 4
        theirs_in, ours_out = os.pipe()  # and reads our commands on fd 3
        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
        self.process = subprocess.Popen(
            [str(CHROMIUM), *flags, f"--user-data-dir={profile}", "--remote-debugging-pipe", "--window-size=1600,900"],
            pass_fds=(3, 4),
            preexec_fn=lambda: (os.dup2(theirs_in, 3), os.dup2(theirs_out, 4)),  # noqa: PLW1509
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(theirs_in), os.close(theirs_out)
        self.reader, self.writer = os.fdopen(ours_in, "rb"), os.fdopen(ours_out, "wb")
        self.next_id, self.buffer = 0, b""
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.call("Page.enable", session=True)

    def call(self, method: str, *, session: bool = False, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        self.writer.write(json.dumps(message).encode() + b"\0")
        self.writer.flush()
        while True:
            answer = self._message()
            if answer.get("id") == self.next_id:
                assert "error" not in answer, f"{method} failed: {answer['error']}"
                return answer.get("result", {})

    def _message(self) -> dict[str, Any]:
        while b"\0" not in self.buffer:
            chunk = os.read(self.reader.fileno(), 65536)
            assert chunk, "Chromium closed the DevTools pipe"
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw)

    def open(self, url: str) -> None:
        self.call("Page.navigate", session=True, url=url)

    def text(self, selector: str) -> str:
        expression = f"(document.querySelector({json.dumps(selector)}) || {{}}).innerText || ''"
        return self.call("Runtime.evaluate", session=True, expression=expression, returnByValue=True)["result"]["value"]

    def wait_for(self, selector: str, contains: str, seconds: float) -> str:
        deadline, seen = time.monotonic() + seconds, ""
        while time.monotonic() < deadline:
            seen = self.text(selector)
            if contains in seen:
                return seen
            time.sleep(0.25)
        raise AssertionError(f"{selector} never showed {contains!r} within {seconds} s; it showed: {seen[:400]!r}")

    def screenshot(self, path: Path) -> Path:
        data = self.call("Page.captureScreenshot", session=True, format="png")["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        try:
            self.call("Browser.close")
        except (AssertionError, OSError):
            pass
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture
def browser(tmp_path):
    profile = tmp_path / "chromium-profile"
    opened = Browser(profile)
    yield opened
    opened.close()
    shutil.rmtree(profile, ignore_errors=True)


def test_the_facilitator_sees_a_learners_cell_appear_after_their_check(browser, live, kata):
    server, opened = live
    code = opened.room.code
    browser.open(f"{server.url}/rooms/{code}#token={opened.admin_token}")
    browser.wait_for("#board", "Nobody has joined yet", 20)
    assert code in browser.text("header")

    assert kata("join", server.url, "--room", code, "--name", "Ada Lovelace").exit_code == 0
    checked = kata("check", "00-welcome")
    assert checked.exit_code == 1
    score = re.search(r"(\d+(?:\.\d+)?)/100", checked.output)
    assert score, checked.output

    browser.wait_for("#board tbody", "Ada Lovelace", 30)  # no reload: the page polls
    cell = browser.wait_for("#board tbody", "failing 1, 2, 3, 4", 30)
    assert score[1] in cell, cell  # the board shows the score the learner's check printed
    assert "0/1 pass public checks" in browser.text("#board thead")
    shot = browser.screenshot(SHOTS / "room-page.png")
    assert shot.stat().st_size > 10_000
