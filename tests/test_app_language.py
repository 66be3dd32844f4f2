"""One click switches the language everywhere, Dutch pages hold no English, and tables and downloads speak the
reader's language (Streamlit's AppTest on the seed data)."""

from __future__ import annotations

import re
from typing import Any

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from graph.intake.setup import initialise
from graph.settings import REPO_ROOT, Settings
from graph.store.atlas import Atlas

from .conftest import SEED, reference_dir

APP = str(REPO_ROOT / "app.py")
# English Streamlit or the atlas once showed on Dutch pages.
ENGLISH = ("Choose options", "Choose an option", "(a reason is required)", "empty")


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("seed-language")
    atlas = Atlas.open(Settings(store=str(folder / "store"), reference=reference_dir()))
    initialise(atlas, seed=SEED)
    return atlas.settings.store


def open_page(monkeypatch: pytest.MonkeyPatch, store: str, page: str) -> AppTest:
    monkeypatch.setenv("PASSENDWERK_STORE", store)
    app = AppTest.from_file(APP, default_timeout=120)
    app.switch_page(f"ui/pages/{page}.py")
    return app.run()


def test_one_click_on_english_switches_the_switch_the_filters_and_all(
    monkeypatch: pytest.MonkeyPatch, seed_store: str
) -> None:
    """The switch used to be read after the navigation was built: "Taal" and "Alle" stayed Dutch one more click."""
    app = open_page(monkeypatch, seed_store, "map")
    assert app.sidebar.radio[0].label == "Taal"
    assert app.sidebar.selectbox[0].label == "Provincie"
    assert app.sidebar.selectbox[0].options[0] == "Alle"
    app.sidebar.radio[0].set_value("en").run()
    assert not app.exception, app.exception
    assert app.sidebar.radio[0].label == "Language"
    assert app.sidebar.selectbox[0].label == "Province"
    assert app.sidebar.selectbox[0].options[0] == "All"
    assert app.title[0].value == "Map"


def test_the_language_stays_when_the_reader_moves_to_another_page(
    monkeypatch: pytest.MonkeyPatch, seed_store: str
) -> None:
    app = open_page(monkeypatch, seed_store, "overview")
    app.sidebar.radio[0].set_value("en").run()
    app.switch_page("ui/pages/coverage.py").run()
    assert not app.exception, app.exception
    assert app.title[0].value == "Coverage"
    assert app.sidebar.radio[0].label == "Language"


def test_a_multiselect_asks_in_dutch(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    app = open_page(monkeypatch, seed_store, "submit")
    assert not app.exception, app.exception
    assert [box.proto.placeholder for box in app.multiselect] == ["Kies een of meer"]


def test_the_forms_examples_are_in_the_readers_language(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    """Regression: the web addresses' example read "www.voorbeeld.nl" on the English form too."""
    app = open_page(monkeypatch, seed_store, "submit")
    app.selectbox(key="library_site").set_value("__new__").run()  # chosen first: AppTest words a choice in Dutch
    app.sidebar.radio[0].set_value("en").run()
    shown = {box.key: box.proto.placeholder for box in app.text_input if box.proto.placeholder}
    assert shown["library_website"] == "www.example.org" and shown["link"] == "www.example.org"
    assert shown["start_date"] == "1-5-2023 (day-month-year)"
    assert not [key for key, text in shown.items() if "voorbeeld" in text], shown


def recorded_downloads(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The media file managers of the app tests to come, which hold every download a page offers, by file name."""
    from streamlit.runtime.media_file_manager import MediaFileManager
    from streamlit.testing.v1 import app_test

    managers: list[MediaFileManager] = []

    class Recording(MediaFileManager):
        def __init__(self, *arguments: object) -> None:
            super().__init__(*arguments)  # type: ignore[arg-type]
            managers.append(self)

    monkeypatch.setattr(app_test, "MediaFileManager", Recording)
    return managers


def offered(manager: Any) -> dict[str, bytes]:
    """File name → content of every download the last run offered: those made with the page and those made when
    their button is clicked (run here as the click would)."""
    shown = {file_id for files in manager._files_by_session_and_coord.values() for file_id in files.values()}
    made = {
        entry["filename"]: entry["callable"]()
        for file_id, entry in manager._deferred_callables.items()
        if file_id in shown
    }
    stored = {
        file.filename: file.content
        for file_id, file in manager._storage._files_by_id.items()
        if file_id in shown and file.filename
    }
    every = stored | made
    return {name: content.encode() if isinstance(content, str) else content for name, content in every.items()}


def offered_files(monkeypatch: pytest.MonkeyPatch, store: str, page: str, **query: str) -> set[str]:
    """The names of the files a page offers for download, opened with ``query`` in its address."""
    managers = recorded_downloads(monkeypatch)
    monkeypatch.setenv("PASSENDWERK_STORE", store)
    app = AppTest.from_file(APP, default_timeout=120)
    for key, value in query.items():
        app.query_params[key] = value
    app.switch_page(f"ui/pages/{page}.py")
    app.run()
    assert not app.exception, app.exception
    return set(offered(managers[-1]))


def test_downloaded_files_are_named_in_the_readers_language(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    """Regression: the coverage page's files were named in Dutch ("witte-vlekken.csv") on the English page."""
    managers = recorded_downloads(monkeypatch)
    app = open_page(monkeypatch, seed_store, "coverage")
    app.sidebar.radio[0].set_value("en").run()
    names = set(offered(managers[-1]))
    assert {"coverage-by-province.csv", "gaps.xlsx", "coverage-by-municipality.csv", "per-activity.csv"} <= names
    assert not [name for name in names if "dekking" in name or "vlekken" in name or "activiteit" in name], names


def test_a_questions_file_is_named_by_its_title_and_filters(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    """Regression: Vragen named its files by the query's code, in English and without the filter
    ("gaps-by-activity.csv" on a Dutch page filtered to Limburg)."""
    names = offered_files(monkeypatch, seed_store, "questions", q="coverage", p_province_code="PV31")
    assert "dekking-per-gemeente-limburg.csv" in names, names


def test_coverage_files_with_a_municipality_chosen_are_named_after_what_they_hold(
    monkeypatch: pytest.MonkeyPatch, seed_store: str
) -> None:
    """The rows per municipality are Venlo's; the years stay Limburg's, and their file says so."""
    names = offered_files(monkeypatch, seed_store, "coverage", province="PV31", municipality="GM0983")
    assert "dekking-per-gemeente-venlo.csv" in names, names  # (Venlo is no gap: an empty list offers no file)
    years = [name for name in names if name.startswith("gestart-per-jaar")]
    assert years and all("-limburg" in name and "venlo" not in name for name in years), years


def test_the_suggestions_file_is_named_after_the_chosen_place_and_radius(
    monkeypatch: pytest.MonkeyPatch, seed_store: str
) -> None:
    """Regression: the suggestions download was "suggesties.csv" whatever province, municipality and radius were
    chosen, so two downloads for two places overwrote each other; a question's file name ran to 158 characters."""
    names = offered_files(monkeypatch, seed_store, "suggestions", province="PV31", radius="30")
    assert {"suggesties-limburg-30-km.csv", "suggesties-limburg-30-km.xlsx"} <= names, names
    assert all(len(name) <= 80 for name in names), names


def test_a_start_date_to_the_day_is_a_date_in_the_excel_file(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    """Regression: Excel downloads held every date as text ("2019-03-20"), which Excel neither sorts nor filters as
    a date. A day is a date now, shown the reader's way; a year alone stays the year the source gave."""
    from datetime import datetime
    from io import BytesIO

    from openpyxl import load_workbook

    for lang, shown in (("nl", "d-m-yyyy"), ("en", "yyyy-mm-dd")):
        managers = recorded_downloads(monkeypatch)
        monkeypatch.setenv("PASSENDWERK_STORE", seed_store)
        app = AppTest.from_file(APP, default_timeout=120)
        app.query_params.update(q="collaboration-overview", lang=lang)
        app.switch_page("ui/pages/questions.py")
        assert not app.run().exception
        (workbook,) = [content for name, content in offered(managers[-1]).items() if name.endswith(".xlsx")]
        rows = list(load_workbook(BytesIO(workbook)).active.iter_rows())
        column = [cell.value for cell in rows[0]].index("Startdatum" if lang == "nl" else "Start date")
        cells = {cell.value: cell for cell in (row[column] for row in rows[1:])}
        assert cells[datetime(2019, 3, 20)].number_format == shown
        assert "2018" in cells and cells["2018"].data_type == "s"  # a year stays a year


def test_dutch_figures_are_written_the_dutch_way(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    app = open_page(monkeypatch, seed_store, "overview")
    share = {metric.label: metric.value for metric in app.metric}["Inwoners in die gemeenten"]
    assert share.endswith(" %") and "," in share, share
    app.sidebar.radio[0].set_value("en").run()
    share = {metric.label: metric.value for metric in app.metric}["Population covered"]
    assert share.endswith("%") and " " not in share and "." in share, share


def test_coverage_tables_name_provinces_and_have_no_english_when_dutch(
    monkeypatch: pytest.MonkeyPatch, seed_store: str
) -> None:
    app = open_page(monkeypatch, seed_store, "coverage")
    assert not app.exception, app.exception
    shown = "\n".join(str(element.value) for element in (*app.markdown, *app.caption, *app.subheader))
    for english in ENGLISH:
        assert english not in shown
    gaps = next(table for table in app.dataframe if "municipality_code" in table.value.columns)
    # The grid shows these display values: the province by name, never its code, and Dutch thousands
    shown_cells = pa.ipc.open_stream(gaps.proto.arrow_data.styler.display_values).read_pandas()
    assert "Noord-Holland" in set(shown_cells.province_code)
    assert not any(str(cell).startswith("PV") for cell in shown_cells.province_code)
    amsterdam = shown_cells[shown_cells.municipality == "Amsterdam"].iloc[0]
    assert amsterdam.population == "931.298"
    provinces = next(table for table in app.dataframe if "with_both" in table.value.columns)
    shown_cells = pa.ipc.open_stream(provinces.proto.arrow_data.styler.display_values).read_pandas()
    gelderland = shown_cells[shown_cells.province == "Gelderland"].iloc[0]
    assert (gelderland.population, gelderland.population_covered_share) == ("2.149.071", "1,27 %")


@pytest.mark.parametrize("page", ["overview", "map", "network", "suggestions", "coverage", "questions", "examples"])
def test_no_english_captions_on_dutch_pages(monkeypatch: pytest.MonkeyPatch, seed_store: str, page: str) -> None:
    app = open_page(monkeypatch, seed_store, page)
    assert not app.exception, app.exception
    shown = "\n".join(
        str(element.value) for element in (*app.markdown, *app.caption, *app.subheader, *app.info, *app.error)
    )
    labels = [widget.label for widget in (*app.selectbox, *app.multiselect, *app.radio, *app.text_input)]
    for english in ENGLISH:
        assert english not in shown, (page, english)
    assert "Language" not in labels and "Province" not in labels


def test_suggestion_scores_are_written_as_the_reader_writes_numbers(
    monkeypatch: pytest.MonkeyPatch, seed_store: str
) -> None:
    """Regression: the score was drawn as a bar labelled 0.69 on a Dutch page (a bar's label ignores language)."""
    app = open_page(monkeypatch, seed_store, "suggestions")
    table = app.dataframe[0]
    assert "progress" not in table.proto.columns
    shown_cells = pa.ipc.open_stream(table.proto.arrow_data.styler.display_values).read_pandas()
    assert len(shown_cells) and all(re.fullmatch(r"[01],\d\d", str(cell)) for cell in shown_cells.score)
    app.sidebar.radio[0].set_value("en").run()
    shown_cells = pa.ipc.open_stream(app.dataframe[0].proto.arrow_data.styler.display_values).read_pandas()
    assert all(re.fullmatch(r"[01]\.\d\d", str(cell)) for cell in shown_cells.score)


def chart_specs(app: AppTest) -> list[dict[str, object]]:
    import json

    return [json.loads(element.proto.spec) for element in app.get("vega_lite_chart")]


def test_a_chart_is_described_in_the_readers_language_for_a_screen_reader(
    monkeypatch: pytest.MonkeyPatch, seed_store: str
) -> None:
    """Regression: the trend chart left Vega's own accessible texts in place, in English on a Dutch page ("X-axis
    titled year for a discrete scale with 8 values", every bar a "bar")."""
    app = open_page(monkeypatch, seed_store, "coverage")
    [spec] = chart_specs(app)
    [chart] = app.get("vega_lite_chart")
    assert chart.proto.alt.startswith("Staafdiagram van de samenwerkingen die per jaar zijn gestart")
    encoding = spec["encoding"]
    assert isinstance(encoding, dict)
    assert encoding["x"]["axis"]["description"] == "Horizontale as: Jaar"
    assert encoding["y"]["axis"]["description"] == "Verticale as: Samenwerkingen"
    assert encoding["color"]["legend"]["description"] == "Legenda: Actief, Verkennend, Beëindigd, Onbekend"
    assert spec["mark"] == {"type": "bar", "ariaRoleDescription": "staaf"}
    assert spec["config"] == {"locale": {"number": {"decimal": ",", "thousands": ".", "grouping": [3],
                                                    "currency": ["€ ", ""]}}}  # fmt: skip
    said = pa.ipc.open_stream(chart.proto.data.data).read_all().column("said").to_pylist()
    assert said and all(re.fullmatch(r"\d{4}, (Actief|Verkennend|Beëindigd|Onbekend): \d+", text) for text in said)
    # Regression: a collaboration of a status the source does not give (2019 in the seed data) had no bar, so
    # the chart said 0 where the table said 1 started
    assert "2019, Onbekend: 1" in said, said

    app.sidebar.radio[0].set_value("en").run()
    [spec] = chart_specs(app)
    assert spec["encoding"]["x"]["axis"]["description"] == "Horizontal axis: Year"  # type: ignore[index]
    assert spec["mark"]["ariaRoleDescription"] == "bar"  # type: ignore[index]


def test_a_pages_filters_stand_above_the_sign_in_box(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    """Regression: the province filter was drawn after the sign-in box, at the bottom of a long sidebar."""

    def in_order(node: Any) -> list[str]:
        found = [str(getattr(node, "label", ""))] if getattr(node, "type", "") in ("selectbox", "expander") else []
        for child in getattr(node, "children", {}).values():
            found += in_order(child)
        return found

    for page in ("coverage", "map", "suggestions"):
        shown = in_order(open_page(monkeypatch, seed_store, page).sidebar)
        assert shown.index("Provincie") < shown.index("Aanmelden coördinator"), (page, shown)


def test_a_csv_file_keeps_its_address_when_the_page_runs_again(
    monkeypatch: pytest.MonkeyPatch, seed_store: str
) -> None:
    """Regression: "CSV downloaden" clicked right after signing in fetched nothing ("Deferred file … not found"): a
    file made on click is known by a name Streamlit renews with every run of the page, and the click still held the
    name of the run before. A table's CSV files are made with the page, at an address the next run keeps."""
    addresses = []
    for _ in range(2):
        app = open_page(monkeypatch, seed_store, "coverage")
        buttons = {button.proto.label: button.proto for button in app.get("download_button")}
        csv, semicolon = buttons["CSV downloaden"], buttons["CSV voor Excel downloaden (puntkomma)"]
        assert csv.url.endswith(".csv") and not csv.deferred_file_id
        addresses.append((csv.url, semicolon.url))
    assert addresses[0] == addresses[1]
