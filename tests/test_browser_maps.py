"""The maps and the network in a real headless Chromium, as a policy officer looks at them: the map zooms to the
chosen area, a library and a care site on one point are both seen, the coverage tooltip stays inside the map,
and the network labels only its main organisations. Screenshots go to test-output/browser/ (the README links
them)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from graph.views.network_drawing import LABEL_THRESHOLD, MAIN_FONT

from .browser import OUTPUT, choose, launch_chromium, open_page, running_app, seeded_store

pytestmark = pytest.mark.browser
DRAWING = "Netwerktekening van bibliotheken en zorgorganisaties"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    atlas, folder = seeded_store(tmp_path_factory, "maps")
    with running_app(atlas.settings.store, str(folder / "secrets.toml")) as url:
        yield url


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    OUTPUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser.new_page(viewport={"width": 1400, "height": 1000})
        browser.close()


def _map_canvas(page: Any) -> Any:
    canvas = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first
    canvas.wait_for(timeout=30_000)
    return canvas


def _pixel_colours(page: Any, canvas: Any) -> set[tuple[int, int, int]]:
    """The colours drawn on the map (deck.gl draws with WebGL; a screenshot is what the visitor sees)."""
    from io import BytesIO

    from PIL import Image

    data = Image.open(BytesIO(canvas.screenshot())).convert("RGB").tobytes()
    return {(data[i], data[i + 1], data[i + 2]) for i in range(0, len(data), 3)}


def _near(colours: set[tuple[int, int, int]], wanted: tuple[int, int, int], within: int = 12) -> bool:
    return any(all(abs(have - want) <= within for have, want in zip(colour, wanted, strict=True)) for colour in colours)


def _drawn_in(page: Any, canvas: Any, *wanted: tuple[int, int, int], seconds: float = 30) -> bool:
    """Whether every wanted colour is drawn on the map, looked at again until it is or time runs out (software
    WebGL on a busy machine can take seconds to draw five thousand sites)."""
    deadline = time.monotonic() + seconds
    while True:
        colours = _pixel_colours(page, canvas)
        if all(_near(colours, colour) for colour in wanted) or time.monotonic() > deadline:
            return all(_near(colours, colour) for colour in wanted)
        page.wait_for_timeout(500)


def test_map_of_venlo_shows_the_library_on_the_care_site_it_shares_a_point_with(page: Any, server: str) -> None:
    """Stadsbibliotheek Venlo and Daelzicht's day-care site are on the same point (data/seed)."""
    open_page(page, server, "/map?province=PV31&municipality=GM0983", "Kaart")
    canvas = _map_canvas(page)
    assert _drawn_in(page, canvas, (31, 111, 235), (209, 36, 47))  # blue and red both drawn
    page.screenshot(path=str(OUTPUT / "map-venlo.png"))


def _dot_at(canvas: Any, wanted: tuple[int, int, int], within: int = 12) -> tuple[float, float] | None:
    """Where on the page the middle of the first dot of this colour is drawn on the map, or None. (The middle:
    a click on a dot's antialiased edge can miss it.)"""
    from io import BytesIO

    from PIL import Image

    image = Image.open(BytesIO(canvas.screenshot())).convert("RGB")
    box = canvas.bounding_box()
    scale = image.width / box["width"]

    def matches(x: int, y: int) -> bool:
        pixel = image.getpixel((x, y))
        return all(abs(have - want) <= within for have, want in zip(pixel, wanted, strict=True))

    first = next(((x, y) for y in range(image.height) for x in range(image.width) if matches(x, y)), None)
    if first is None:
        return None
    # The dot: its pixels of this colour within 20 screen pixels of the first one found.
    reach = int(20 * scale)
    xs, ys = zip(
        *[
            (x, y)
            for y in range(first[1], min(image.height, first[1] + reach))
            for x in range(max(0, first[0] - reach), min(image.width, first[0] + reach))
            if matches(x, y)
        ],
        strict=True,
    )
    return box["x"] + (min(xs) + max(xs)) / 2 / scale, box["y"] + (min(ys) + max(ys)) / 2 / scale


def test_clicking_a_library_on_the_map_names_the_chosen_site(page: Any, server: str) -> None:
    """The map sends the browser only positions, tooltips and a row number; the row clicked names the site."""
    open_page(page, server, "/map?province=PV31&municipality=GM0983", "Kaart")
    canvas = _map_canvas(page)
    canvas.scroll_into_view_if_needed()
    assert _drawn_in(page, canvas, (31, 111, 235)), "no library drawn on Venlo's map"
    chosen = page.get_by_text("Gekozen locatie")
    for _ in range(3):  # a click while the map still draws can go unseen; a visitor would click again
        found = _dot_at(canvas, (31, 111, 235))
        assert found is not None, "no library drawn on Venlo's map"
        page.mouse.move(*found)
        page.wait_for_timeout(300)
        page.mouse.click(*found)
        try:
            chosen.wait_for(timeout=10_000)
            break
        except Exception:
            page.wait_for_timeout(1000)
    chosen.wait_for(timeout=10_000)
    chosen.scroll_into_view_if_needed()
    shown = page.locator("[data-testid='stMain']").inner_text()
    assert "Stadsbibliotheek Venlo — Bibliotheek Venlo (Bibliotheek)" in shown or "Bibliotheek Tegelen" in shown
    page.screenshot(path=str(OUTPUT / "map-chosen-site.png"))


def test_national_map_shows_blue_libraries_between_red_care_sites(page: Any, server: str) -> None:
    open_page(page, server, "/map", "Kaart")
    canvas = _map_canvas(page)
    assert _drawn_in(page, canvas, (31, 111, 235), (209, 36, 47))
    page.screenshot(path=str(OUTPUT / "map-national.png"))


def test_the_map_starts_no_second_map_library_under_the_deck(page: Any, server: str) -> None:
    """A map style of the app's own, even a blank one, made the browser start MapLibre and a second WebGL
    context under every map; with no style and no provider Streamlit starts none."""
    open_page(page, server, "/map?province=PV31", "Kaart")
    _map_canvas(page)
    page.wait_for_timeout(1500)
    chart = page.locator("[data-testid='stDeckGlJsonChart']").first
    assert chart.locator("canvas").count() == 1
    assert chart.locator(".maplibregl-map, .mapboxgl-map").count() == 0


def _limburg_coverage_map(page: Any, server: str) -> dict[str, float]:
    """The coverage page of Limburg, its map in view; returns the map's box on the page."""
    open_page(page, server, "/coverage?province=PV31", "Dekking")
    canvas = _map_canvas(page)
    canvas.scroll_into_view_if_needed()
    page.wait_for_timeout(1500)
    return dict(canvas.bounding_box())


def _municipality_tooltip_at(page: Any, box: dict[str, float], fx: float, fy: float) -> dict[str, float] | None:
    """Where the tooltip shows with the pointer at (``fx``, ``fy``) of the map, if it names a municipality."""
    page.mouse.move(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
    page.wait_for_timeout(300)
    tooltip = page.locator(".deck-tooltip").first
    if tooltip.count() and tooltip.is_visible() and "Inwoners" in tooltip.inner_text():
        return dict(tooltip.bounding_box())
    return None


def _inside(shown: dict[str, float], box: dict[str, float]) -> bool:
    return (
        box["x"] <= shown["x"]
        and shown["x"] + shown["width"] <= box["x"] + box["width"]
        and box["y"] <= shown["y"]
        and shown["y"] + shown["height"] <= box["y"] + box["height"]
    )


def test_coverage_tooltip_names_the_municipality_and_stays_inside_the_map(page: Any, server: str) -> None:
    box = _limburg_coverage_map(page, server)
    shown = None
    # Try points across the province until one is over a municipality; each tooltip is checked where it shows.
    for fx, fy in [(0.5, 0.5), (0.45, 0.4), (0.55, 0.6), (0.5, 0.3), (0.5, 0.7), (0.4, 0.5), (0.6, 0.5)]:
        shown = _municipality_tooltip_at(page, box, fx, fy)
        if shown:
            break
    page.screenshot(path=str(OUTPUT / "coverage-tooltip.png"))
    assert shown is not None, "no municipality tooltip appeared"
    text = page.locator(".deck-tooltip").first.inner_text()
    for part in ("Bibliotheeklocaties", "Zorglocaties", "Actieve samenwerkingen", "Inwoners"):
        assert part in text
    assert _inside(shown, box)
    # Regression: "Per provincie" showed ten of the twelve provinces and half of the eleventh; now all, heading too
    per_province = page.locator("[data-testid='stDataFrame']").first.bounding_box()
    assert per_province["height"] >= 35 * 13, per_province


def test_choosing_a_province_on_the_coverage_page_keeps_its_map_and_tables(page: Any, server: str) -> None:
    """Regression: a province chosen on *Dekking* put the link to its profile above everything, which moved
    every element after it, so the browser made each table and the map anew: with software WebGL a province
    took 2–3 s to show instead of about 1 s."""
    open_page(page, server, "/coverage", "Dekking")
    _map_canvas(page)
    mark = "s => { const all = document.querySelectorAll(s); all.forEach(c => c.dataset.drawnBefore = 'yes'); "
    mark += "return all.length }"
    marked = page.evaluate(mark, "[data-testid='stMain'] canvas")
    choose(page, "Provincie", 0, "Limburg")
    page.get_by_role("link", name="Profiel van Limburg").first.wait_for(timeout=30_000)
    page.wait_for_timeout(1500)
    kept = page.evaluate(
        "() => ({map: document.querySelector(\"[data-testid='stDeckGlJsonChart'] canvas\").dataset.drawnBefore,"
        " tables: [...document.querySelectorAll(\"[data-testid='stDataFrameResizable'] canvas\")]"
        ".filter(c => c.dataset.drawnBefore === 'yes').length})"
    )
    assert marked > 5 and kept["map"] == "yes" and kept["tables"] >= 4, (marked, kept)


def test_a_tooltip_for_a_municipality_at_the_maps_edge_stays_inside_the_map(page: Any, server: str) -> None:
    """Regression: a tooltip sat above the pointer, so for a municipality at the top of the map it was cut off
    past the map's edge (and at the sides, half of it)."""
    box = _limburg_coverage_map(page, server)
    seen = {}
    # Limburg fills the map from top to bottom: its northern and southern tips lie at the map's edges.
    for edge, fy in (("top", 0.04), ("bottom", 0.96)):
        for step in range(21):
            shown = _municipality_tooltip_at(page, box, 0.3 + step * 0.02, fy)
            if shown:
                seen[edge] = shown
                page.wait_for_timeout(500)  # the screenshot shows the tooltip drawn, not on its way
                page.screenshot(path=str(OUTPUT / f"coverage-tooltip-{edge}.png"))
                break
    assert set(seen) == {"top", "bottom"}, f"no tooltip at the map's edges, only at {set(seen)}"
    assert all(_inside(shown, box) for shown in seen.values())


def test_network_around_an_organisation_is_drawn_with_its_name(page: Any, server: str) -> None:
    open_page(page, server, "/network?org=abrona&depth=2", "Netwerk")
    inner = page.frame_locator(f"iframe[title='{DRAWING}']").locator(f"iframe[title='{DRAWING}']")
    inner.wait_for(timeout=30_000)
    frame = inner.element_handle().content_frame()
    frame.wait_for_function("() => window.atlasNetwork !== undefined", timeout=30_000)
    page.wait_for_timeout(500)
    page.screenshot(path=str(OUTPUT / "network-around-abrona.png"))
    names = frame.evaluate("() => atlasNetwork.body.data.nodes.get().map((node) => node.label)")
    assert "Abrona" in names and len(names) == 2


@pytest.mark.parametrize("path", ["/network", "/network?province=__alle__"])
def test_the_main_organisations_of_the_network_are_named_at_first_sight(page: Any, server: str, path: str) -> None:
    """Regression: the network of a province drew its organisations without a single name until the reader
    zoomed in. The layout was wider than the drawing, so once fitted in view every main label was drawn smaller
    than vis-network's threshold for drawing a label at all."""
    open_page(page, server, path, "Netwerk")
    inner = page.frame_locator(f"iframe[title='{DRAWING}']").locator(f"iframe[title='{DRAWING}']")
    inner.wait_for(timeout=30_000)
    frame = inner.element_handle().content_frame()
    frame.wait_for_function("() => window.atlasNetwork !== undefined", timeout=30_000)
    # Fitted after its first drawing, and the threshold set from the fitted scale: waited for, not slept on (on a
    # busy machine half a second was not always enough).
    frame.wait_for_function(
        "(first) => Object.values(atlasNetwork.body.nodes)[0].options.scaling.label.drawThreshold !== first",
        arg=LABEL_THRESHOLD,
        timeout=30_000,
    )
    drawn = frame.evaluate(
        """(mainFont) => {
            const scale = atlasNetwork.getScale();
            const threshold = Object.values(atlasNetwork.body.nodes)[0].options.scaling.label.drawThreshold;
            const nodes = atlasNetwork.body.data.nodes.get();
            // a main label is drawn, at a size that can be read; the others wait until the reader zooms in
            return nodes.filter((node) => node.font.size === mainFont)
                .map((node) => [node.label, node.font.size * scale >= threshold && node.font.size * scale >= 11])
                .concat(nodes.filter((node) => node.font.size !== mainFont)
                .map((node) => [node.label, node.font.size * scale < threshold - 1]));
        }""",
        MAIN_FONT,
    )
    assert drawn and all(shown for _, shown in drawn), drawn


def _tab_to(page: Any, name: str, role: str = "", index: int = 0, limit: int = 150) -> None:
    """Press Tab until the element called ``name`` has the focus, as a keyboard user does; fails if it is never
    reached."""
    found = page.get_by_role(role, name=name, exact=True) if role else page.get_by_label(name, exact=True)
    # Looked up again after every key: a rerun of the page may draw the field anew, and a handle to the element
    # as it was before would never have the focus (this failed on a busy machine).
    target = found.nth(index)
    target.wait_for(timeout=30_000)
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("(element) => element === document.activeElement", timeout=30_000):
            return
    raise AssertionError(f"{name!r} cannot be reached with the Tab key")


def _settle(page: Any) -> None:
    page.wait_for_timeout(300)
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(timeout=60_000)


def test_a_partner_fills_in_and_sends_the_form_with_the_keyboard_only(page: Any, server: str) -> None:
    open_page(page, server, "/submit", "Samenwerking toevoegen")
    _tab_to(page, "Zoek op naam")
    page.keyboard.type("de bibliotheek weesp")
    page.keyboard.press("Enter")
    _settle(page)
    for index, text in enumerate(
        ["Bibliotheek Weesp — Bibliotheek Weesp met Leescafé (Weesp)", "+ Nieuwe organisatie toevoegen"]
    ):
        _tab_to(page, "Kies de locatie", "combobox", index)
        page.keyboard.type(text[:20])
        page.keyboard.press("Enter")
        _settle(page)
    for label, value in (("Naam", "Stichting Toetsenbord"), ("Plaats", "Weesp")):
        _tab_to(page, label)
        page.keyboard.type(value)
        page.keyboard.press("Enter")
        _settle(page)
    _tab_to(page, "Het verhaal", "textbox")
    page.keyboard.type("Deelnemers zetten boeken terug, alles met het toetsenbord ingevuld.")
    _tab_to(page, "Uw e-mailadres (voor vragen over de inzending)")
    page.keyboard.type("partner@example.org")
    page.keyboard.press("Enter")
    _settle(page)
    _tab_to(page, "Versturen", "button")
    page.keyboard.press("Enter")
    page.get_by_text("Uw inzending is ontvangen met referentiecode").wait_for(timeout=60_000)
    # Regression: the focus stayed on the button that was gone, so a screen reader said nothing of the code.
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.closest('[data-testid=stAlertContainer]')",
        timeout=10_000,
    )
    page.keyboard.press("Tab")  # and Tab goes on from there, to "add another collaboration"
    assert page.evaluate("() => document.activeElement.innerText").strip() == "Nog een samenwerking toevoegen"
    page.screenshot(path=str(OUTPUT / "submit-keyboard.png"))


def test_the_tab_key_goes_through_the_contact_fields_as_they_are_read(page: Any, server: str) -> None:
    """Regression: the contact fields stand as Naam | Rol over E-mail | Telefoon, but Tab went from Naam to
    E-mail (column by column)."""
    open_page(page, server, "/submit", "Samenwerking toevoegen")
    page.get_by_role("textbox", name="Naam", exact=True).last.click()
    reached = []
    for _ in range(3):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("() => document.activeElement.getAttribute('aria-label')"))
    assert reached == ["Rol", "E-mail", "Telefoon"]
