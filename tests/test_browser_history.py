"""The browser's Back and Forward buttons in a real headless Chromium: each change of a filter, the question, the
organisation or the language is one step in the history, and going back shows the page as it was, its controls
included, without a notice about the address."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .browser import choose, launch_chromium, running_app, seeded_store, settle

pytestmark = pytest.mark.browser
NOTICE = "Het adres bevat"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    atlas, folder = seeded_store(tmp_path_factory, "history")
    with running_app(atlas.settings.store, str(folder / "secrets.toml")) as url:
        yield url


@pytest.fixture
def page(server: str) -> Iterator[Any]:
    """A new tab per test: each starts with a history of its own."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser.new_page(viewport={"width": 1400, "height": 1000})
        browser.close()


def _visit(page: Any, server: str, path: str) -> None:
    page.goto(server + path)
    settle(page)


def _back(page: Any) -> None:
    page.go_back()
    settle(page)


def _forward(page: Any) -> None:
    page.go_forward()
    settle(page)


def _shown(page: Any, *labels: str) -> tuple[str, ...]:
    """The address after the page's name, and what each named box shows."""
    address = page.url.split("/")[-1]
    return (address, *(page.get_by_role("combobox", name=label).first.input_value() for label in labels))


@pytest.mark.parametrize("path", ["coverage", "suggestions"])
def test_back_undoes_one_filter_change_at_a_time_and_forward_redoes_it(page: Any, server: str, path: str) -> None:
    """Regression: after Limburg and then Utrecht, Back stayed on Utrecht (the box kept its choice and wrote it
    into the address again). After Venlo and then Utrecht, Back landed on an in-between address (the province
    written, then the municipality let go: two steps) and showed a notice about it."""
    _visit(page, server, f"/{path}")
    choose(page, "Provincie", 0, "Limburg")
    choose(page, "Gemeente", 0, "Venlo")
    choose(page, "Provincie", 0, "Utrecht")
    steps = [f"{path}?province=PV31", f"{path}?province=PV31&municipality=GM0983", f"{path}?province=PV26"]
    assert _shown(page, "Provincie", "Gemeente") == (steps[2], "Utrecht", "Alle")
    _back(page)
    assert _shown(page, "Provincie", "Gemeente") == (steps[1], "Limburg", "Venlo")
    assert page.get_by_text(NOTICE).count() == 0
    _back(page)
    assert _shown(page, "Provincie", "Gemeente") == (steps[0], "Limburg", "Alle")
    _forward(page)
    _forward(page)
    assert _shown(page, "Provincie", "Gemeente") == (steps[2], "Utrecht", "Alle")
    assert page.get_by_text(NOTICE).count() == 0


def test_back_after_choosing_english_shows_the_dutch_page_again(page: Any, server: str) -> None:
    _visit(page, server, "/map")
    choose(page, "Provincie", 0, "Limburg")
    page.get_by_text("English", exact=True).first.click()
    settle(page)
    assert page.get_by_role("heading", name="Map", exact=True).count() == 1
    _back(page)
    assert page.get_by_role("heading", name="Kaart", exact=True).count() == 1
    assert _shown(page, "Provincie") == ("map?province=PV31", "Limburg")


def test_back_goes_to_the_question_and_the_filters_before(page: Any, server: str) -> None:
    """Another question opens without the filters of the one before; going back to it brings its filters back."""
    _visit(page, server, "/questions")
    first = page.get_by_role("combobox", name="Vraag").first.input_value()
    choose(page, "Vraag", 0, "Samenwerkingen per gemeente")
    choose(page, "Provincie", 0, "Gelderland")
    choose(page, "Vraag", 0, first)
    _back(page)
    assert _shown(page, "Provincie")[1] == "Gelderland"
    assert "p_province_code=PV25" in page.url
    _back(page)
    assert _shown(page, "Provincie")[1] == "Alle"
    _back(page)
    assert _shown(page, "Vraag") == ("questions", first)


def test_back_shows_the_organisation_chosen_before(page: Any, server: str) -> None:
    _visit(page, server, "/organisation")
    choose(page, "Kies een organisatie", 0, "Abrona")
    choose(page, "Kies een organisatie", 0, "Bibliotheek Venlo")
    _back(page)
    assert page.get_by_role("heading", name="Abrona", exact=True).count() == 1
    assert _shown(page, "Kies een organisatie") == ("organisation?org=abrona", "Abrona · Zorgorganisatie")


@pytest.mark.parametrize("path", ["map", "network", "suggestions", "questions", "questions?q=stats"])
def test_arriving_on_a_page_is_one_step_in_the_history(page: Any, server: str, path: str) -> None:
    """Regression: a page wrote the value it starts with into the address on arrival (``?radius=15``, the first
    question, the busiest province), a second step that Back only went back to the same page from."""
    _visit(page, server, f"/{path}")
    page.wait_for_timeout(1000)
    assert page.evaluate("history.length") == 2  # the blank tab, then the page
    assert page.url.endswith(f"/{path}")


def test_an_english_reader_stays_in_english_through_the_menu_and_the_links(page: Any, server: str) -> None:
    """Regression: once a page followed its address, the menu and the links to an organisation (whose addresses
    did not say the language) opened the next page in Dutch for an English reader."""
    _visit(page, server, "/map?lang=en")
    page.locator("[data-testid='stSidebar']").get_by_role("link", name="Coverage", exact=True).click()
    settle(page)
    assert page.get_by_role("heading", name="Coverage", exact=True).count() == 1 and "lang=en" in page.url
    _visit(page, server, "/organisation?org=abrona&lang=en")
    page.get_by_role("link", name="Bibliotheek Woerden").first.click()
    settle(page)
    assert page.get_by_role("heading", name="Bibliotheek Woerden", exact=True).count() == 1
    assert page.get_by_role("combobox", name="Choose an organisation").count() == 1
    _back(page)
    assert page.get_by_role("heading", name="Abrona", exact=True).count() == 1
    assert page.get_by_role("combobox", name="Choose an organisation").count() == 1


def test_back_on_the_area_profile_shows_the_area_before(page: Any, server: str) -> None:
    """Regression: on *Gebiedsprofiel*, Back from Arnhem to Woerden showed Arnhem again and wrote it into the
    address as a new step, which also lost Forward."""
    _visit(page, server, "/factsheet")
    search = "Zoek een gemeente of provincie"
    choose(page, search, 0, "Utrecht (provincie)")
    choose(page, search, 0, "Woerden (gemeente, Utrecht)")
    choose(page, search, 0, "Arnhem (gemeente, Gelderland)")
    _back(page)
    assert page.get_by_role("heading", name="Woerden", exact=True).count() == 1
    assert _shown(page, search) == ("factsheet?gemeente=GM0632", "Woerden (gemeente, Utrecht)")
    _back(page)
    assert page.get_by_role("heading", name="Utrecht", exact=True).count() == 1
    _forward(page)
    _forward(page)
    assert page.get_by_role("heading", name="Arnhem", exact=True).count() == 1


def test_a_menu_link_clicked_right_after_arriving_adds_one_step(page: Any, server: str) -> None:
    """Regression: a page that had just been opened with a filter, left at once through the menu, sometimes left a
    step of itself without its filter (``/map``) between the two: Back then showed the map unfiltered. The app
    wrote an unchanged address at the end of the new page's run, which the browser took for the old page's."""
    for attempt in range(6):
        page.goto("about:blank")
        _visit(page, server, "/map?province=PV26")
        page.wait_for_timeout(900)  # the map drawn
        before = page.evaluate("history.length")
        page.locator("[data-testid='stSidebar']").get_by_role("link", name="Overzicht", exact=True).click()
        settle(page)
        page.wait_for_timeout(900)
        assert page.evaluate("history.length") == before + 1, attempt
        _back(page)
        assert page.url.endswith("/map?province=PV26"), (attempt, page.url)
