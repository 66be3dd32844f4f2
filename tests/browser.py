"""What the browser tests share: the app's real server (`python -m ui.serve`, as `make run` starts it), Debian's
headless Chromium, and the steps a partner and a coordinator take in it. Every step waits until the app has
finished its run, not a fixed time, so a busy machine makes the tests slower, not red."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from graph.intake.setup import initialise
from graph.settings import REPO_ROOT, Settings
from graph.store.atlas import Atlas

from .conftest import SEED, reference_dir

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "een lang wachtwoord voor de test"
OUTPUT = REPO_ROOT / "test-output" / "browser"
SETTLED = "[data-testid='stApp'][data-test-script-state='notRunning']"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def seeded_store(tmp_path_factory: pytest.TempPathFactory, name: str) -> tuple[Atlas, Path]:
    """A store with the seed and reference data in a folder of its own, for one module's app; the module is skipped
    where Debian's Chromium is not installed."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (make test installs it)")
    folder = tmp_path_factory.mktemp(name)
    atlas = Atlas.open(Settings(store=str(folder / "store"), reference=reference_dir()))
    initialise(atlas, seed=SEED)
    return atlas, folder


@contextmanager
def running_app(store: str, secrets: str) -> Iterator[str]:
    """The app's server on a free local port; yields its address once it answers its health check."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "ui.serve", "--server.address", "127.0.0.1", "--server.port",
         str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=REPO_ROOT,
        env={**os.environ, "PASSENDWERK_STORE": store, "PASSENDWERK_SECRETS": secrets},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError("streamlit did not start within 60 s")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


@contextmanager
def chromium_browser() -> Iterator[Any]:
    """One Chromium for a module's tests; each test opens its own context in it (its own cookies, storage and
    cache, as a new private window), which costs a fraction of starting the browser again."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            yield browser
        finally:
            browser.close()


def launch_chromium(playwright):  # type: ignore[no-untyped-def]
    """Debian's Chromium, headless, without the background requests this machine's closed network refuses."""
    return playwright.chromium.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync"],
    )  # fmt: skip


def settle(page) -> None:  # type: ignore[no-untyped-def]
    """Wait until the app has run the script for the last input (a run starts a moment after the input)."""
    page.wait_for_timeout(300)
    page.locator(SETTLED).wait_for(timeout=60_000)


def open_page(page, server: str, path: str, heading: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + path)
    page.get_by_role("heading", name=heading, exact=True).first.wait_for(timeout=60_000)
    settle(page)
    page.wait_for_timeout(1500)  # maps, the network and tables draw in the browser after the run


def choose(page, label: str, index: int, text: str) -> None:  # type: ignore[no-untyped-def]
    """Pick an option in a Streamlit select box by typing part of its text."""
    page.get_by_role("combobox", name=label).nth(index).click()
    page.keyboard.type(text)
    page.get_by_role("option", name=text).first.click()
    settle(page)


def type_into(page, label: str, text: str) -> None:  # type: ignore[no-untyped-def]
    """Fill a one-line text field and send it, as Enter does."""
    page.get_by_role("textbox", name=label, exact=True).first.fill(text)
    page.keyboard.press("Enter")
    settle(page)


def fill_form(page, server: str, new_care: str, story: str) -> None:  # type: ignore[no-untyped-def]
    """A partner tells of Bibliotheek Weesp's collaboration with a care organisation new to the atlas."""
    open_page(page, server, "/submit", "Samenwerking toevoegen")
    type_into(page, "Zoek op naam", "de bibliotheek weesp")
    choose(page, "Kies de locatie", 0, "Bibliotheek Weesp — Bibliotheek Weesp met Leescafé (Weesp)")
    choose(page, "Kies de locatie", 1, "+ Nieuwe organisatie toevoegen")
    type_into(page, "Naam", new_care)
    type_into(page, "Plaats", "Weesp")
    page.get_by_text("Punt ingevuld vanuit de plaats").first.wait_for(timeout=30_000)
    # Enter in a text area starts a new line; the story is sent when the next field takes the focus
    page.get_by_role("textbox", name="Het verhaal", exact=True).fill(story)
    type_into(page, "Uw e-mailadres (voor vragen over de inzending)", "partner@example.org")


def received_code(page) -> str:  # type: ignore[no-untyped-def]
    confirmation = page.get_by_text("Uw inzending is ontvangen met referentiecode")
    confirmation.wait_for(timeout=60_000)
    # The confirmation is drawn during the run; the form's old elements stay on screen until the run ends.
    settle(page)
    return str(confirmation.inner_text().split("referentiecode")[1].split()[0].strip("."))


def sign_in(page) -> None:  # type: ignore[no-untyped-def]
    """Sign in as the coordinator in the sidebar's box, unless signed in already."""
    # A page may draw the box after its slow parts (Suggesties, after the suggestions): a look before the
    # script has finished found no box, and the test went on signed out. So the box is waited for, signed in or
    # not (on a busy server a run may start later than settle's first look).
    settle(page)
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_text(re.compile("Aanmelden coördinator|Aangemeld als")).first.wait_for(timeout=60_000)
    # Once more if the first sign-in did not take: on a busy machine (three test workers) a page that was still
    # running drew the box anew under the pointer, and the click on "Aanmelden" reached nothing.
    for attempt in range(2):
        if not page.get_by_text("Aanmelden coördinator").count():
            return
        box = page.locator("[data-testid='stSidebar'] details").filter(has_text="Aanmelden coördinator").first
        if box.get_attribute("open") is None:  # open already on the review page: a click would close it
            page.get_by_text("Aanmelden coördinator").click()
        # Regression: the name and password were separate inputs, and a click right after typing could
        # reach the app before them; the sign-in is a form now, which sends all three at once.
        page.get_by_role("textbox", name="Gebruikersnaam", exact=True).fill("anna")
        page.get_by_role("textbox", name="Wachtwoord", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Aanmelden", exact=True).click()
        settle(page)
        try:
            sidebar.get_by_text("Aangemeld als").first.wait_for(timeout=30_000 if attempt == 0 else 60_000)
            return
        except Exception:
            if attempt:
                raise
            settle(page)


def open_card(page, server: str, code: str):  # type: ignore[no-untyped-def]
    """Sign in on the review and open the card of the submission ``code``; the card."""
    open_page(page, server, "/review", "Beoordelen")
    sign_in(page)
    # A pending submission is titled with its two organisations; its code is inside the panel, hidden while
    # the panel is closed (with two pending, both are closed).
    pending = page.locator("[data-testid='stExpander']").filter(has_text=code)
    pending.first.wait_for(timeout=60_000)
    settle(page)
    # With one submission pending its panel is open already; a click on its title would close it again.
    if pending.locator("details").first.get_attribute("open") is None:
        pending.locator("summary").first.click()
    return pending


def sign_in_and_approve(page, server: str, code: str) -> None:  # type: ignore[no-untyped-def]
    pending = open_card(page, server, code)
    approve = pending.get_by_role("button", name="Goedkeuren", exact=True)
    # the decision is confirmed by name once the page has run again ("Goedgekeurd en gepubliceerd: … · PW-….")
    confirmed = page.get_by_text(f"· {code}.").first
    for _ in range(3):
        approve.click()
        settle(page)
        try:
            confirmed.wait_for(timeout=20_000)
            break
        except Exception:
            if not approve.count():
                break
        # Twenty seconds later the page had not run and the card is still there, undecided: on a busy machine the
        # card's map can still be drawn under the pointer, and the click then reaches no button. It is made again.
    try:
        confirmed.wait_for(timeout=60_000)
    except Exception:
        # What the page showed instead, for whoever reads the failure.
        page.screenshot(path=str(OUTPUT / f"approve-{code}-failed.png"), full_page=True)
        print(page.locator("[data-testid='stMain']").inner_text())
        raise
    settle(page)


def covered_municipalities(page, server: str) -> int:  # type: ignore[no-untyped-def]
    open_page(page, server, "/", "Passend Werk Atlas")
    metric = page.locator("[data-testid='stMetric']", has_text="Gedekte gemeenten")
    return int(metric.locator("[data-testid='stMetricValue']").inner_text())
