"""Page speed as a visitor sees it: the app's server on demo data and Debian's headless Chromium.

The server is started as `make run` starts it (`python -m ui.serve`), and the visits begin once it has said that
the atlas is ready. For every page: the first visit (only the overview ran before it), a second visit (what the
next visitor gets from the shared cache), a visit from the app's menu (another page, then a click on this one:
the app is loaded in the browser already, as when a visitor moves between pages) and, where the page has a
province filter, the change of that filter. A visit is timed from the request until the page's script has
finished and what it draws in the browser (map canvas, network canvas) is there. The baseline is the overview's
first visit.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from graph.settings import REPO_ROOT

from .common import Row, demo_atlas, table

CHROMIUM = "/usr/bin/chromium"
SETTLED = "[data-testid='stApp'][data-test-script-state='notRunning']"
BASELINE = "overview: first visit"
# path, heading, what the browser draws after the script (a CSS selector; '' for nothing), whether the
# page has a province filter in the sidebar, and its name in the app's menu ('' for a page opened by a link)
PAGES: list[tuple[str, str, str, bool, str]] = [
    ("overview", "Passend Werk Atlas", "", False, ""),
    ("map", "Kaart", "canvas", True, "Kaart"),
    ("coverage", "Dekking", "canvas", True, "Dekking"),
    ("network", "Netwerk", "iframe", True, "Netwerk"),
    ("examples", "Praktijkvoorbeelden", "", True, "Praktijkvoorbeelden"),
    ("organisation?org=demo-library-00001", "", "", False, ""),
    ("suggestions", "Suggesties", "", True, "Suggesties"),
    ("questions", "Vragen", "", False, "Vragen"),
    ("submit", "Samenwerking toevoegen", "", False, "Samenwerking toevoegen"),
    ("factsheet", "Gebiedsprofiel", "", False, "Gebiedsprofiel"),
]
OTHER_PROVINCE = "Gelderland"
OVERVIEW_MENU = "Overzicht"
READY = "Atlas klaar"  # what `python -m ui.serve` prints once the atlas is ready


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def _app(store: str) -> Iterator[str]:
    port = _free_port()
    command = [sys.executable, "-m", "ui.serve", "--server.address", "127.0.0.1",
               "--server.port", str(port), "--server.headless", "true",
               "--browser.gatherUsageStats", "false"]  # fmt: skip
    with tempfile.TemporaryFile("w+") as log:
        process = subprocess.Popen(
            command, cwd=REPO_ROOT, env={**os.environ, "PASSENDWERK_STORE": store}, stdout=log, stderr=log, text=True
        )
        url = f"http://127.0.0.1:{port}"
        try:
            # As `make run` serves the app: the visits start once the server answers and has said it is ready.
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and not _ready(url, log):
                time.sleep(0.3)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=20)


def _ready(url: str, log: Any) -> bool:
    log.seek(0)
    if READY not in log.read():
        return False
    try:
        return bool(urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok")
    except OSError:
        return False


def _settled(page: Any, drawn: str) -> None:
    page.wait_for_timeout(100)  # a run starts a moment after the input
    page.locator(SETTLED).wait_for(timeout=120_000)
    if drawn:
        page.locator(f"[data-testid='stMain'] {drawn}").first.wait_for(timeout=120_000)


class Received:
    """What the app's server sent the browser over its websocket (the pages' elements and data), in bytes."""

    def __init__(self, page: Any) -> None:
        self.bytes = 0
        page.on("websocket", lambda socket: socket.on("framereceived", self._add))

    def _add(self, payload: str | bytes) -> None:
        self.bytes += len(payload)

    def since(self, start: int) -> str:
        return f"{(self.bytes - start) / 1e6:,.2f} MB received"


def _visit(page: Any, url: str, heading: str, drawn: str) -> float:
    started = time.perf_counter()
    page.goto(url)
    if heading:
        page.get_by_role("heading", name=heading, exact=True).first.wait_for(timeout=120_000)
    else:
        page.locator("h1").first.wait_for(timeout=120_000)
    _settled(page, drawn)
    return time.perf_counter() - started


def _from_the_menu(page: Any, title: str, heading: str, drawn: str) -> float:
    """Open the page with a click in the app's menu, as a visitor moves between pages: the app is loaded
    already, so this is the page's own time, without the browser loading the app anew."""
    link = page.locator("[data-testid='stSidebar'] a[data-testid='stPageLink-NavLink']", has_text=title).first
    started = time.perf_counter()
    link.click()
    if heading:
        page.get_by_role("heading", name=heading, exact=True).first.wait_for(timeout=120_000)
    _settled(page, drawn)
    return time.perf_counter() - started


def _change_province(page: Any, drawn: str) -> float:
    box = page.locator("[data-testid='stSidebar']").get_by_role("combobox", name="Provincie").first
    box.click()
    page.keyboard.type(OTHER_PROVINCE)
    option = page.get_by_role("option", name=OTHER_PROVINCE).first
    option.wait_for(timeout=30_000)
    started = time.perf_counter()
    option.click()
    _settled(page, drawn)
    return time.perf_counter() - started


def _round(playwright: Any, server: str) -> list[tuple[str, float, str]]:
    """Every page's visits in one new browser (nothing cached): (case, seconds, what the browser received)."""
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync"],
    )  # fmt: skip
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    received = Received(page)
    timed: list[tuple[str, float, str]] = []
    for path, heading, drawn, has_province, menu in PAGES:
        name = path.split("?")[0]
        start = received.bytes
        first = _visit(page, f"{server}/{path}", heading, drawn)
        timed.append((f"{name}: first visit", first, received.since(start)))
        start = received.bytes
        again = _visit(page, f"{server}/{path}", heading, drawn)
        timed.append((f"{name}: next visit", again, received.since(start)))
        if menu:
            _from_the_menu(page, OVERVIEW_MENU, "", "")  # another page first, then this one by the menu
            start = received.bytes
            moved = _from_the_menu(page, menu, heading, drawn)
            timed.append((f"{name}: from the menu", moved, received.since(start)))
        if has_province:
            start = received.bytes
            changed = _change_province(page, drawn)
            timed.append((f"{name}: province filter", changed, received.since(start)))
    browser.close()
    return timed


def run(scales: list[float], browsers: int = 1) -> str:
    """Each case timed in ``browsers`` new browsers one after the other, against the same server: with more
    than one, its median, and the fastest and slowest visit beside it (a single visit varies by up to half a
    second on a machine without a graphics card)."""
    from playwright.sync_api import sync_playwright

    rows: list[Row] = []
    for scale in scales:
        store = demo_atlas(scale).settings.store
        group = f"scale {scale:g}"
        with _app(store) as server, sync_playwright() as playwright:
            rounds = [_round(playwright, server) for _ in range(browsers)]
        for index, (case, _, received) in enumerate(rounds[0]):
            seconds = sorted(timed[index][1] for timed in rounds)
            spread = f"; {seconds[0]:.2f}–{seconds[-1]:.2f} s in {browsers} browsers" if browsers > 1 else ""
            rows.append(Row(group, case, statistics.median(seconds), received + spread))
    title = "Pages in Chromium (python -m ui.serve, headless Chromium" + (
        f", median of {browsers} new browsers)" if browsers > 1 else ")"
    )
    return table(title, rows, baseline=BASELINE)
