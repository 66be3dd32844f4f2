"""The partner form, the review card, Vragen, Suggesties and the cards in real Chromium, with screenshots."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from .browser import OUTPUT, choose, fill_form, open_page, received_code, settle, sign_in
from .test_browser import browser_page, server

__all__ = ["browser_page", "server"]  # fixtures, shared with the other browser tests
pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_the_form_shows_all_problems_locks_after_sending_and_the_card_reads_well(  # type: ignore[no-untyped-def]
    browser_page, server: str
) -> None:
    page = browser_page
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    open_page(page, server, "/submit", "Samenwerking toevoegen")
    page.get_by_role("button", name="Versturen").click()
    settle(page)
    main = page.locator("[data-testid='stMain']")
    main.get_by_text("Niet verstuurd").wait_for(timeout=60_000)
    assert main.get_by_text("Kies een locatie, of voeg een nieuwe organisatie toe.").count() == 2
    assert main.get_by_text("Vul een geldig e-mailadres in.").count() == 1
    page.screenshot(path=str(OUTPUT / "submit-problems.png"), full_page=True)

    fill_form(page, server, "Stichting Leesbrug", "Deelnemers van Leesbrug zetten boeken terug.")
    page.get_by_role("button", name="Versturen").click()
    code = received_code(page)
    assert page.get_by_role("button", name="Versturen").count() == 0  # locked: nothing can be sent twice
    assert page.get_by_role("button", name="Nog een samenwerking toevoegen").count() == 1
    page.screenshot(path=str(OUTPUT / "submit-locked.png"))

    open_page(page, server, "/review", "Beoordelen")
    sign_in(page)
    card = page.locator("[data-testid='stExpander']").filter(has_text=code)
    card.get_by_text("werkt samen met Stichting Leesbrug").first.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)  # the new site's small map
    page.screenshot(path=str(OUTPUT / "review-card.png"), full_page=True)
    assert "Bibliotheek Weesp × Stichting Leesbrug" in card.inner_text()
    # Regression: the form's preview map and the card's small map fetched a map style from a map provider.
    elsewhere = [url for url in asked if urlsplit(url).scheme not in {"data", "about", "blob"}]
    elsewhere = [url for url in elsewhere if urlsplit(url).hostname != "127.0.0.1"]
    assert asked and elsewhere == []


def test_cards_show_whole_names_and_suggestions_their_reasons(browser_page, server: str) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    open_page(page, server, "/examples", "Praktijkvoorbeelden")
    links = page.locator("[data-testid='stPageLink'] p")
    assert links.count() > 0
    clipped = links.evaluate_all("(nodes) => nodes.filter(n => n.scrollWidth > n.clientWidth + 1).length")
    assert clipped == 0
    page.screenshot(path=str(OUTPUT / "examples-cards.png"))

    open_page(page, server, "/suggestions?radius=50", "Suggesties")
    assert "Waarom deze suggestie" in page.locator("[data-testid='stMain']").inner_text()
    page.screenshot(path=str(OUTPUT / "suggestions-reasons.png"))


def _hint_as_read(page, field) -> tuple[str, bool]:  # type: ignore[no-untyped-def]
    """What the hint under a field being typed in says (the text drawn in place of Streamlit's), and whether
    Streamlit's own English text is still seen."""
    field.click()
    page.keyboard.type("ab")
    hints = page.locator("[data-testid='InputInstructions']").filter(has=page.locator("span"))
    hints.first.wait_for(timeout=10_000)
    drawn = hints.first.evaluate("(element) => getComputedStyle(element, '::before').content")
    return drawn, hints.first.locator("span").first.is_visible()


def test_typing_hints_are_in_dutch_on_dutch_pages(browser_page, server: str) -> None:  # type: ignore[no-untyped-def]
    """Regression: under every field of the Dutch form being typed in stood Streamlit's "Press Enter to apply"."""
    page = browser_page
    open_page(page, server, "/submit", "Samenwerking toevoegen")
    assert _hint_as_read(page, page.get_by_role("textbox", name="Zoek op naam").first) == (
        '"Enter om toe te passen"',
        False,
    )
    page.screenshot(path=str(OUTPUT / "submit-typing-hint.png"))
    assert _hint_as_read(page, page.get_by_role("textbox", name="Het verhaal", exact=True)) == (
        '"Ctrl+Enter (Mac: ⌘+Enter) om toe te passen"',
        False,
    )
    # The partner's fields have no counter (a paste past a limit was dropped): the hint stands alone, in Dutch
    assert "/" not in page.locator("[data-testid='InputInstructions']").last.inner_text()
    long_name = "Zorgorganisatie " + "Heel Lange Naam " * 20
    search = page.get_by_role("textbox", name="Zoek op naam").first
    search.fill(long_name)  # as a paste: all at once, longer than a name may be (the check says so on sending)
    assert search.input_value() == long_name
    if page.get_by_text("Aanmelden coördinator").count():
        page.get_by_text("Aanmelden coördinator").click()
    username = page.get_by_role("textbox", name="Gebruikersnaam", exact=True)
    assert _hint_as_read(page, username) == ('"Enter om te versturen"', False)

    open_page(page, server, "/submit?lang=en", "Add a collaboration")
    drawn, english_seen = _hint_as_read(page, page.get_by_role("textbox", name="Search by name").first)
    assert drawn == "none" and english_seen


def test_follow_up_is_recorded_for_the_suggestion_clicked_in_the_table(browser_page, server: str) -> None:  # type: ignore[no-untyped-def]
    """Regression: after a click on a row of the table, the reasons shown were that row's, but the follow-up
    stayed on the first suggestion, and "Opgeslagen." was said for that one."""
    page = browser_page
    open_page(page, server, "/suggestions?radius=50", "Suggesties")
    sign_in(page)
    main = page.locator("[data-testid='stMain']")
    reasons = main.locator("p").filter(has_text="Waarom deze suggestie")
    follow_up = main.get_by_role("combobox", name="Suggestie")
    follow_up.wait_for(timeout=60_000)
    first = reasons.first.inner_text().split(" · ")[0].strip()
    grid = main.locator("[data-testid='stDataFrame']").first
    box = grid.bounding_box()
    from ui.components import ROW_HEIGHT, WRAPPING_ROW_HEIGHT

    # the second row's selection box, under the heading and the first row (rows are tall enough for names to wrap)
    page.mouse.click(box["x"] + 12, box["y"] + ROW_HEIGHT + WRAPPING_ROW_HEIGHT * 1.5)
    settle(page)
    from playwright.sync_api import expect

    # The reasons follow the click once the run it starts has ended: on a busy machine seconds later.
    expect(reasons.first).not_to_contain_text(first + " · ", timeout=20_000)
    clicked = reasons.first.inner_text().split(" · ")[0].strip()
    assert clicked != first

    # the select box shows the value the run gave it a moment after the run has ended, on a busy machine later
    # (with where and how far apart: "A × B (Venlo, 1,2 km)"; each long name cut in its middle, its start kept)
    library = re.escape(clicked.split(" × ")[0][:20])
    expect(follow_up).to_have_value(re.compile(f"^{library}.* × .* \\("), timeout=10_000)
    page.screenshot(path=str(OUTPUT / "suggestions-follow-up-of-the-clicked-row.png"))


# Last in this module: it declines a suggestion of the module's store.
def test_after_a_declined_suggestion_the_next_save_goes_to_the_pair_shown(browser_page, server: str) -> None:  # type: ignore[no-untyped-def]
    """Regression: the chooser held a pair by its place in the list. A declined pair leaves the list; the chooser
    went on showing it, and the next save went to the pair that had taken its place."""
    from playwright.sync_api import expect

    page = browser_page
    open_page(page, server, "/suggestions?radius=50", "Suggesties")
    sign_in(page)
    main = page.locator("[data-testid='stMain']")
    follow_up = main.get_by_role("combobox", name="Suggestie")
    follow_up.wait_for(timeout=60_000)
    settle(page)
    follow_up.click()
    if not page.get_by_role("option").count():
        page.keyboard.press("ArrowDown")  # the list opens on a click or on the arrow key
    second = page.get_by_role("option").nth(1)
    declined = second.inner_text().strip()
    second.click()
    settle(page)
    expect(follow_up).to_have_value(declined, timeout=10_000)
    choose(page, "Opvolging", 0, "Afgewezen")
    main.get_by_role("button", name="Opslaan", exact=True).click()
    settle(page)
    expect(main.get_by_text(f"Opgeslagen: {declined}, afgewezen.")).to_be_visible(timeout=20_000)
    expect(follow_up).not_to_have_value(declined, timeout=10_000)  # it left the list, and the chooser with it
    shown = follow_up.input_value()
    choose(page, "Opvolging", 0, "In gesprek")
    main.get_by_role("button", name="Opslaan", exact=True).click()
    settle(page)
    expect(main.get_by_text(f"Opgeslagen: {shown}, in gesprek.")).to_be_visible(timeout=20_000)
    page.screenshot(path=str(OUTPUT / "suggestions-after-a-decline.png"))


def _sideways(page) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """Each table's full width and the width it is shown in, in pixels."""
    page.locator("[data-testid='stDataFrame'] .dvn-scroller").first.wait_for(timeout=60_000)
    page.wait_for_timeout(1000)  # the grids size their columns once drawn
    return [
        tuple(widths)
        for widths in page.evaluate(
            "() => [...document.querySelectorAll(\"[data-testid='stDataFrame'] .dvn-scroller\")]"
            ".map(grid => [grid.scrollWidth, grid.clientWidth])"
        )
    ]


def test_tables_fit_a_screen_1280_pixels_wide_without_scrolling_sideways(browser_page, server: str) -> None:  # type: ignore[no-untyped-def]
    """Regression: at 1,280 pixels the suggestions (their reasons, a coordinator's follow-up) and the tables of
    Dekking (the provinces with their English headings, the municipalities) ran past the page's right edge: they
    scrolled sideways and hid their last column."""
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    try:
        for path, heading in (("/coverage", "Dekking"), ("/coverage?lang=en", "Coverage")):
            open_page(page, server, path, heading)
            tables = _sideways(page)
            assert len(tables) >= 3 and all(full <= shown + 1 for full, shown in tables), (path, tables)
        open_page(page, server, "/suggestions?radius=50", "Suggesties")
        sign_in(page)
        page.locator("[data-testid='stMain']").get_by_role("combobox", name="Suggestie").wait_for(timeout=60_000)
        tables = _sideways(page)
        assert tables and all(full <= shown + 1 for full, shown in tables), tables
        assert "Vink een rij aan: de redenen" in page.locator("[data-testid='stMain']").inner_text()
        page.screenshot(path=str(OUTPUT / "suggestions-1280.png"))
    finally:
        page.set_viewport_size({"width": 1400, "height": 1000})
