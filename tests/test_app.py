"""Every page of the web app, with Streamlit's AppTest on real stores: empty, seed and demo data."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from rdflib import Graph
from streamlit.testing.v1 import AppTest

from devtools.demo import write_demo
from graph.intake.importer import import_path
from graph.intake.reference import has_reference
from graph.intake.setup import initialise, prepare
from graph.settings import REPO_ROOT, Settings
from graph.store.atlas import Atlas
from graph.views.network_view import DEFAULT_MAX_NODES, SIZES, WIDEST
from ui.context import FILTER_KEY
from ui.context import PAGES as ALL_PAGES
from ui.i18n import text

from .conftest import SEED, reference_dir, run_cli

APP = str(REPO_ROOT / "app.py")
PAGES = sorted(ALL_PAGES)
#: What the app shows in place of a page that raised: AppTest then sees no exception at all.
FAILED = {text(key, lang) for key in ("page_failed", "store_failed") for lang in ("nl", "en")}


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("demo")
    write_demo(folder / "data", scale=0.05, seed=11, reference=reference_dir())
    atlas = Atlas.open(Settings(store=str(folder / "store"), reference=reference_dir()))
    initialise(atlas, seed=folder / "data")
    return atlas.settings.store


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("seed")
    atlas = Atlas.open(Settings(store=str(folder / "store"), reference=reference_dir()))
    initialise(atlas, seed=SEED)
    return atlas.settings.store


@pytest.fixture(scope="session")
def demo_only_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """What `python -m devtools demo --scale 1 --load` leaves in a new store: records, but no reference data."""
    folder = tmp_path_factory.mktemp("demo-only")
    write_demo(folder / "data", scale=0.05, seed=11, reference=reference_dir())
    atlas = Atlas.open(Settings(store=str(folder / "store"), reference=None))
    assert import_path(atlas, folder / "data", agent="demo").ok
    assert not has_reference(atlas.store)
    return atlas.settings.store


@pytest.fixture(scope="session")
def reference_only_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Vocabulary and municipalities, no records yet."""
    folder = tmp_path_factory.mktemp("reference-only")
    atlas = Atlas.open(Settings(store=str(folder / "store"), reference=reference_dir()))
    prepare(atlas)
    return atlas.settings.store


def open_page(monkeypatch: pytest.MonkeyPatch, store: str, page: str, **query: str) -> AppTest:
    monkeypatch.setenv("PASSENDWERK_STORE", store)
    app = AppTest.from_file(APP, default_timeout=120)
    for key, value in query.items():
        app.query_params[key] = value
    app.switch_page(f"ui/pages/{page}.py")
    return app.run()


def assert_shown(app: AppTest) -> None:
    """The page ran to its end: no exception, and not the notice the app shows instead of one (``app.py`` keeps
    tracebacks from visitors, so a page that raised looks like a page without an exception to AppTest)."""
    assert not app.exception, app.exception
    assert not [error.value for error in app.error if error.value in FAILED]


def texts(app: AppTest) -> str:
    parts = [element.value for element in (*app.markdown, *app.caption, *app.title, *app.subheader, *app.info)]
    parts += [metric.label for metric in app.metric]
    return "\n".join(str(part) for part in parts)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_empty_data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, page: str) -> None:
    app = open_page(monkeypatch, str(tmp_path / "empty"), page)
    assert_shown(app)


def test_no_examples_say_so_without_a_pager_over_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Regression: on an empty store "Nog geen praktijkvoorbeelden met een verhaal." stood above "Pagina (van 1)"
    and "0 praktijkvoorbeelden"."""
    app = open_page(monkeypatch, str(tmp_path / "empty"), "examples")
    assert_shown(app)
    assert "Nog geen praktijkvoorbeelden met een verhaal." in [str(element.value) for element in app.markdown]
    assert not app.number_input and "0 praktijkvoorbeelden" not in texts(app)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_seed_data(monkeypatch: pytest.MonkeyPatch, seed_store: str, page: str) -> None:
    app = open_page(monkeypatch, seed_store, page, org="abrona")
    assert_shown(app)
    assert app.title or app.selectbox


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_demo_data(monkeypatch: pytest.MonkeyPatch, demo_store: str, page: str) -> None:
    app = open_page(monkeypatch, demo_store, page, org="demo-library-00001")
    assert_shown(app)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_a_demo_only_store_without_reference_data(
    monkeypatch: pytest.MonkeyPatch, demo_only_store: str, page: str
) -> None:
    """Kaart crashed here: a municipality without a name (no reference data) reached the select box as NaN."""
    app = open_page(monkeypatch, demo_only_store, page, org="demo-library-00001")
    assert_shown(app)
    for box in app.sidebar.selectbox:
        assert all(isinstance(option, str) and option for option in box.options), box.options
    if page == "map":  # the box that crashed is drawn, with the demo's municipalities
        assert len(app.sidebar.selectbox(key=FILTER_KEY + "municipality").options) > 1


def test_the_overview_and_an_area_profile_without_reference_data_say_what_is_not_known(
    monkeypatch: pytest.MonkeyPatch, demo_only_store: str
) -> None:
    """Regression: on a store filled by the demo alone the overview said 0,0 % of the inhabitants lived in a
    covered municipality, and a municipality's profile said "0 inwoners", offered "GM0983 (gemeente, )", compared
    it with a province without a name, and found none of its collaborations ("Nog geen samenwerkingen in de
    atlas" under its 19 active ones)."""
    overview = open_page(monkeypatch, demo_only_store, "overview")
    assert {metric.label: metric.value for metric in overview.metric}["Inwoners in die gemeenten"] == "–"
    atlas = Atlas.open(Settings(store=demo_only_store, reference=None))
    counts = atlas.answer("collaboration-overview").municipality_code.value_counts()
    code, own = str(counts.index[0]), int(counts.iloc[0])
    profile = open_page(monkeypatch, demo_only_store, "factsheet", gemeente=code)
    assert_shown(profile)
    caption = " ".join(str(element.value) for element in profile.caption)
    assert "inwoners onbekend" in caption and " 0 inwoners" not in caption
    assert not profile.selectbox(key="factsheet_search").format_func(code).endswith(", )")
    assert list(profile.dataframe[0].value.columns) == ["Cijfer", code, "Nederland"]
    assert "(" not in str(profile.dataframe[0].value.iloc[0, 1])  # no rate without inhabitants
    assert "Samenwerkingen" in [header.value for header in profile.subheader]
    assert "Nog geen samenwerkingen in de atlas." not in texts(profile)
    assert len([box for box in profile.markdown if box.value.startswith("**")]) >= min(own, 10)


def test_coverage_without_reference_data_says_none_and_no_false_0_percent(
    monkeypatch: pytest.MonkeyPatch, demo_only_store: str
) -> None:
    """Regression: on a store filled by the demo alone, *Dekking* wrote "None" in every *Inwoners* cell of the gap
    list, and its row per province said 0 inhabitants and 0,00 % covered under an empty province name."""
    app = open_page(monkeypatch, demo_only_store, "coverage")
    assert_shown(app)
    by_province, gaps = app.dataframe[0].value, app.dataframe[1].value
    assert list(by_province.province) == ["provincie onbekend"]
    assert by_province.population.isna().all() and by_province.population_covered_share.isna().all()
    assert len(gaps) and gaps.population.isna().all()
    assert {table.proto.placeholder for table in app.dataframe} == {""}  # a missing value is an empty cell
    assert "– van de inwoners" in texts(app)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_a_reference_only_store(
    monkeypatch: pytest.MonkeyPatch, reference_only_store: str, page: str
) -> None:
    app = open_page(monkeypatch, reference_only_store, page)
    assert_shown(app)


@pytest.mark.parametrize("page", PAGES)
def test_language_switch_changes_the_labels(monkeypatch: pytest.MonkeyPatch, seed_store: str, page: str) -> None:
    dutch = open_page(monkeypatch, seed_store, page, org="abrona")
    english = open_page(monkeypatch, seed_store, page, org="abrona", lang="en")
    assert not english.exception
    assert texts(dutch) != texts(english)
    assert english.sidebar.radio[0].label == "Language"


def test_overview_key_figures(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    app = open_page(monkeypatch, seed_store, "overview")
    figures = {metric.label: metric.value for metric in app.metric}
    assert figures["Bibliotheken"] == "7" and figures["Actieve samenwerkingen"] == "5"
    # Venlo, Woerden, Aalten, De Fryske Marren; not Dordrecht, whose collaboration's status is unknown
    assert figures["Gedekte gemeenten"] == "4"
    assert "Nieuwste praktijkvoorbeelden" in texts(app)


def test_empty_store_says_how_to_load_data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    app = open_page(monkeypatch, str(tmp_path / "empty"), "overview")
    assert any("python -m graph init" in info.value for info in app.info)


def test_an_unreachable_server_is_said_plainly_on_every_page(monkeypatch: pytest.MonkeyPatch) -> None:
    from devtools.local_server import free_port

    for page in ("overview", "submit"):
        address = f"http://127.0.0.1:{free_port()}/query"
        app = open_page(monkeypatch, address, page)
        assert not app.exception
        assert any("gegevensopslag gaf een fout" in error.value for error in app.error)
        # what the store said names the server's address: the log has it, a visitor does not see it
        assert not any(address in str(element.value) for element in [*app.text, *app.markdown, *app.error])
        assert app.sidebar  # the navigation stays, so the user can go elsewhere
    # a signed-in coordinator, who can act on it, is told what the store said
    monkeypatch.setenv("PASSENDWERK_STORE", f"http://127.0.0.1:{free_port()}/query")
    app = AppTest.from_file(APP, default_timeout=120)
    app.session_state["coordinator"] = "Coördinator Anna"
    app.switch_page("ui/pages/overview.py")
    app.run()
    assert any("niet bereikbaar" in str(element.value) for element in app.text)


def test_map_filters_change_what_is_shown(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    everything = open_page(monkeypatch, seed_store, "map")
    assert "14 locaties en 7 samenwerkingen getoond." in texts(everything)
    limburg = open_page(monkeypatch, seed_store, "map", province="PV31")
    assert "4 locaties en 2 samenwerkingen getoond." in texts(limburg)
    ended = open_page(monkeypatch, seed_store, "map", status="ended")
    # Regression: the map said "1 samenwerkingen"; one of a thing is singular in both languages
    assert "14 locaties en 1 samenwerking getoond." in texts(ended)
    unknown = open_page(monkeypatch, seed_store, "map", status="unknown")
    assert "14 locaties en 1 samenwerking getoond." in texts(unknown)
    work = open_page(monkeypatch, seed_store, "map", activity="werk")
    assert "14 locaties en 6 samenwerkingen getoond." in texts(work)  # werk includes its narrower activities


def test_network_figures_and_filters(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    app = open_page(monkeypatch, seed_store, "network", province="all")  # the page starts with one province
    figures = {metric.label: metric.value for metric in app.metric}
    assert figures == {"Organisaties": "14", "Samenwerkingen": "7", "Groepen": "7", "Grootste groep": "2"}
    filtered = open_page(monkeypatch, seed_store, "network", province="all", activity="ontmoeting")
    # Abrona (ontmoeting) and Dinxperlo (voorlezen, narrower than ontmoeting)
    assert {metric.label: metric.value for metric in filtered.metric}["Samenwerkingen"] == "2"


def drawn_organisations(app: AppTest) -> int:
    """How many organisations the network's drawing holds (its own page sits, escaped, in the frame's srcdoc)."""
    [frame] = app.get("iframe")
    return html.unescape(frame.proto.srcdoc).count('"shape"')


def test_a_national_network_is_drawn_at_a_readable_size_and_widens_on_request(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The demo at a third of national scale: about a hundred organisations, more than the drawing starts with."""
    write_demo(tmp_path / "data", scale=0.3, seed=11, reference=reference_dir())
    atlas = Atlas.open(Settings(store=str(tmp_path / "store"), reference=reference_dir()))
    initialise(atlas, seed=tmp_path / "data")
    app = open_page(monkeypatch, atlas.settings.store, "network", province="all")
    [warning] = [element.value for element in app.warning]
    found = re.search(r"Hier horen (\d+) organisaties bij; de (\d+) best verbonden", warning)
    assert found, warning
    total = int(found.group(1))
    assert total > DEFAULT_MAX_NODES and int(found.group(2)) == DEFAULT_MAX_NODES == drawn_organisations(app)
    app.sidebar.select_slider(key="network_size").set_value(SIZES[0]).run()
    assert drawn_organisations(app) == SIZES[0]
    app.sidebar.select_slider(key="network_size").set_value(WIDEST).run()
    assert drawn_organisations(app) == min(total, WIDEST)
    assert bool(app.warning) == (total > WIDEST)


def test_organisation_page_shows_sites_partners_stories_and_suggestions(
    monkeypatch: pytest.MonkeyPatch, seed_store: str
) -> None:
    app = open_page(monkeypatch, seed_store, "organisation", org="werkleercentrum-psw")
    assert app.title[0].value == "Werkleercentrum PSW"
    shown = texts(app)
    assert "Al jaren doen deelnemers van Werkleercentrum PSW" in shown
    assert "Kansrijke nieuwe partners in de buurt" in shown
    suggestions = app.dataframe[-1].value
    assert "Bibliotheek Venlo" in set(suggestions["library_organisation"])
    assert "Bibliotheek Tegelen" not in set(suggestions["library_organisation"])
    # Regression: the page's own name in every row pushed the reasons beyond the page's right edge
    assert list(suggestions.columns) == ["library_organisation", "distance_km", "score", "reasons"]
    reasons = json.loads(app.dataframe[-1].proto.columns)["reasons"]
    assert (reasons["label"], reasons["width"]) == ("Redenen", 300)


def test_a_long_site_name_wraps_in_a_column_of_its_own_width(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    """Regression: a site's column took the width of its longest name, so with a name of 150 characters the
    numbers beside it lay beyond the page's right edge."""
    from ui.components import NAME_WIDTH, ROW_HEIGHT

    long = open_page(monkeypatch, seed_store, "organisation", org="werkleercentrum-psw").dataframe[0]
    assert long.value.site.str.len().max() > 40  # "Werkleercentrum PSW (deelnemers in Tegelen)"
    assert json.loads(long.proto.columns)["site"]["width"] == NAME_WIDTH
    assert long.proto.row_height > 64  # Streamlit wraps a cell's text only in rows taller than 4rem
    short = open_page(monkeypatch, seed_store, "organisation", org="bibliotheek-tegelen").dataframe[0]
    site = json.loads(short.proto.columns)["site"]
    assert (site["label"], site["width"]) == ("Locatie", NAME_WIDTH)  # its heading kept
    assert short.proto.row_height in (0, ROW_HEIGHT)  # short names keep rows of one line


def test_a_name_of_four_lines_gets_a_row_of_four_lines() -> None:
    """Regression: a site's name of 150 characters took four lines in its column, and its row of three lines cut
    the last ("… voor Werk en Ontmoeting" read "… voor Werk")."""
    from ui.components import CELL_PADDING, LINE_HEIGHT, MOST_NAME_LINES, WRAPPING_ROW_HEIGHT, wrapping_row_height

    assert wrapping_row_height(60) == WRAPPING_ROW_HEIGHT  # two lines: the least a wrapping row has
    assert wrapping_row_height(150) >= CELL_PADDING + 4 * LINE_HEIGHT
    assert wrapping_row_height(150) < wrapping_row_height(170) <= wrapping_row_height(10_000)
    assert wrapping_row_height(10_000) == CELL_PADDING + MOST_NAME_LINES * LINE_HEIGHT  # a row is never a page


def test_a_listing_is_not_as_tall_as_its_one_longest_name() -> None:
    """A listing of hundreds of sites had every row four lines tall for the one name of 150 characters among them;
    a table shown whole fits its longest name."""

    def table(rows: int) -> None:
        import pandas as pd

        from ui.components import data_table

        names = ["Bibliotheek De Groene Venen, locatie Woerden Centrum"] * (rows - 1) + ["Locatie " + "lang " * 30]
        data_table(pd.DataFrame({"site": names}), hide_index=True)

    from ui.components import WRAPPING_ROW_HEIGHT, wrapping_row_height

    listing = AppTest.from_function(table, args=(300,)).run()
    assert not listing.exception and listing.dataframe[0].proto.row_height == WRAPPING_ROW_HEIGHT
    whole = AppTest.from_function(table, args=(3,)).run()
    assert whole.dataframe[0].proto.row_height == wrapping_row_height(len("Locatie " + "lang " * 30))


def test_unknown_organisation_is_said_plainly(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    app = open_page(monkeypatch, seed_store, "organisation", org="nobody")
    assert not app.exception
    assert any("niet in de atlas" in warning.value for warning in app.warning)


def test_suggestions_filters_and_radius(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    wide = open_page(monkeypatch, seed_store, "suggestions", radius="50")
    narrow = open_page(monkeypatch, seed_store, "suggestions", radius="1")
    assert len(wide.dataframe[0].value) > 0
    assert_says_no_suggestions_in_words(narrow)


def assert_says_no_suggestions_in_words(app: AppTest) -> None:
    assert_shown(app)
    assert "0 suggesties" in texts(app) and "Geen suggesties binnen deze straal." in texts(app)
    # Streamlit draws an empty table as a grid marked "empty", in English on a Dutch page
    assert not app.dataframe


def test_a_radius_without_suggestions_says_so_in_dutch_instead_of_an_empty_table(
    monkeypatch: pytest.MonkeyPatch, seed_store: str
) -> None:
    assert_says_no_suggestions_in_words(open_page(monkeypatch, seed_store, "suggestions", radius="1", province="PV31"))
    limburg = open_page(monkeypatch, seed_store, "suggestions", radius="50", province="PV31")
    assert set(limburg.dataframe[0].value["municipality"]) == {"Venlo"}


def test_coverage_tables_and_province_filter(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    app = open_page(monkeypatch, seed_store, "coverage")
    gaps = app.dataframe[1].value
    # Weesp: library and care, but the collaboration ended; Dordrecht: its collaboration's status is unknown
    assert list(gaps["municipality"]) == ["Amsterdam", "Dordrecht"]
    limburg = open_page(monkeypatch, seed_store, "coverage", province="PV31")
    # Limburg has no gaps: that table says so in words, so the per-municipality table is the last one by area
    per_municipality = [table.value for table in limburg.dataframe if "municipality_code" in table.value.columns][-1]
    assert len(per_municipality) == 31 and set(per_municipality["province_code"]) == {"PV31"}


def test_coverage_per_year_follows_the_province_and_per_activity_says_it_is_national(
    monkeypatch: pytest.MonkeyPatch, seed_store: str
) -> None:
    """Regression: with Limburg chosen, "Gestart per jaar" showed the whole country's collaborations."""

    def started(app: AppTest) -> int:
        table = next(table.value for table in app.dataframe if "started" in getattr(table.value, "columns", []))
        # the statuses add up to the started ones: one of 2019 has a status the source does not give
        statuses = table[["active", "exploring", "ended", "status_unknown"]].sum(axis="columns")
        assert statuses.tolist() == table["started"].tolist(), table
        return int(table["started"].sum())

    country = open_page(monkeypatch, seed_store, "coverage")
    limburg = open_page(monkeypatch, seed_store, "coverage", province="PV31")
    # data/seed: four collaborations with a start year, one of them in Limburg (Daelzicht in Venlo, 2021)
    assert (started(country), started(limburg)) == (4, 1)
    national = "Deze cijfers gelden voor heel Nederland, niet alleen voor de gekozen provincie."
    assert national in texts(limburg) and national not in texts(country)


def test_every_column_of_the_coverage_per_province_has_its_own_heading(
    monkeypatch: pytest.MonkeyPatch, seed_store: str
) -> None:
    """Regression: in English the number and the share of inhabitants covered were both "Population covered"."""
    for lang in ("nl", "en"):
        table = open_page(monkeypatch, seed_store, "coverage", lang=lang).dataframe[0].proto
        labels = [column["label"] for column in json.loads(table.columns).values() if "label" in column]
        assert len(labels) == len(set(labels)), labels


def test_questions_page_runs_a_named_query_with_a_parameter(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    app = open_page(monkeypatch, seed_store, "questions", q="coverage", p_province_code="PV26")
    answer = app.dataframe[0].value
    assert len(answer) == 26
    assert app.selectbox(key="p_coverage_province_code").value == "PV26"


def test_console_answers_an_ask_query_in_the_readers_language(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    """Regression: an ASK query answered "✔ true" on the Dutch page."""
    app = open_page(monkeypatch, seed_store, "questions")
    app.text_area(key="console").set_value("ASK { ?o org:classification kind:network }")
    app.button(key="run_console").click().run()
    assert "✔ ja (de vraag heeft een antwoord)" in texts(app)


def test_console_refuses_writes_in_dutch(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    app = open_page(monkeypatch, seed_store, "questions")
    app.text_area(key="console").set_value("DELETE WHERE { ?s ?p ?o }")
    app.button(key="run_console").click().run()
    assert any("Alleen lezen" in error.value for error in app.error)
    app.text_area(key="console").set_value("SELECT ?n WHERE { ?o org:classification kind:network ; schema:name ?n }")
    app.button(key="run_console").click().run()
    assert len(app.dataframe[-1].value) == 2


def test_console_says_a_broken_regex_is_why_no_rows_came(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    """Regression: a pattern the engine cannot read answered "no rows" with nothing to say why."""
    app = open_page(monkeypatch, seed_store, "questions")
    app.text_area(key="console").set_value('SELECT ?n WHERE { ?o schema:name ?n FILTER(REGEX(?n, "Bib(")) }')
    app.button(key="run_console").click().run()
    assert not app.exception
    shown = [warning.value for warning in app.warning]  # as Markdown: the pattern's ( is escaped
    assert any("REGEX kan het patroon" in warning and "niet lezen" in warning for warning in shown), shown
    result = run_cli("sparql", 'ASK { ?o schema:name ?n FILTER(REGEX(?n, "[Bib")) }', store=seed_store)
    assert result.returncode == 0 and result.stdout.strip() == "false"
    assert "let op (note): REGEX kan het patroon '[Bib' niet lezen" in result.stderr


def test_console_says_when_a_construct_was_capped(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    app = open_page(monkeypatch, seed_store, "questions")
    # every pair of municipalities: 342 × 342 triples, far over the cap
    pairs = "CONSTRUCT { ?a pw:near ?b } WHERE { ?a a pw:Municipality . ?b a pw:Municipality }"
    app.text_area(key="console").set_value(pairs)
    app.button(key="run_console").click().run()
    assert any("Afgekapt na 10.000 triples" in warning.value for warning in app.warning)
    assert len(Graph().parse(data=app.code[-1].value, format="turtle")) == 10_000


def test_examples_gallery_filters_by_activity(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    everything = open_page(monkeypatch, seed_store, "examples")
    meeting = open_page(monkeypatch, seed_store, "examples", activity="ontmoeting")
    assert texts(everything).count(" × ") == 7
    assert texts(meeting).count(" × ") == 2  # Abrona (ontmoeting) and Dinxperlo (voorlezen is narrower)


def test_pages_follow_a_write_made_while_the_app_runs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Regression: cached answers were keyed without the data version and showed stale data after a write."""
    atlas = Atlas.open(Settings(store=str(tmp_path / "store"), reference=reference_dir()))
    prepare(atlas)
    before = open_page(monkeypatch, atlas.settings.store, "map", province="PV31")
    assert "0 locaties en 0 samenwerkingen getoond." in texts(before)
    assert import_path(atlas, SEED).ok
    after = open_page(monkeypatch, atlas.settings.store, "map", province="PV31")
    assert "4 locaties en 2 samenwerkingen getoond." in texts(after)


def seeded_atlas_with_coordinator(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Atlas:
    """The seed graph and one coordinator, Anna, whose password is "een lang wachtwoord"."""
    from graph.privacy.accounts import add_coordinator

    atlas = Atlas.open(Settings(store=str(tmp_path / "store"), reference=reference_dir()))
    initialise(atlas, seed=SEED)
    secrets = tmp_path / "secrets.toml"
    add_coordinator("anna", "Anna de Vries", "een lang wachtwoord", secrets)
    monkeypatch.setenv("PASSENDWERK_SECRETS", str(secrets))
    return atlas


def test_submit_and_review_flow_in_the_app(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Also a regression: the map preview of a new organisation changed a column's type, which pandas refuses."""
    atlas = seeded_atlas_with_coordinator(monkeypatch, tmp_path)
    form = open_page(monkeypatch, atlas.settings.store, "submit")
    form.text_input(key="library_search").set_value("de bibliotheek woerden").run()
    form.selectbox(key="library_site").set_value("bibliotheek-woerden-woerden").run()
    form.selectbox(key="care_site").set_value("__new__").run()
    form.text_input(key="care_name").set_value("Zorgcentrum De Linde").run()
    form.text_input(key="care_town").set_value("Harmelen").run()
    form.multiselect(key="activities").set_value(["boeken-repareren"]).run()
    form.text_input(key="start_date").set_value("2025-09").run()
    form.text_area(key="story").set_value("Bewoners repareren boeken.").run()
    form.button(key="send").click().run()
    assert any("Niet verstuurd" in error.value for error in form.error)  # the sender's e-mail is missing
    assert any("geldig e\\-mailadres" in error.value for error in form.error)  # next to the field, as inert text
    form.text_input(key="submitter_email").set_value("partner@example.org").run()
    form.button(key="send").click().run()
    assert not form.exception
    success = [element.value for element in form.success]
    assert success and "PW-" in success[0]
    review = open_page(monkeypatch, atlas.settings.store, "review")
    assert any("alleen voor coördinatoren" in info.value for info in review.info)
    review.sidebar.text_input(key="sign_in_username").set_value("anna")
    review.sidebar.text_input(key="sign_in_password").set_value("een lang wachtwoord")
    review.sidebar.button(key="sign_in_button").click().run()
    review.run()
    # A reload signs out (the sign-in lives in the page's session): the sidebar says so to the coordinator.
    assert any("tot u deze pagina herlaadt" in caption.value for caption in review.sidebar.caption)
    approve_buttons = [button for button in review.button if str(button.key).startswith("approve_PW-")]
    assert len(approve_buttons) == 1
    approve_buttons[0].click().run()
    assert not review.exception
    from ui.components import ROW_HEIGHT

    from .test_app_forms import as_shown

    decisions = as_shown(review.dataframe[-1])
    # Regression: a rejection's reason was cut at its column's edge ("Dubbel ingestuurd; de samen…"): it wraps in a
    # column of its own width, in rows as tall as the longest text needs
    assert isinstance(json.loads(review.dataframe[-1].proto.columns)["decision"]["width"], int)
    assert review.dataframe[-1].proto.row_height > ROW_HEIGHT
    # What was decided and why, then when and by whom, within the page's width; the code and the sender after.
    assert list(decisions.columns) == ["Samenwerking", "Besluit", "Besloten", "Referentiecode", "Ingezonden"]
    assert list(decisions["Besluit"]) == ["Goedgekeurd"] and decisions["Besloten"][0].endswith(" · Anna de Vries")
    overview = open_page(monkeypatch, atlas.settings.store, "organisation", org="bibliotheek-woerden")
    assert "Zorgcentrum De Linde" in texts(overview) and "Bewoners repareren boeken" in texts(overview)


def test_a_wrong_password_is_refused_and_the_review_stays_closed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    atlas = seeded_atlas_with_coordinator(monkeypatch, tmp_path)
    review = open_page(monkeypatch, atlas.settings.store, "review")
    review.sidebar.text_input(key="sign_in_username").set_value("anna")
    review.sidebar.text_input(key="sign_in_password").set_value("een ander wachtwoord")
    review.sidebar.button(key="sign_in_button").click().run()
    assert [error.value for error in review.sidebar.error] == ["Onbekende gebruiker of verkeerd wachtwoord."]
    assert any("alleen voor coördinatoren" in info.value for info in review.info)
    assert not [button for button in review.button if str(button.key).startswith("approve_")]


def test_gallery_draws_twenty_examples_at_a_time(monkeypatch: pytest.MonkeyPatch, demo_store: str) -> None:
    """Regression: the gallery drew every example at once, which took tens of seconds at national scale."""
    app = open_page(monkeypatch, demo_store, "examples")
    assert texts(app).count(" × ") == 20
    assert any("praktijkvoorbeelden" in caption.value for caption in app.caption)


def test_the_review_page_opens_the_sign_in_its_message_points_to(
    monkeypatch: pytest.MonkeyPatch, seed_store: str
) -> None:
    """Regression: the review said "meld u aan in de zijbalk", and the sign-in was a closed box at the sidebar's
    bottom, under the filters."""
    review = open_page(monkeypatch, seed_store, "review")
    [box] = [box for box in review.sidebar.expander if box.label == "Aanmelden coördinator"]
    assert box.proto.expanded
    overview = open_page(monkeypatch, seed_store, "overview")
    [closed] = [box for box in overview.sidebar.expander if box.label == "Aanmelden coördinator"]
    assert not closed.proto.expanded  # elsewhere it stays out of the way


def test_counts_with_gaps_read_as_whole_numbers_and_large_tables_as_small_ones(
    monkeypatch: pytest.MonkeyPatch, seed_store: str
) -> None:
    """Regression: "Deelnemers" read 9,0 and 15,0 on Vragen (and 10.0 in the CSV file), and a listing too large to
    format cell by cell wrote its points 51.3777 where a smaller one wrote 52,04107, and its provinces as codes."""

    def tables(rows: int) -> None:
        import pandas as pd
        import streamlit as st

        from ui.components import data_table, readable

        frame = pd.DataFrame(
            {
                "participants": [10.0, None, 15.0] * rows,
                "lat": [51.37772, 52.04107, 50.8] * rows,
                "province_code": ["PV31", "PV26", "PV31"] * rows,
            }
        )
        data_table(frame, hide_index=True)
        st.text(readable(frame).to_csv(index=False))

    from ui.components import MAX_FORMATTED_CELLS

    monkeypatch.setenv("PASSENDWERK_STORE", seed_store)
    small = AppTest.from_function(tables, args=(1,), default_timeout=60).run()
    assert not small.exception
    assert str(small.dataframe[0].value["participants"].dtype) == "Int64"
    assert "Deelnemers" in small.text[0].value and "10," in small.text[0].value and "10.0" not in small.text[0].value
    large = AppTest.from_function(tables, args=(MAX_FORMATTED_CELLS // 9 + 1,), default_timeout=60).run()
    shown = large.dataframe[0].value
    assert list(shown.lat[:3]) == ["51,37772", "52,04107", "50,8"]
    assert list(shown.province_code[:2]) == ["Limburg", "Utrecht"]
    assert str(shown.participants.dtype) == "Int64"


def test_coverage_per_municipality_is_listed_by_name(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    """Regression: "Per gemeente" was listed by CBS code (GM0014 Groningen, GM0034 Almere, …), where a policy
    officer looks a municipality up by its name; 's-Hertogenbosch stands under H."""
    from graph.views.area_names import sort_key

    app = open_page(monkeypatch, seed_store, "coverage")
    [table] = [frame.value for frame in app.dataframe if "population" in frame.value and len(frame.value) > 300]
    names = list(table.municipality)
    assert len(names) == 342 and names == sorted(names, key=sort_key)
    assert names[0] == "Aa en Hunze"
    assert names.index("Heerlen") < names.index("'s-Hertogenbosch") < names.index("Heusden")


def test_coverage_says_the_whole_country_above_the_provinces(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    """Regression: "Per provincie" had no figures for the Netherlands as a whole, which a policy officer compares
    their province with; they are the provinces added up."""
    app = open_page(monkeypatch, seed_store, "coverage")
    [sentence] = [md.value for md in app.markdown if "Heel Nederland" in md.value]
    provinces = [frame.value for frame in app.dataframe if "province_code" in frame.value and len(frame.value) == 12]
    assert provinces, "the table per province"
    table = provinces[0]
    assert f"{int(table.municipalities.sum())} gemeenten" in sentence
    share = table.population_covered.sum() / table.population.sum() * 100
    assert f"{share:.1f}".replace(".", ",") + " %" in sentence
    english = open_page(monkeypatch, seed_store, "coverage", lang="en")
    assert any("The whole Netherlands" in md.value for md in english.markdown)
