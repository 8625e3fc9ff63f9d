"""The built docs site, crawled in headless Chromium from its home page: every link a reader can
follow reaches a page or file of the site, and every anchor names an element of its page.

Links and anchors are read from the DOM Chromium built (what the reader's browser sees, after the
theme's scripts), pages are served over HTTP as a host would serve them, and links that leave the
site are not followed (no network). Chromium is driven as tests/room/test_browser.py drives it.
"""

from __future__ import annotations

import functools
import json
import shutil
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest

from tests.conftest import ROOT
from tests.room.test_browser import CHROMIUM, Browser

pytestmark = [
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="headless Chromium is absent: /usr/bin/chromium (apt-get install chromium)"
    ),
    pytest.mark.builds,  # builds the docs site
    pytest.mark.browser,  # and opens each page in Chromium
]

# What each page offers and links to, read from the live DOM.
_READ = """JSON.stringify({
  ready: document.readyState,
  url: location.href,
  ids: [...document.querySelectorAll('[id]')].map(e => e.id)
        .concat([...document.querySelectorAll('a[name]')].map(e => e.name)),
  links: [...document.querySelectorAll('a[href]')].map(a => a.href),
  sources: [...document.querySelectorAll('img[src], script[src], link[rel=stylesheet][href]')]
        .map(e => e.src || e.href),
})"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # Chromium drops connections it no longer needs: not a broken link


@pytest.fixture(scope="module")
def served(built_site: Path) -> Iterator[str]:
    server = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(built_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture
def browser(tmp_path):
    opened = Browser(tmp_path / "chromium-profile")
    yield opened
    opened.close()
    shutil.rmtree(tmp_path / "chromium-profile", ignore_errors=True)


def _read(browser: Browser, url: str, seconds: float = 20) -> dict:
    browser.open(url)
    deadline, seen = time.monotonic() + seconds, {}
    while time.monotonic() < deadline:
        answer = browser.call("Runtime.evaluate", session=True, expression=_READ, returnByValue=True)
        seen = json.loads(answer["result"].get("value") or "{}")
        if seen.get("ready") == "complete" and urldefrag(seen.get("url", ""))[0] == url:
            return seen
        time.sleep(0.1)
    raise AssertionError(f"{url} did not finish loading within {seconds} s (last seen: {seen.get('url')})")


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def crawl(browser: Browser, home: str) -> tuple[dict[str, dict], list[tuple[str, str]]]:
    """Every page reachable from `home`, and every (page, link) pair that stays on the site."""
    pages: dict[str, dict] = {}
    links: list[tuple[str, str]] = []
    queue = [home]
    while queue:
        url = queue.pop(0)
        if url in pages:
            continue
        pages[url] = _read(browser, url)
        for link in pages[url]["links"] + pages[url]["sources"]:
            if not link.startswith(home):
                continue  # another site: never fetched here
            links.append((url, link))
            target = urldefrag(link)[0]
            if target.endswith("/") and target not in pages and _status(target) == 200:
                queue.append(target)
    return pages, links


def broken(pages: dict[str, dict], links: list[tuple[str, str]], home: str) -> list[str]:
    problems, statuses = [], {}
    for page, link in links:
        target, anchor = urldefrag(link)
        if target not in statuses:
            statuses[target] = 200 if target in pages else _status(target)
        where = urlsplit(page).path
        if statuses[target] != 200:
            problems.append(f"{where} links to {urlsplit(target).path}, which answers {statuses[target]}")
        elif anchor and target in pages and anchor not in pages[target]["ids"]:
            problems.append(f"{where} links to #{anchor}, which no element of {urlsplit(target).path} has")
    return sorted(set(problems))


def test_no_page_of_the_site_has_a_broken_link_or_anchor(browser, served, catalog):
    pages, links = crawl(browser, served)
    reached = {urlsplit(url).path for url in pages}
    for kata in [k for k in catalog.katas if (ROOT / "docs" / "katas" / f"{k.id}.md").is_file()]:
        assert f"/katas/{kata.id}/" in reached, f"no link leads to the page of {kata.id}"
        if kata.notebook.is_file():
            assert f"/notebooks/{kata.id}/" in reached, f"no link leads to the notebook of {kata.id}"
    problems = broken(pages, links, served)
    assert not problems, f"{len(problems)} broken link(s) or anchor(s):\n" + "\n".join(problems[:40])


def test_the_crawl_finds_a_broken_anchor_and_a_missing_page(browser, served):
    # The crawler's own control: a page whose links it must report.
    home = served + "katas/"
    page = _read(browser, home)
    pages = {home: page}
    links = [(home, home + "#no-such-heading"), (home, served + "no-such-page/")]
    assert broken(pages, links, served) == [
        "/katas/ links to #no-such-heading, which no element of /katas/ has",
        "/katas/ links to /no-such-page/, which answers 404",
    ]
