"""End to end in a real headless Chromium against the app's server (`python -m ui.serve`): every page, hostile
data, accessibility."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from graph.intake.importer import import_path
from graph.settings import REPO_ROOT

from .browser import (
    OUTPUT,
    PASSWORD,
    covered_municipalities,
    fill_form,
    launch_chromium,
    open_card,
    open_page,
    received_code,
    running_app,
    seeded_store,
    settle,
    sign_in_and_approve,
)
from .conftest import TESTS

pytestmark = pytest.mark.browser
AXE = REPO_ROOT / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
PAGES = {
    "/": "Passend Werk Atlas",
    "/map": "Kaart",
    "/network": "Netwerk",
    "/organisation?org=evil-lib": "<img src=x onerror=alert(1)>",
    "/suggestions": "Suggesties",
    "/coverage": "Dekking",
    "/questions": "Vragen",
    "/examples": "Praktijkvoorbeelden",
}
# Nothing is left out: the sidebar's menu is the app's own (Streamlit's put headings inside its list).
FRAMEWORK_MARKUP: list[str] = []


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from graph.privacy.accounts import add_coordinator

    atlas, folder = seeded_store(tmp_path_factory, "browser")
    assert import_path(atlas, TESTS / "data" / "hostile").ok
    secrets = folder / "secrets.toml"
    add_coordinator("anna", "Anna de Vries", PASSWORD, secrets)
    with running_app(atlas.settings.store, str(secrets)) as url:
        yield url


@pytest.fixture(scope="module")
def browser_page(server: str):  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    OUTPUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.dialogs = []  # type: ignore[attr-defined]
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))  # type: ignore[attr-defined]
        yield page
        browser.close()


@pytest.mark.parametrize(("path", "heading"), PAGES.items(), ids=list(PAGES))
def test_page_shows_its_content_without_running_hostile_text(
    browser_page, server: str, path: str, heading: str
) -> None:  # type: ignore[no-untyped-def]
    open_page(browser_page, server, path, heading)
    name = path.strip("/").split("?")[0] or "overview"
    browser_page.screenshot(path=str(OUTPUT / f"{name}.png"))
    assert browser_page.dialogs == []
    assert browser_page.locator("[data-testid='stException']").count() == 0


def test_hostile_names_are_shown_as_text(browser_page, server: str) -> None:  # type: ignore[no-untyped-def]
    open_page(browser_page, server, "/organisation?org=evil-lib", "<img src=x onerror=alert(1)>")
    body = browser_page.locator("section.main, [data-testid='stMain']").first.inner_text()
    assert "<script>alert(1)</script>" in body
    assert "[link](javascript:alert(3))" in body
    assert browser_page.locator("img[src='x']").count() == 0
    assert browser_page.dialogs == []


def test_a_long_organisation_name_on_a_card_wraps_instead_of_being_cut(browser_page, server: str) -> None:  # type: ignore[no-untyped-def]
    """Regression: a card's link to a long-named organisation was cut mid-word without an ellipsis, and so was
    the overview's metric label "Inwoners in die gemeenten"."""
    open_page(browser_page, server, "/", "Passend Werk Atlas")
    wrapped = "[data-testid='stMain'] :is([data-testid='stPageLink-NavLink'], [data-testid='stMetricLabel'])"
    links = browser_page.locator(wrapped)
    assert "Zorgorganisatie met een naam die niet op één regel van een kaart past" in " ".join(links.all_inner_texts())
    cut = links.evaluate_all(
        """(labels) => labels.flatMap((label) => [label, ...label.querySelectorAll('*')])
            .filter((element) => element.scrollWidth > element.clientWidth + 1)
            .map((element) => element.innerText)"""
    )
    assert cut == []


def test_map_draws_without_internet(browser_page, server: str) -> None:  # type: ignore[no-untyped-def]
    open_page(browser_page, server, "/map", "Kaart")
    canvas = browser_page.locator("canvas").first
    canvas.wait_for(timeout=30_000)
    box = canvas.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 300
    assert "locaties en" in browser_page.locator("[data-testid='stMain']").inner_text()


def test_network_is_drawn_inline(browser_page, server: str) -> None:  # type: ignore[no-untyped-def]
    open_page(browser_page, server, "/network", "Netwerk")
    # The app's frame holds the drawing's own sandboxed frame, where vis-network draws on a canvas.
    frame = browser_page.frame_locator("iframe").first.frame_locator("iframe[sandbox='allow-scripts']")
    frame.locator("canvas").first.wait_for(timeout=30_000)
    assert browser_page.dialogs == []


#: The pages a partner, a coordinator and a policy maker reach beyond the menu's exploring pages.
MORE_PAGES = {
    "/submit": "Samenwerking toevoegen",
    "/review": "Beoordelen",
    "/factsheet?gemeente=GM0983": "Venlo",
}


def serious_violations(page) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    """What axe-core finds serious or critical on the page as it stands, the sidebar included."""
    if not AXE.exists():
        pytest.skip("axe-core is not installed (make test installs it with npm)")
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    found: list[dict[str, object]] = page.evaluate(
        """async (exclude) => (await axe.run({exclude: exclude.map(s => [s])}, {resultTypes: ['violations']}))
            .violations.filter(v => ['serious', 'critical'].includes(v.impact))
            .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}))""",
        FRAMEWORK_MARKUP,
    )
    return found


@pytest.mark.parametrize(("path", "heading"), [*PAGES.items(), *MORE_PAGES.items()], ids=[*PAGES, *MORE_PAGES])
def test_no_serious_accessibility_violations(browser_page, server: str, path: str, heading: str) -> None:  # type: ignore[no-untyped-def]
    open_page(browser_page, server, path, heading)
    violations = serious_violations(browser_page)
    assert violations == [], json.dumps(violations, indent=1)


def test_no_serious_accessibility_violations_on_an_open_review_card(browser_page, server: str) -> None:  # type: ignore[no-untyped-def]
    """The review as a coordinator reads it: signed in, a card open with its summary, story, contact and small
    map, and the correction editor shown. The card is rejected afterwards, so the other tests meet no extra card."""
    page = browser_page
    fill_form(page, server, "Stichting Leesbaar", "Deelnemers lezen voor in de bibliotheek.")
    page.get_by_role("button", name="Versturen").click()
    card = open_card(page, server, received_code(page))
    settle(page)
    card.get_by_text("Gegevens corrigeren en dan goedkeuren").first.click()  # the correction editor, for the rare case
    settle(page)
    page.wait_for_timeout(1500)  # the small map and the editor's tables draw after the run
    page.screenshot(path=str(OUTPUT / "review-card-open.png"))
    violations = serious_violations(page)
    card.get_by_role("textbox", name="Reden", exact=True).fill("Alleen voor de toegankelijkheidstest")
    card.get_by_role("button", name="Afwijzen", exact=True).click()
    page.get_by_text("Afgewezen: ").first.wait_for(timeout=60_000)
    assert violations == [], json.dumps(violations, indent=1)


def test_a_submission_through_the_form_is_reviewed_and_published(browser_page, server: str) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    before = covered_municipalities(page, server)
    fill_form(page, server, "Stichting Boekenbrug", "Deelnemers van Boekenbrug helpen in het Leescafé.")
    page.get_by_role("button", name="Versturen").click()
    code = received_code(page)
    assert code.startswith("PW-")
    page.screenshot(path=str(OUTPUT / "submit-done.png"))
    assert covered_municipalities(page, server) == before  # nothing is public before review

    sign_in_and_approve(page, server, code)
    page.screenshot(path=str(OUTPUT / "review.png"))

    assert covered_municipalities(page, server) == before + 1  # Amsterdam (Weesp) is now covered
    open_page(page, server, "/organisation?org=bibliotheek-weesp", "Bibliotheek Weesp")
    assert "Stichting Boekenbrug" in page.locator("[data-testid='stMain']").inner_text()
    open_page(page, server, "/map?municipality=GM0363", "Kaart")
    page.get_by_text("3 locaties en 2 samenwerkingen getoond.").wait_for(timeout=60_000)
    assert browser_page.dialogs == []
