"""The reader's language in a real headless Chromium: one click switches the menu, its sections and the sidebar,
Dutch pages hold no English, and a CSV download opens right in Excel (byte order mark, Dutch headings)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .browser import OUTPUT, chromium_browser, open_page, running_app, seeded_store, settle

pytestmark = [pytest.mark.browser, pytest.mark.slow]
DUTCH_PAGES = {
    "/": "Passend Werk Atlas",
    "/map": "Kaart",
    "/network": "Netwerk",
    "/suggestions": "Suggesties",
    "/coverage": "Dekking",
    "/questions": "Vragen",
    "/examples": "Praktijkvoorbeelden",
    "/submit": "Samenwerking toevoegen",
    "/review": "Beoordelen",
}
ENGLISH = ("Choose options", "Choose an option", "(a reason is required)", "Language", "Explore")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    atlas, folder = seeded_store(tmp_path_factory, "browser-language")
    with running_app(atlas.settings.store, str(folder / "secrets.toml")) as url:
        yield url


@pytest.fixture(scope="module")
def chromium(server: str) -> Iterator[Any]:
    with chromium_browser() as browser:
        yield browser


@pytest.fixture
def page(chromium):  # type: ignore[no-untyped-def]
    OUTPUT.mkdir(parents=True, exist_ok=True)
    context = chromium.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    yield context.new_page()
    context.close()


def chosen(page) -> list[str]:  # type: ignore[no-untyped-def]
    """What the sidebar's select boxes show as chosen (their text field's value)."""
    return [str(box.input_value()) for box in page.locator("[data-testid='stSidebar'] [role='combobox']").all()]


def placeholders(page) -> list[str]:  # type: ignore[no-untyped-def]
    return list(page.eval_on_selector_all("input[placeholder]", "inputs => inputs.map(i => i.placeholder)"))


def sidebar_text(page) -> str:  # type: ignore[no-untyped-def]
    return str(page.locator("[data-testid='stSidebar']").inner_text())


def test_one_click_switches_the_menu_its_sections_and_the_sidebar(page, server: str) -> None:  # type: ignore[no-untyped-def]
    """Regression: after clicking English the body changed, but the menu, its sections, "Taal" and "Alle" stayed
    Dutch until the next click."""
    open_page(page, server, "/map", "Kaart")
    settle(page)  # the heading comes before the filters in the sidebar
    page.locator("[data-testid='stSidebar']").get_by_text("Provincie", exact=True).first.wait_for(timeout=60_000)
    before = sidebar_text(page)
    assert "Alle" in chosen(page)
    assert "Verkennen" in before and "Taal" in before and "Provincie" in before
    page.locator("[data-testid='stSidebar']").get_by_text("English", exact=True).click()
    settle(page)
    page.get_by_role("heading", name="Map", exact=True).first.wait_for(timeout=60_000)
    after = sidebar_text(page)
    page.screenshot(path=str(OUTPUT / "language-one-click.png"))
    # Regression: the filters kept showing the label their choice was made with ("Alle")
    assert "Alle" not in chosen(page) and "All" in chosen(page), chosen(page)
    for english in ("Explore", "Analyse", "Contribute", "Overview", "Coverage", "Language", "Province"):
        assert english in after, (english, after)
    for dutch in ("Verkennen", "Analyseren", "Overzicht", "Dekking", "Taal", "Provincie"):
        assert dutch not in after, (dutch, after)


@pytest.mark.parametrize(("path", "heading"), DUTCH_PAGES.items(), ids=list(DUTCH_PAGES))
def test_no_english_on_dutch_pages(page, server: str, path: str, heading: str) -> None:  # type: ignore[no-untyped-def]
    open_page(page, server, path, heading)
    shown = str(page.locator("[data-testid='stApp']").inner_text())
    for english in ENGLISH:
        assert english not in shown, (path, english)
    assert not any(text.startswith("Choose") for text in placeholders(page)), placeholders(page)


def test_an_address_without_a_page_is_said_in_dutch(page, server: str) -> None:  # type: ignore[no-untyped-def]
    """Regression: /overview (the overview's name inside the app) showed Streamlit's "Page not found — The page
    that you have requested does not seem to exist" on a Dutch page."""
    from playwright.sync_api import expect

    page.goto(f"{server}/overview")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Deze pagina bestaat niet in de atlas. U ziet nu de beginpagina.", timeout=60_000)
    expect(dialog.get_by_role("heading")).to_have_text("Pagina niet gevonden")
    assert "Page not found" not in dialog.inner_text()


def test_a_csv_download_opens_right_in_dutch_excel(page, server: str) -> None:  # type: ignore[no-untyped-def]
    open_page(page, server, "/coverage", "Dekking")
    # The browser draws a section's buttons once its table's code has loaded, so sections further down can show
    # their buttons first: wait for all five (one per table) before taking the first, the per-province one.
    from playwright.sync_api import expect

    expect(page.get_by_role("button", name="CSV downloaden", exact=True)).to_have_count(5, timeout=30_000)
    with page.expect_download() as download:
        page.get_by_role("button", name="CSV downloaden", exact=True).first.click()
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), data[:20]
    header = data.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("Provincie,Gemeenten,Met bibliotheek én zorg,Gedekt,Inwoners"), header
    assert "PV2" not in data.decode("utf-8-sig")
    with page.expect_download() as download:
        page.get_by_role("button", name="CSV voor Excel downloaden (puntkomma)", exact=True).first.click()
    lines = Path(download.value.path()).read_bytes().decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Provincie;Gemeenten;"), lines[0]
    # Regression: the share was written as a fraction (0.0785) under a heading that did not say so, while the
    # page said 7,85 %; it is now the percentage, said in the heading, with a decimal comma.
    assert lines[0].endswith(";Aandeel inwoners gedekt (%)"), lines[0]
    shares = [line.split(";")[-1] for line in lines[1:]]
    assert all(re.fullmatch(r"\d{1,3}(,\d{1,2})?", share) for share in shares), shares
    assert any("," in share and share != "0,0" for share in shares), shares


def test_downloads_say_activities_by_name_and_put_ids_last(page, server: str) -> None:  # type: ignore[no-untyped-def]
    """Regression: per-activiteit.csv had the heading "Activiteit" twice and codes (werk, dagbesteding) in its
    first column and "Valt onder"; the gap list had a "Gedekt" column that was "Nee" on every row; and
    suggesties.csv began with four columns of internal ids, the names last."""
    from playwright.sync_api import expect

    def downloaded(index: int) -> list[list[str]]:
        with page.expect_download() as download:
            page.get_by_role("button", name="CSV downloaden", exact=True).nth(index).click()
        text = Path(download.value.path()).read_bytes().decode("utf-8-sig")
        return list(csv.reader(io.StringIO(text)))

    open_page(page, server, "/coverage", "Dekking")
    expect(page.get_by_role("button", name="CSV downloaden", exact=True)).to_have_count(5, timeout=30_000)
    gaps = downloaded(1)
    assert "Gedekt" not in gaps[0], gaps[0]
    activities = downloaded(4)
    assert activities[0] == ["Activiteit", "Valt onder", "Samenwerkingen", "Actieve samenwerkingen"], activities[0]
    assert activities[[row[0] for row in activities].index("Koffiecorner")][:2] == [
        "Koffiecorner",
        "Werk",
    ]

    open_page(page, server, "/suggestions?radius=50", "Suggesties")
    expect(page.get_by_role("button", name="CSV downloaden", exact=True)).to_have_count(1, timeout=30_000)
    heading = downloaded(0)[0]
    assert heading[:3] == ["Score", "Bibliotheek", "Zorgorganisatie"], heading
    assert [column for column in heading if column.startswith("Id ")] == heading[-4:], heading


def test_an_excel_download_shows_a_share_as_a_percentage(page, server: str) -> None:  # type: ignore[no-untyped-def]
    """Regression: the share of inhabitants came out of the Excel download as 0,6815 in General format, while
    the page said 68,15 %. It stays a number Excel can compute with, formatted as a percentage."""
    from openpyxl import load_workbook
    from playwright.sync_api import expect

    open_page(page, server, "/coverage", "Dekking")
    expect(page.get_by_role("button", name="Excel downloaden", exact=True)).to_have_count(5, timeout=30_000)
    with page.expect_download() as download:
        page.get_by_role("button", name="Excel downloaden", exact=True).first.click()
    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    assert sheet is not None
    rows = list(sheet.iter_rows())
    shares = [place for place, cell in enumerate(rows[0]) if str(cell.value).startswith("Aandeel")]
    assert shares, [cell.value for cell in rows[0]]
    cells = [row[place] for row in rows[1:] for place in shares]
    assert cells and all(cell.number_format == "0.00%" for cell in cells)
    assert all(isinstance(cell.value, float | int) and 0 <= cell.value <= 1 for cell in cells)
    # Regression: "Inwoners" read 601347 (no grouping), and headings were cut off at Excel's default width.
    headings = [str(cell.value) for cell in rows[0]]
    inhabitants = headings.index("Inwoners")
    assert all(row[inhabitants].number_format == "#,##0" for row in rows[1:])
    widths = {letter: dimension.width for letter, dimension in sheet.column_dimensions.items()}
    assert all(widths[cell.column_letter] >= len(str(cell.value)) for cell in rows[0]), widths


def named_controls(page) -> set[str]:  # type: ignore[no-untyped-def]
    """The names screen readers hear for the page's controls and a chart's parts, and what kind of part each is
    (``aria-label``, ``title`` and ``aria-roledescription``)."""
    said = """found => found.flatMap(e => ['aria-label', 'title', 'aria-roledescription']
        .map(name => e.getAttribute(name)).filter(value => value))"""
    return set(page.eval_on_selector_all("[aria-label], [title], [aria-roledescription]", said))


def test_streamlits_own_controls_are_named_in_dutch_and_back_in_english(page, server: str) -> None:  # type: ignore[no-untyped-def]
    """Regression: on a Dutch page a screen reader read Streamlit's "Collapse sidebar", "Search", "Fullscreen"
    and "Show/hide columns", and a multiselect offered "Select all" and answered "No results"."""
    from ui.interface_words import DUTCH, DUTCH_BEGINNINGS

    open_page(page, server, "/coverage", "Dekking")
    page.locator("[data-testid='stVegaLiteChart'] svg").first.wait_for(timeout=30_000)
    page.locator("[data-testid='stDataFrame']").first.hover()
    names = named_controls(page)
    assert {"Zijbalk inklappen", "Zoeken", "Volledig scherm", "Kolommen tonen of verbergen"} <= names, names
    assert not names & set(DUTCH), names & set(DUTCH)
    # Regression: the chart's parts were read out as Vega named them ("X-axis titled year …", "bar", "legend")
    # and its buttons as "Fullscreen: …"
    chart = "Staafdiagram van de samenwerkingen die per jaar zijn gestart, per status."
    assert {"Horizontale as: Jaar", "as", "legenda", "staaf", "grafiek"} <= names, names
    assert any(name.startswith(f"Volledig scherm: {chart}") for name in names), names
    assert not [name for name in names if name.startswith(tuple(DUTCH_BEGINNINGS)) or "axis" in name], names
    open_page(page, server, "/submit", "Samenwerking toevoegen")
    page.get_by_role("combobox", name="Activiteiten").first.click()
    listed = page.get_by_role("listbox").first
    listed.wait_for(timeout=10_000)
    # Regression: the list began with "Select 2 matches" (English), and Enter after "boeken" chose both matches.
    assert listed.inner_text().splitlines()[0] not in ("Alles selecteren", "Select all")
    page.keyboard.type("boeken")
    page.wait_for_function("() => document.querySelectorAll('[role=listbox] [role=option]').length >= 2")
    assert not [line for line in listed.inner_text().splitlines() if "Select" in line or "selecteren" in line]
    page.keyboard.press("Enter")
    chosen = page.locator("[data-testid='stMultiSelect'] [data-tag]:visible")
    chosen.first.wait_for(timeout=10_000)
    assert chosen.count() == 1, chosen.all_inner_texts()
    # The chosen activity's remove button, and the group of chosen ones, were named in English.
    said = named_controls(page)
    assert "Gekozen waarden" in said and any(name.startswith("Verwijderen: Boeken") for name in said), said
    assert not [name for name in said if name.startswith("Remove ") or name == "Selected values"], said
    page.keyboard.type("xyzzy")
    page.get_by_text("Geen resultaten", exact=True).wait_for(timeout=10_000)
    assert "Uitleg bij Startdatum" in named_controls(page)
    page.keyboard.press("Escape")
    page.locator("[data-testid='stSidebar']").get_by_text("English", exact=True).click()
    settle(page)
    page.get_by_role("heading", name="Add a collaboration", exact=True).first.wait_for(timeout=60_000)
    names = named_controls(page)
    assert "Collapse sidebar" in names and "Zijbalk inklappen" not in names, names
