"""The map, coverage and network pages as a policy officer uses them: maps that zoom to the filter, points that do
not hide each other, a coverage tooltip, and a network that starts focused and names its brokers in words."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from graph.analysis.network import DEFAULT_MAX_NODES, WIDEST, brokers, build_graph, figures, limit_graph, neighbourhood
from graph.intake.importer import import_path
from graph.intake.setup import initialise
from graph.settings import Settings
from graph.store.atlas import Atlas
from graph.views.map_fit import NETHERLANDS, bounds_of_points, fit_view
from graph.views.network_drawing import MAIN_FONT, MAIN_LABELS, OTHER_FONT, drawing_data, label_box
from ui.map_layers import LINE_COLOURS

from .conftest import SEED, TINY, reference_dir
from .test_app import demo_store, open_page, texts

__all__ = ["demo_store"]  # a fixture, shared with the page tests

REPO = Path(__file__).resolve().parent.parent
LIMBURG = (50.75, 51.78, 5.55, 6.25)  # south, north, west, east of the province


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> str:
    atlas = Atlas.open(Settings(store=str(tmp_path_factory.mktemp("seed") / "store"), reference=reference_dir()))
    initialise(atlas, seed=SEED)
    return atlas.settings.store


def deck_spec(app: AppTest, index: int = 0) -> dict[str, Any]:
    charts = app.get("deck_gl_json_chart")
    return json.loads(charts[index].proto.json)


def layer(spec: dict[str, Any], layer_id: str) -> dict[str, Any]:
    return next(found for found in spec["layers"] if found["id"] == layer_id)


# --- zoom to the filter --------------------------------------------------------------------------------------


def test_fit_view_of_a_province_is_closer_than_the_country_and_centred_on_it() -> None:
    view = fit_view((5.55, 50.75, 6.25, 51.78))
    assert 50.75 < view.latitude < 51.78 and 5.55 < view.longitude < 6.25
    assert view.zoom > NETHERLANDS.zoom + 1
    assert bounds_of_points([51.0, float("nan")], [6.0, 5.0]) == (6.0, 51.0, 6.0, 51.0)


def test_map_zooms_to_the_chosen_province_and_municipality(monkeypatch: pytest.MonkeyPatch, seed: str) -> None:
    country = deck_spec(open_page(monkeypatch, seed, "map"))["initialViewState"]
    limburg = deck_spec(open_page(monkeypatch, seed, "map", province="PV31"))["initialViewState"]
    venlo = deck_spec(open_page(monkeypatch, seed, "map", province="PV31", municipality="GM0983"))["initialViewState"]
    assert country["zoom"] == NETHERLANDS.zoom
    south, north, west, east = LIMBURG
    assert south < limburg["latitude"] < north and west < limburg["longitude"] < east
    assert limburg["zoom"] > country["zoom"] + 1
    assert 51.3 < venlo["latitude"] < 51.5 and venlo["zoom"] > limburg["zoom"]


def test_coverage_map_zooms_to_the_chosen_province(monkeypatch: pytest.MonkeyPatch, seed: str) -> None:
    country = deck_spec(open_page(monkeypatch, seed, "coverage"))["initialViewState"]
    limburg = deck_spec(open_page(monkeypatch, seed, "coverage", province="PV31"))["initialViewState"]
    south, north, west, east = LIMBURG
    assert south < limburg["latitude"] < north and west < limburg["longitude"] < east
    assert limburg["zoom"] > country["zoom"] + 1


@pytest.mark.parametrize("province", ["PV31", ""])
def test_coverage_zooms_to_a_chosen_municipality_and_narrows_its_rows_to_it(
    monkeypatch: pytest.MonkeyPatch, seed: str, province: str
) -> None:
    """Dekking had a province filter only: choosing a municipality there zoomed nothing."""
    area = open_page(monkeypatch, seed, "coverage", province=province)
    app = open_page(monkeypatch, seed, "coverage", province=province, municipality="GM0983")
    assert app.sidebar.selectbox(key="filter_municipality").value == "GM0983"
    before, venlo = deck_spec(area), deck_spec(app)
    view = venlo["initialViewState"]
    assert 51.3 < view["latitude"] < 51.5 and 6.0 < view["longitude"] < 6.3
    assert view["zoom"] > before["initialViewState"]["zoom"] + 1
    assert "chosen-area" not in [found["id"] for found in before["layers"]]
    assert layer(venlo, "chosen-area")["data"]  # which of the municipalities in view is Venlo
    rows = [table.value for table in app.dataframe if "municipality_code" in table.value.columns]
    assert rows and all(set(table.municipality_code) <= {"GM0983"} for table in rows)
    assert any(list(table.municipality_code) == ["GM0983"] for table in rows)  # its row per municipality
    links = [(link.proto.label, link.proto.query_string) for link in app.get("page_link")]
    assert ("Profiel van Venlo", "gemeente=GM0983") in links, links
    assert "het verloop van de gekozen gemeente staat op haar profiel" in texts(app)


# --- points that do not hide each other, lines that show -----------------------------------------------------


def test_library_sites_are_drawn_over_larger_care_sites(monkeypatch: pytest.MonkeyPatch, seed: str) -> None:
    spec = deck_spec(open_page(monkeypatch, seed, "map"))
    order = [found["id"] for found in spec["layers"]]
    assert order.index("care-sites") < order.index("library-sites")
    care, library = layer(spec, "care-sites"), layer(spec, "library-sites")
    # A library and a care site on one point: a blue dot inside a red ring, at every zoom.
    assert library["radiusMaxPixels"] < care["radiusMaxPixels"]
    assert library["radiusMinPixels"] < care["radiusMinPixels"]
    assert layer(spec, "collaborations-active")["widthMinPixels"] >= 2


def test_collaboration_lines_are_drawn_over_the_dots(monkeypatch: pytest.MonkeyPatch, seed: str) -> None:
    """Regression: most partners lie close together, so on the national map their lines ran under the dots of
    their own sites and could hardly be seen."""
    spec = deck_spec(open_page(monkeypatch, seed, "map"))
    drawn = [found["id"] for found in spec["layers"]]
    lines = [found for found in drawn if found.startswith("collaborations-")]
    assert lines and drawn[drawn.index("care-sites") + 1 : -1] == lines and drawn[-1] == "library-sites"
    # a click on a dot under a line still opens it
    assert not any(layer(spec, found).get("pickable") for found in lines)
    # Regression: where a library's lines met they covered its blue dot, 3 pixels across once zoomed to a town
    assert layer(spec, "library-sites")["radiusMinPixels"] >= 5


def test_every_line_layer_has_one_colour_so_the_browser_prepares_line_drawing_once(
    monkeypatch: pytest.MonkeyPatch, seed: str
) -> None:
    """Regression (first render): the collaborations carried a colour per line and the borders one colour for all,
    so a browser without a graphics card prepared the drawing of lines twice, about 0.15 s of the map's first
    render. Now each status has its own layer of one colour, active lines on top, and every line is still drawn."""
    app = open_page(monkeypatch, seed, "map")
    spec = deck_spec(app)
    line_layers = [found for found in spec["layers"] if found["@@type"] == "LineLayer"]
    assert all(isinstance(found["getColor"], list) for found in line_layers)
    collaborations = {found["id"]: found for found in line_layers if found["id"].startswith("collaborations-")}
    assert len(collaborations) > 1 and list(collaborations)[-1] == "collaborations-active"
    for layer_id, found in collaborations.items():
        assert found["getColor"] == LINE_COLOURS[layer_id.removeprefix("collaborations-")]
    drawn = sum(len(found["data"]) for found in collaborations.values())
    assert f"en {drawn} samenwerkingen getoond" in texts(app)


def test_the_hovered_site_lights_up_as_its_tooltip_stands_in_the_corner(
    monkeypatch: pytest.MonkeyPatch, seed: str
) -> None:
    spec = deck_spec(open_page(monkeypatch, seed, "map"))
    assert layer(spec, "care-sites")["autoHighlight"] and layer(spec, "library-sites")["autoHighlight"]


def test_map_sends_the_browser_compact_json_with_only_what_it_draws(monkeypatch: pytest.MonkeyPatch, seed: str) -> None:
    """Regression: pydeck indents its JSON and every site carried its names, ids and label twice over; the
    national map at demo scale 1 was 5.4 MB in one message."""
    chart = open_page(monkeypatch, seed, "map").get("deck_gl_json_chart")[0].proto
    assert "\n" not in chart.json  # no indentation (tooltips' line breaks are escaped inside strings)
    spec = json.loads(chart.json)
    for layer_id in ("care-sites", "library-sites"):
        assert {key for row in layer(spec, layer_id)["data"] for key in row} == {"lon", "lat", "tooltip", "row"}


@pytest.mark.parametrize("page_name", ["map", "coverage"])
def test_municipality_borders_are_one_line_layer_with_each_border_once(
    monkeypatch: pytest.MonkeyPatch, seed: str, page_name: str
) -> None:
    """The GeoJSON layer's own stroke is a path layer, a program of its own that took a browser without a
    graphics card about 1.5 s to prepare; the borders are drawn with the collaborations' kind of layer."""
    app = open_page(monkeypatch, seed, page_name, province="PV31")
    if page_name == "map":
        app.sidebar.toggle[0].set_value(True).run()
    spec = deck_spec(app)
    assert layer(spec, "municipalities")["stroked"] is False
    borders = layer(spec, "municipalities-borders")
    assert borders["@@type"] == "LineLayer"
    edges = [(tuple(edge["from"]), tuple(edge["to"])) for edge in borders["data"]]
    assert edges and len(edges) == len(set(edges))


def test_the_map_draws_the_municipal_borders_and_colours_them_by_coverage_on_request(
    monkeypatch: pytest.MonkeyPatch, seed: str
) -> None:
    """The map opens with the municipalities' borders only: the coverage colours hid the green lines of active
    collaborations, and took a quarter of a second of the first render in a browser without a graphics card.
    The switch in the sidebar colours them, and the legend says what each colour means."""
    app = open_page(monkeypatch, seed, "map", province="PV31")
    drawn = [found["id"] for found in deck_spec(app)["layers"]]
    assert "municipalities-borders" in drawn and "municipalities" not in drawn
    assert "gemeentegrens" in texts(app) and "gemeente met actieve samenwerking" not in texts(app)
    switch = app.sidebar.toggle[0]
    assert switch.label == "Gemeenten kleuren naar dekking" and switch.value is False
    switch.set_value(True).run()
    drawn = [found["id"] for found in deck_spec(app)["layers"]]
    assert drawn.index("municipalities") < drawn.index("municipalities-borders") < drawn.index("care-sites")
    assert "gemeente met actieve samenwerking" in texts(app)


def test_the_coverage_colours_live_in_the_maps_address_so_a_shared_link_shows_them(
    monkeypatch: pytest.MonkeyPatch, seed: str
) -> None:
    shared = open_page(monkeypatch, seed, "map", province="PV31", colours="1")
    assert shared.sidebar.toggle[0].value is True
    assert "municipalities" in [found["id"] for found in deck_spec(shared)["layers"]]
    shared.sidebar.toggle[0].set_value(False).run()
    assert "colours" not in shared.query_params
    assert "municipalities" not in [found["id"] for found in deck_spec(shared)["layers"]]

    typed = open_page(monkeypatch, seed, "map", colours="ja")
    assert typed.sidebar.toggle[0].value is False
    notice = " ".join(str(warning.value) for warning in typed.warning).replace("\\", "")  # as shown: unescaped
    # the value it ignored, and what the page shows instead in words (it said "toont daarom: 0")
    assert "ja" in notice and "Gemeenten kleuren naar dekking: uit" in notice


# --- the coverage tooltip ------------------------------------------------------------------------------------


def test_coverage_map_tooltip_names_the_municipality_and_its_figures(
    monkeypatch: pytest.MonkeyPatch, seed: str
) -> None:
    spec = deck_spec(open_page(monkeypatch, seed, "coverage", province="PV31"))
    municipalities = layer(spec, "municipalities")
    assert municipalities["pickable"] is True
    venlo = next(f for f in municipalities["data"]["features"] if f["properties"]["code"] == "GM0983")
    # Venlo holds the Stadsbibliotheek with Daelzicht and Tegelen with PSW (data/seed), and 103,789 people.
    assert venlo["tooltip"].split("\n") == [
        "Venlo",
        "Bibliotheeklocaties: 2",
        "Zorglocaties: 2",
        "Actieve samenwerkingen: 2",
        "Inwoners: 103.789",
    ]


def test_site_tooltip_names_site_organisation_kind_and_collaborations(
    monkeypatch: pytest.MonkeyPatch, seed: str
) -> None:
    app = open_page(monkeypatch, seed, "map", province="PV31", lang="en")
    chart = app.get("deck_gl_json_chart")[0].proto
    # "text" tooltips are set as text by deck.gl, never parsed as HTML; they wrap at a width that fits the map.
    tooltip = json.loads(chart.tooltip)
    assert tooltip["text"] == "{tooltip}" and "html" not in tooltip
    assert tooltip["style"]["maxWidth"] == "260px"
    care = layer(json.loads(chart.json), "care-sites")["data"]
    assert (
        "Daelzicht (dagbesteding in de Stadsbibliotheek) — Daelzicht\nCare organisation, Venlo\nCollaborations: 1"
    ) in [row["tooltip"] for row in care]


def test_the_map_written_once_for_every_visitor_follows_the_language_the_filter_and_a_write(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The map's JSON is written once per view and shared by every visitor (making it took 0.1-0.2 s of each
    visit): another language, another filter or another version of the data is another map."""
    atlas = Atlas.open(Settings(store=str(tmp_path / "store"), reference=reference_dir()))
    initialise(atlas, seed=SEED)

    def library_tooltips(**query: str) -> list[str]:
        app = open_page(monkeypatch, atlas.settings.store, "map", **query)
        assert not app.exception, app.exception
        return [row["tooltip"] for row in layer(deck_spec(app), "library-sites")["data"]]

    dutch = library_tooltips()
    assert dutch == library_tooltips()  # the next visitor gets the same map
    assert all("Samenwerkingen" in tooltip for tooltip in dutch)
    assert all("Collaborations" in tooltip for tooltip in library_tooltips(lang="en"))
    limburg = library_tooltips(province="PV31")
    assert 0 < len(limburg) < len(dutch)
    assert not any("Alfa Woerden" in tooltip for tooltip in dutch)
    assert import_path(atlas, TINY).written
    assert any("Alfa Woerden" in tooltip for tooltip in library_tooltips())


def test_a_write_while_a_visitor_opens_the_map_is_on_the_map_of_the_next_visitor(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Regression: an import landed between the page's read of the map data and the writing of its JSON; the map
    of the data before the import was kept under the version after it, and every later visitor got it (its caption,
    read anew, counted the new sites the map did not draw). A run now keys every answer by the version it began
    with."""
    from graph.views import map_view

    atlas = Atlas.open(Settings(store=str(tmp_path / "store"), reference=reference_dir()))
    initialise(atlas, seed=SEED)
    writes = [TINY]
    really_narrowed = map_view.narrowed

    def narrowed_while_another_process_writes(*arguments: Any) -> Any:
        while writes:
            assert import_path(Atlas.open(atlas.settings), writes.pop()).written
        return really_narrowed(*arguments)

    monkeypatch.setattr(map_view, "narrowed", narrowed_while_another_process_writes)

    def library_tooltips() -> list[str]:
        app = open_page(monkeypatch, atlas.settings.store, "map")
        assert not app.exception, app.exception
        return [row["tooltip"] for row in layer(deck_spec(app), "library-sites")["data"]]

    assert not any("Alfa Woerden" in tooltip for tooltip in library_tooltips())  # opened before the write
    assert not writes
    assert any("Alfa Woerden" in tooltip for tooltip in library_tooltips())


# --- the network ---------------------------------------------------------------------------------------------


def test_network_starts_with_the_busiest_province_and_widens_to_the_country(
    monkeypatch: pytest.MonkeyPatch, seed: str
) -> None:
    focused = open_page(monkeypatch, seed, "network")
    assert focused.sidebar.selectbox(key="filter_province").value is not None
    country = open_page(monkeypatch, seed, "network", province="all")
    figures = {metric.label: metric.value for metric in country.metric}
    assert figures["Organisaties"] == "14"
    assert int({m.label: m.value for m in focused.metric}["Organisaties"]) < 14


def test_network_around_one_organisation_at_a_chosen_depth(monkeypatch: pytest.MonkeyPatch, seed: str) -> None:
    around = open_page(monkeypatch, seed, "network", org="abrona")
    figures = {metric.label: metric.value for metric in around.metric}
    assert figures["Organisaties"] == "2" and figures["Groepen"] == "1"
    assert "Stappen vanaf de organisatie" in [slider.label for slider in around.main.slider]  # with its chooser


def test_neighbourhood_keeps_what_lies_within_the_depth() -> None:
    chain = nx.path_graph(["a", "b", "c", "d"])
    assert set(neighbourhood(chain, "a", 1)) == {"a", "b"}
    assert set(neighbourhood(chain, "a", 2)) == {"a", "b", "c"}
    assert len(neighbourhood(chain, "zzz", 2)) == 0


def test_brokers_are_counted_in_groups_they_connect() -> None:
    """A hub library with three care partners, one of which also works with a second library."""
    graph = nx.Graph()
    for node, kind in [("hub", "library"), ("c1", "care"), ("c2", "care"), ("c3", "care"), ("lib2", "library")]:
        graph.add_node(node, name=node, kind=kind)
    graph.add_edges_from([("hub", "c1"), ("hub", "c2"), ("hub", "c3"), ("c3", "lib2")])
    found = brokers(graph).set_index("organisation_id")
    # Without the hub: {c1}, {c2}, {c3, lib2} — three groups, three organisations cut off from the largest.
    assert found.loc["hub", "groups"] == 3 and found.loc["hub", "cut_off"] == 2
    assert found.loc["c3", "groups"] == 2 and found.loc["c3", "cut_off"] == 1
    assert list(found.index) == ["hub", "c3"]


def test_brokers_are_explained_in_words_not_as_a_betweenness_value(monkeypatch: pytest.MonkeyPatch, seed: str) -> None:
    app = open_page(monkeypatch, seed, "network", province="all")
    tables = [frame.value for frame in app.dataframe]
    assert all("betweenness" not in table.columns for table in tables)
    assert "Verbinders" in texts(app)


def test_the_brokers_sentence_has_the_pages_width(monkeypatch: pytest.MonkeyPatch, seed: str) -> None:
    """Regression: the two tables stood side by side, and "verbindt 3 groepen die elkaar anders niet raken" was
    cut off after "verbindt 3" in the half-width column."""
    app = open_page(monkeypatch, seed, "network", province="all")
    assert app.dataframe  # the organisations with most partners, and the brokers where there are any
    assert not [column for column in app.main.columns if len(column.dataframe)]


def test_the_brokers_sentence_wraps_in_a_column_of_its_own_width(
    monkeypatch: pytest.MonkeyPatch, demo_store: str
) -> None:
    """Regression: at 1280 pixels the sentence was cut at its column's edge ("… zonder haar raken 7 o")."""
    from ui.components import NAME_WIDTH

    app = open_page(monkeypatch, demo_store, "network", province="all")
    [brokers] = [table for table in app.dataframe if "connects" in table.value.columns]
    assert json.loads(brokers.proto.columns)["connects"]["width"] == NAME_WIDTH
    assert brokers.value.connects.str.len().max() > 40 and brokers.proto.row_height > 64


def _libraries_with_care_partners(cares: int, libraries: int, care_name: str, library_name: str) -> nx.Graph:
    """``cares`` care organisations, each working with one of ``libraries`` libraries in turn."""
    graph = nx.Graph()
    for index in range(cares):
        graph.add_node(f"care{index}", name=care_name.format(index), kind="care")
        graph.add_node(f"lib{index % libraries}", name=library_name.format(index % libraries), kind="library")
        graph.add_edge(f"lib{index % libraries}", f"care{index}", weight=1)
    return graph


def test_only_the_main_organisations_carry_a_label_at_every_zoom() -> None:
    star = _libraries_with_care_partners(40, 4, "Zorg {}", "Bieb {}")
    nodes = drawing_data(star, {}, focus="care7")["nodes"]
    big = {str(node["label"]) for node in nodes if node["font"] == {"size": MAIN_FONT}}
    assert len(big) <= MAIN_LABELS + 1 and {"Bieb 0", "Zorg 7"} <= big  # the best connected, and the focus
    assert all(node["font"] == {"size": OTHER_FONT} for node in nodes if node["label"] not in big)


def test_the_chosen_organisation_stands_out_in_the_network() -> None:
    """Regression: an organisation chosen as the focus looked like any other; the reader had to find it by name."""
    star = _libraries_with_care_partners(40, 4, "Zorg {}", "Bieb {}")
    nodes = {node["id"]: node for node in drawing_data(star, {}, focus="care7")["nodes"]}
    ringed = [node for node, drawn in nodes.items() if isinstance(drawn["color"], dict)]
    assert ringed == ["care7"] and nodes["care7"]["borderWidth"] == 5
    assert nodes["care7"]["size"] > nodes["care8"]["size"]  # the same one partner, drawn larger


def test_organisations_of_the_same_name_are_told_apart_by_where_they_work() -> None:
    """Regression: four "Bibliotheek Rotterdam e.o. (demo)" in the network and its table could not be told apart."""
    import pandas as pd

    rows = pd.DataFrame(
        {
            "library_org_id": ["lib-1", "lib-2"],
            "library": ["Bibliotheek Rotterdam e.o.", "Bibliotheek Rotterdam e.o."],
            "care_org_id": ["care-1", "care-2"],
            "care_organisation": ["Zorg A", "Zorg B"],
            "municipality": ["Rotterdam", "Capelle aan den IJssel"],
        }
    )
    graph = build_graph(rows)
    tooltips = {node["id"]: node["tooltip"] for node in drawing_data(graph, {"library": "bibliotheek"})["nodes"]}
    # The place is said where the name does not say it already ("Bibliotheek Rotterdam e.o. (Rotterdam)" said it twice).
    assert tooltips["lib-1"].startswith("Bibliotheek Rotterdam e.o. — bibliotheek")
    assert tooltips["lib-2"].startswith("Bibliotheek Rotterdam e.o. (Capelle aan den IJssel) — bibliotheek")
    table = figures(graph).degree
    assert set(zip(table.organisation, table.municipality, strict=True)) >= {
        ("Bibliotheek Rotterdam e.o.", "Rotterdam"),
        ("Bibliotheek Rotterdam e.o.", "Capelle aan den IJssel"),
    }


def test_main_labels_are_never_written_over_each_other() -> None:
    """Regression: in Zuid-Holland (demo data) about eight main names were printed on top of each other."""
    names = ("Zorggroep Rotterdam {} (demo)", "Bibliotheek Rotterdam e.o. {} (demo)")
    crowd = _libraries_with_care_partners(60, 12, *names)
    nodes = drawing_data(crowd, {}, focus="care5")["nodes"]
    boxes = {
        str(node["label"]): label_box(str(node["label"]), float(node["x"]), float(node["y"]), float(node["size"]))
        for node in nodes
        if node["font"] == {"size": MAIN_FONT}
    }
    assert "Zorggroep Rotterdam 5 (demo)" in boxes and len(boxes) >= 3
    for name, box in boxes.items():
        for other, other_box in boxes.items():
            overlapping = (
                box[0] < other_box[2] and other_box[0] < box[2] and box[1] < other_box[3] and other_box[1] < box[3]
            )
            assert name == other or not overlapping, (name, other)


def test_network_draws_a_readable_number_and_offers_to_widen(monkeypatch: pytest.MonkeyPatch, seed: str) -> None:
    hub = nx.Graph()
    for index in range(150):
        hub.add_node(f"care{index}", name=f"Zorg {index}", kind="care")
        hub.add_node(f"lib{index % 30}", name=f"Bieb {index % 30}", kind="library")
        hub.add_edge(f"lib{index % 30}", f"care{index}", weight=1)
    drawn, limited = limit_graph(hub, DEFAULT_MAX_NODES)
    assert limited and drawn.number_of_nodes() == DEFAULT_MAX_NODES
    app = open_page(monkeypatch, seed, "network", province="all")
    widen = app.sidebar.select_slider(key="network_size")
    assert widen.value == DEFAULT_MAX_NODES and widen.options[-1] == str(WIDEST)


# --- one cache, pages that only arrange widgets --------------------------------------------------------------


@pytest.mark.parametrize("page", ["map", "coverage", "network", "overview", "examples"])
def test_page_has_no_cache_or_query_of_its_own(page: str) -> None:
    source = (REPO / "ui" / "pages" / f"{page}.py").read_text(encoding="utf-8")
    for forbidden in ("cache_data", "cache_resource", ".answer(", "atlas()", ".store", "graph.analysis"):
        assert forbidden not in source, (page, forbidden)


def test_the_map_legend_shows_each_line_colour_beside_its_status(monkeypatch: pytest.MonkeyPatch, seed: str) -> None:
    """Regression: the legend named the line colours in words ("groen: actief"), with no colour to see."""
    legend = " ".join(element.value for element in open_page(monkeypatch, seed, "map").markdown)
    for swatch, status in ((":green[━━]", "Actief"), (":orange[━━]", "Verkennend"), (":gray[━━]", "Beëindigd")):
        assert f"{swatch} {status}" in legend


def test_the_chosen_municipality_is_outlined_and_its_sites_are_drawn_small(
    monkeypatch: pytest.MonkeyPatch, seed: str
) -> None:
    """Regression: with Gemeente = Venlo the map zoomed in, but Venlo looked like its neighbours, and its care
    sites, 600 m wide at every zoom, ran together into one red blot."""
    country = deck_spec(open_page(monkeypatch, seed, "map"))
    venlo = deck_spec(open_page(monkeypatch, seed, "map", province="PV31", municipality="GM0983"))
    assert "chosen-area" not in [found["id"] for found in country["layers"]]
    outline = layer(venlo, "chosen-area")
    segments = outline["data"]
    assert segments and all(
        50.9 < point[1] < 51.7 and 5.9 < point[0] < 6.3 for segment in segments for point in segment.values()
    )
    order = [found["id"] for found in venlo["layers"]]
    assert order.index("municipalities-borders") < order.index("chosen-area") < order.index("care-sites")
    for kind in ("care-sites", "library-sites"):
        assert layer(venlo, kind)["getRadius"] < layer(country, kind)["getRadius"] / 8, kind
        assert layer(venlo, kind)["radiusMinPixels"] == layer(country, kind)["radiusMinPixels"]  # still seen


def test_a_broker_that_holds_one_organisation_is_said_in_the_singular(
    monkeypatch: pytest.MonkeyPatch, demo_store: str
) -> None:
    """Regression: "zonder haar raken 1 organisaties los"."""
    app = open_page(monkeypatch, demo_store, "network", province="all")
    said = [str(cell) for frame in app.dataframe for column in frame.value.columns for cell in frame.value[column]]
    assert not [words for words in said if "raken 1 organisaties" in words]
    assert [words for words in said if "zonder haar raak" in words]  # the sentence is there to be checked


@pytest.mark.parametrize("page", ["coverage", "map"])
def test_the_legend_explains_the_pale_municipalities_too(monkeypatch: pytest.MonkeyPatch, seed: str, page: str) -> None:
    """Regression: municipalities with no library or care site were drawn pale, and the legend did not say why."""
    app = open_page(monkeypatch, seed, page)
    if page == "map":  # coloured on request (the switch in the sidebar)
        app.sidebar.toggle[0].set_value(True).run()
    assert not app.exception
    assert ":gray[□] nog geen bibliotheek of zorg in de atlas" in texts(app)


def test_a_line_to_a_partner_across_the_border_ends_at_a_drawn_site(demo_store: str) -> None:
    """Regression: with a province chosen, a collaboration of a library there with a care site in another province
    was drawn as a line that ended in empty space."""
    from graph.model.viewer import ANONYMOUS
    from graph.store.labels import load_labels
    from graph.views.map_view import MapFilters, narrowed, province_map

    atlas = Atlas.open(Settings(store=demo_store))
    labels = load_labels(atlas, "nl")
    crossing = 0
    for province in sorted(labels.provinces):
        whole = province_map(atlas, ANONYMOUS, province, labels)
        for municipality in [None, *list(whole.municipalities)[:3]]:
            shown = narrowed(whole, labels, MapFilters(province, municipality))
            drawn = set(zip(shown.sites.lat, shown.sites.lon, strict=True))
            for line in shown.lines.itertuples():
                assert (line.library_lat, line.library_lon) in drawn and (line.care_lat, line.care_lon) in drawn
            outside = shown.sites.iloc[len(shown.sites) - shown.partners_elsewhere :]
            assert set(outside.municipality_code).isdisjoint({municipality} if municipality else set())
            crossing += shown.partners_elsewhere
        # only the province's own municipalities are offered, not those of partners across the border
        assert set(whole.municipalities) <= set(
            whole.sites.iloc[: len(whole.sites) - whole.partners_elsewhere].municipality_code
        )
    assert crossing  # the demo data has collaborations across a border, so the test saw some


def test_a_provinces_sites_taken_from_the_countrys_are_those_the_question_gives(demo_store: str) -> None:
    """The province's map takes its sites from the country's (one question fewer): the same rows, in the same
    order, as asking the store for the province's."""
    from graph.analysis.mapdata import sites
    from graph.settings import Settings

    atlas = Atlas.open(Settings(store=demo_store))
    everywhere = sites(atlas)
    for province in sorted(set(everywhere.province_code) - {""}):
        taken = everywhere[everywhere.province_code == province].reset_index(drop=True)
        pd.testing.assert_frame_equal(taken, sites(atlas, province), obj=province)
