"""Two app replicas against one SPARQL server: partners submit at the same moment on different replicas, a
coordinator reviews on either, and both replicas show the result. Real `streamlit run` processes, a real
Oxigraph server, a real headless Chromium."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.accounts import add_coordinator
from graph.settings import REPO_ROOT
from graph.submissions import submissions

from .conftest import SEED, ServerPool, fresh_server_atlas, reference_dir
from .test_browser import CHROMIUM, OUTPUT, PASSWORD, choose, free_port, launch_chromium, open_page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def replicas(server_pool: ServerPool, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (make test installs it)")
    atlas = fresh_server_atlas(server_pool, "oxigraph", None, reference_dir())
    atlas.initialise(seed=SEED)
    secrets = tmp_path_factory.mktemp("replicas") / "secrets.toml"
    add_coordinator("anna", "Anna de Vries", PASSWORD, secrets)
    processes, urls = [], []
    for _ in range(2):
        port = free_port()
        processes.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "streamlit",
                    "run",
                    "app.py",
                    "--server.address",
                    "127.0.0.1",
                    "--server.port",
                    str(port),
                    "--server.headless",
                    "true",
                    "--browser.gatherUsageStats",
                    "false",
                ],
                cwd=REPO_ROOT,
                env={**os.environ, "PASSENDWERK_STORE": atlas.settings.store, "PASSENDWERK_SECRETS": str(secrets)},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )  # fmt: skip
        )
        urls.append(f"http://127.0.0.1:{port}")
    for url in urls:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.3)
    yield atlas.settings.store, urls
    for process in processes:
        process.terminate()
        process.wait(timeout=20)


def fill_form(page, server: str, story: str) -> None:  # type: ignore[no-untyped-def]
    open_page(page, server, "/submit", "Samenwerking toevoegen")
    page.get_by_role("textbox", name="Zoek op naam", exact=True).nth(0).fill("de bibliotheek weesp")
    page.keyboard.press("Enter")
    page.wait_for_timeout(1000)
    choose(page, "Kies de locatie", 0, "Bibliotheek Weesp — Bibliotheek Weesp met Leescafé (Weesp)")
    choose(page, "Kies de locatie", 1, "+ Nieuwe organisatie toevoegen")
    page.get_by_role("textbox", name="Naam", exact=True).first.fill(story)
    page.keyboard.press("Enter")
    page.get_by_role("textbox", name="Plaats", exact=True).first.fill("Weesp")
    page.keyboard.press("Enter")
    page.wait_for_timeout(1500)
    page.get_by_role("textbox", name="Het verhaal", exact=True).fill(f"Het verhaal van {story}.")
    page.get_by_role("textbox", name="Uw e-mailadres (voor vragen over de inzending)", exact=True).fill(
        "partner@example.org"
    )
    page.keyboard.press("Enter")
    page.wait_for_timeout(800)


def received_code(page) -> str:  # type: ignore[no-untyped-def]
    confirmation = page.get_by_text("Uw inzending is ontvangen met referentiecode")
    confirmation.wait_for(timeout=30_000)
    return str(confirmation.inner_text().split("referentiecode")[1].split()[0].strip("."))


def sign_in_and_approve(page, server: str, code: str) -> None:  # type: ignore[no-untyped-def]
    open_page(page, server, "/review", "Beoordelen")
    if page.get_by_text("Aanmelden coördinator").count():
        page.get_by_text("Aanmelden coördinator").click()
        page.get_by_role("textbox", name="Gebruikersnaam", exact=True).fill("anna")
        page.get_by_role("textbox", name="Wachtwoord", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Aanmelden", exact=True).click()
    page.get_by_text(code).first.wait_for(timeout=30_000)
    pending = page.locator("[data-testid='stExpander']").filter(has_text=code)
    # With one submission pending its panel is open already; a click on its title would close it again.
    if pending.locator("details").first.get_attribute("open") is None:
        pending.get_by_text(code).first.click()
    pending.get_by_role("button", name="Goedkeuren", exact=True).click()
    page.get_by_text("Besluiten").wait_for(timeout=30_000)
    page.wait_for_timeout(1500)


def test_two_replicas_share_one_server_and_lose_nothing(replicas: tuple[str, list[str]]) -> None:
    from playwright.sync_api import sync_playwright

    from graph.atlas import Atlas
    from graph.settings import Settings

    store, (first, second) = replicas
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page_one = browser.new_page(viewport={"width": 1400, "height": 1000})
        page_two = browser.new_page(viewport={"width": 1400, "height": 1000})
        fill_form(page_one, first, "Stichting Eerste Replica")
        fill_form(page_two, second, "Stichting Tweede Replica")
        # both forms are sent before either answer is read: two app processes write at the same time
        page_one.get_by_role("button", name="Versturen").click()
        page_two.get_by_role("button", name="Versturen").click()
        code_one, code_two = received_code(page_one), received_code(page_two)
        assert code_one != code_two

        # each replica's coordinator approves the submission that arrived through the other replica
        sign_in_and_approve(page_one, first, code_two)
        sign_in_and_approve(page_two, second, code_one)
        page_two.screenshot(path=str(OUTPUT / "replicas-review.png"))

        for page, server in ((page_one, first), (page_two, second)):
            open_page(page, server, "/organisation?org=bibliotheek-weesp", "Bibliotheek Weesp")
            shown = page.locator("[data-testid='stMain']").inner_text()
            assert "Stichting Eerste Replica" in shown and "Stichting Tweede Replica" in shown
        browser.close()

    atlas = Atlas.open(Settings(store=store))
    states = {row["code"]: row["state"] for row in submissions(atlas.store, atlas.library)}
    assert states == {code_one: "approved", code_two: "approved"}
