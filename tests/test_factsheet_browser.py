"""Area profiles in a real headless Chromium: the Venlo page with the seed data (the README's screenshot), the
way there from the map, and the HTML report printed by the browser on exactly one A4."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from graph.intake.setup import initialise
from graph.settings import Settings
from graph.store.atlas import Atlas
from graph.views.factsheet import FactsheetSource
from graph.views.factsheet_report import render

from .browser import CHROMIUM, OUTPUT, launch_chromium, open_page, running_app, settle
from .conftest import SEED, reference_dir

pytestmark = pytest.mark.browser
LONG_NAME = "Stichting Openbare Bibliotheek Maas en Peel en omstreken, vestiging Centrum"


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Atlas:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (make test installs it)")
    folder = tmp_path_factory.mktemp("factsheet-browser")
    atlas = Atlas.open(Settings(store=str(folder / "store"), reference=reference_dir()))
    initialise(atlas, seed=SEED)
    return atlas


@pytest.fixture(scope="module")
def chromium(seed_store: Atlas) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    OUTPUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


def test_profile_page_of_venlo_and_the_way_there_from_the_map(seed_store: Atlas, chromium, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    secrets = tmp_path / "secrets.toml"
    secrets.write_text("", encoding="utf-8")
    with running_app(seed_store.settings.store, str(secrets)) as server:
        page = chromium.new_page(viewport={"width": 1280, "height": 2900})
        asked: list[str] = []
        page.on("request", lambda request: asked.append(request.url))
        open_page(page, server, "/factsheet?gemeente=GM0983", "Venlo")
        body = page.locator("body").inner_text()
        assert "Venlo: 2 bibliotheeklocaties, 2 zorglocaties, 2 actieve samenwerkingen" in body
        assert "Daelzicht" in body and "Open kansen" in body and "Rapport downloaden" in body
        settle(page)  # the report is made on the click, from the buttons of the page's last run
        try:
            with page.expect_download(timeout=45_000) as download:
                page.get_by_role("button", name="PDF (één A4)").click()
        except Exception:  # once in a loaded CI run the click gave no file; a reader would click again
            settle(page)
            with page.expect_download(timeout=45_000) as download:
                page.get_by_role("button", name="PDF (één A4)").click()
        assert download.value.suggested_filename == "gebiedsprofiel-venlo.pdf"
        assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
        page.locator("[data-testid='stDeckGlJsonChart'] canvas").first.wait_for(timeout=30_000)
        page.wait_for_timeout(3000)  # the map and the chart draw in the browser after the run
        page.screenshot(path=str(OUTPUT / "factsheet-venlo.png"))
        # Regression: the profile's map fetched its style from a map provider; the page asks only the app.
        elsewhere = [url for url in asked if urlsplit(url).scheme not in {"data", "about", "blob"}]
        assert asked and [url for url in elsewhere if urlsplit(url).hostname != "127.0.0.1"] == []
        open_page(page, server, "/map?municipality=GM0983", "Kaart")
        page.get_by_role("link", name="Profiel van Venlo").click()
        page.get_by_role("heading", name="Venlo", exact=True).wait_for(timeout=60_000)
        settle(page)
        assert "gemeente=GM0983" in page.url
        page.close()


def printed_pages(chromium, html: str, name: str) -> int:  # type: ignore[no-untyped-def]
    """Chromium prints the page on A4 (as a person's print dialog would) and says how many pages it took."""
    page = chromium.new_page()
    page.set_content(html)
    page.screenshot(path=str(OUTPUT / f"{name}.png"), full_page=True)
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    page.close()
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def test_html_report_prints_on_one_a4(seed_store: Atlas, chromium) -> None:  # type: ignore[no-untyped-def]
    source = FactsheetSource(seed_store)
    for code in ("GM0983", "PV31"):
        html = render(source.factsheet(code), "html", "nl", "https://atlas.example.org").decode()
        assert printed_pages(chromium, html, f"factsheet-report-{code}") == 1


def test_html_report_with_the_most_content_still_prints_on_one_a4(  # type: ignore[no-untyped-def]
    tiny_atlas: Atlas, chromium
) -> None:
    sheet = FactsheetSource(tiny_atlas).factsheet("GM0983")
    sheet.collaborations = sheet.collaborations.iloc[[0] * 12].assign(
        description="Een lang verhaal. " * 60, library=LONG_NAME, care_organisation=LONG_NAME
    )
    sheet.chances = (
        sheet.chances.iloc[[0] * 5]
        .assign(reasons="reden; " * 40, library_organisation=LONG_NAME, care_organisation=LONG_NAME)
        .reset_index(drop=True)
    )
    sheet.trend = sheet.trend.iloc[[0] * 20].assign(year=range(2007, 2027)).reset_index(drop=True)
    html = render(sheet, "html", "en", "https://atlas.example.org").decode()
    assert printed_pages(chromium, html, "factsheet-report-fullest") == 1
