"""Reusable pieces of the pages: example cards, tables and downloads in the reader's language, map layers."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from functools import partial
from typing import Any

import pandas as pd
import pydeck as pdk
import streamlit as st
from pandas.io.formats.style import Styler
from pydeck.bindings.json_tools import default_serialize

from graph.intake.cells import excel_bytes, spreadsheet_csv_bytes
from graph.model.formats import number, percent, separators
from graph.views.answer_words import province_names
from graph.views.dates import since
from graph.views.map_borders import border_segments
from graph.views.map_fit import NETHERLANDS, MapView
from graph.views.map_points import fanned_out

from .context import PAGES, headings, labels, language, safe, t

# Decimals shown per column (other fractional columns get one); years and ids are never given separators.
DECIMALS = {"score": 2, "betweenness": 3, "distance_km": 1}
PLAIN_COLUMNS = {"year"}
# Beyond this many cells a table is drawn with its plain numbers: formatting every cell would slow the page.
MAX_FORMATTED_CELLS = 60_000

LIBRARY_COLOUR = [31, 111, 235]
CARE_COLOUR = [209, 36, 47]
LINE_COLOURS = {
    "active": [26, 127, 55],
    "exploring": [219, 109, 40],
    "ended": [140, 149, 159],
    "unknown": [130, 80, 223],
}
COVERAGE_COLOURS = {
    "covered": [26, 127, 55, 110],
    "gap": [219, 109, 40, 110],
    "incomplete": [130, 80, 223, 60],
    "none": [208, 215, 222, 40],
}
BORDER_COLOUR = [110, 119, 129, 120]
OUTLINE_COLOUR = [36, 41, 47, 230]  # the chosen municipality


def example_card(row: Any) -> None:
    """One collaboration with its story; every value from data is shown as inert text."""
    current = labels()
    with st.container(border=True):
        st.markdown(f"**{safe(row.library)}** × **{safe(row.care_organisation)}**")
        details = [current.status(row.status)]
        if row.municipality:
            details.append(safe(row.municipality))
        if row.start_date:
            details.append(f"{t('started')} {safe(since(str(row.start_date), language()))}")
        if row.participants:
            details.append(f"{t('participants')}: {int(row.participants)}")
        st.caption(" · ".join(details))
        if row.activities:
            st.caption(f"{t('activities')}: {safe(current.activity_list(row.activities))}")
        st.markdown(safe(row.description))
        if row.source_url:
            st.link_button(t("source"), row.source_url)
        # One link per line: side by side in a card of half the page, long names were cut off.
        st.page_link(PAGES["organisation"], label=safe(row.library), query_params={"org": row.library_org_id})
        st.page_link(PAGES["organisation"], label=safe(row.care_organisation), query_params={"org": row.care_org_id})


def with_province_names(frame: pd.DataFrame) -> pd.DataFrame:
    """Provinces by name, never by code (PV27), in the reader's language."""
    return province_names(frame, labels())


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """A table as a download holds it: provinces by name, yes and no in words ("Ja", not True) and headings in
    the reader's language."""
    table = with_province_names(frame)
    words = {True: t("yes"), False: t("no")}
    for column in table.columns:
        values = table[column].dropna()
        if len(values) and (pd.api.types.is_bool_dtype(values) or all(isinstance(value, bool) for value in values)):
            table = table.assign(**{column: table[column].map(lambda value: words.get(value, value))})
    return table.rename(columns=headings(frame.columns))


def _formatter(column: str, series: pd.Series) -> Callable[[object], str] | None:
    lang = language()
    types = pd.api.types
    if column in PLAIN_COLUMNS or types.is_bool_dtype(series) or not types.is_numeric_dtype(series):
        return None
    if column.endswith("_share"):
        return lambda value: percent(float(value) * 100, lang, 2)  # type: ignore[arg-type]
    decimals = 0 if types.is_integer_dtype(series) else DECIMALS.get(column, 1)
    return lambda value: number(value, lang, decimals)  # type: ignore[arg-type]


def _mixed_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """A column that holds values of several kinds (the ``?o`` of a free question: names, numbers, dates) as text,
    each value written as the reader writes it. A table column must be of one kind: the browser's table refused
    the column, and Streamlit logged the error and sent it again as text, in a second pass."""
    mixed = [
        column
        for column in frame.columns
        if frame[column].dtype == object and len({type(value) for value in frame[column] if not _is_blank(value)}) > 1
    ]
    if not mixed:
        return frame
    lang = language()
    decimal = separators(lang)[1]

    def written(value: object) -> str:
        if _is_blank(value):
            return ""
        if isinstance(value, int) and not isinstance(value, bool):
            return number(value, lang)
        if isinstance(value, float):
            return repr(value).replace(".", decimal)
        return str(value)

    return frame.assign(**{str(column): frame[column].map(written) for column in mixed})


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def table_view(frame: pd.DataFrame) -> Styler | pd.DataFrame:
    """A table for ``st.dataframe`` as a reader of the UI language reads it: 1.234 and 3,6 in Dutch, provinces by
    name. Only the display changes, so columns still sort by their values and downloads keep the numbers."""
    frame = _mixed_as_text(frame)
    if frame.size > MAX_FORMATTED_CELLS:
        return frame
    formatters: dict[str, Callable[[object], str]] = {}
    for column in frame.columns:
        found = _formatter(str(column), frame[column])
        if found is not None:
            formatters[str(column)] = found
    if "province_code" in frame.columns:
        names = labels()
        formatters["province_code"] = lambda code: names.province(str(code))
    return frame.style.format(formatters, na_rep="")  # type: ignore[arg-type]


def data_table(frame: pd.DataFrame, **options: Any) -> None:
    """``st.dataframe`` in the reader's language (:func:`table_view`); an empty table says so in words (Streamlit
    would draw an empty grid marked "empty")."""
    if frame.empty:
        st.caption(t("no_rows"))
    else:
        st.dataframe(table_view(frame), **options)


def downloads(frame: pd.DataFrame, name: str, key: str) -> None:
    """CSV (with a byte order mark, so Excel reads the accents), CSV with semicolons and decimal commas for Dutch
    Excel, and Excel; headings in the reader's language; no cell can run as a formula (graph/intake/cells.py).

    Each file is made when its button is clicked, not with every run of the page: writing the Excel file of a
    listing of 5,800 sites took seconds on every visit. A click does not run the page again, so the other
    buttons stay valid."""
    table = readable(frame)
    # A share in a CSV file is a percentage, said in its heading ("Aandeel inwoners gedekt (%)": 7.85, as the page
    # shows 7,85 %): a bare 0.0785 read as less than a tenth of a percent. The Excel file keeps the fraction.
    said = headings(frame.columns)
    shares = {said.get(str(c), str(c)): c for c in frame.columns if str(c).endswith("_share")}  # heading: column
    percentages = table.assign(**{heading: (frame[c] * 100).round(2) for heading, c in shares.items()}).rename(
        columns={heading: f"{heading} (%)" for heading in shares}
    )
    columns = st.columns(3)
    columns[0].download_button(
        t("download_csv"),
        partial(spreadsheet_csv_bytes, percentages),
        f"{name}.csv",
        "text/csv",
        key=f"{key}_csv",
        on_click="ignore",
    )
    columns[1].download_button(
        t("download_csv_semicolon"),
        partial(spreadsheet_csv_bytes, percentages, semicolon=True),
        f"{name}-excel-nl.csv",
        "text/csv",
        key=f"{key}_csv_semicolon",
        on_click="ignore",
    )
    # A share stays a fraction Excel can compute with, shown as a percentage (68,15 % in Dutch Excel); whole
    # numbers are grouped as on the page (601.347 in Dutch Excel), years not.
    formats = dict.fromkeys(shares, "0.00%")
    formats |= {
        said.get(str(column), str(column)): "#,##0"
        for column in frame.columns
        if str(column) not in PLAIN_COLUMNS and pd.api.types.is_integer_dtype(frame[column])
    }
    columns[2].download_button(
        t("download_xlsx"),
        partial(excel_bytes, {name[:31]: table}, formats),
        f"{name}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx",
        on_click="ignore",
    )


# A library and a care site on the same point stay both visible: care sites are drawn first and larger, library
# sites on top and smaller, so a shared point reads as a blue dot in a red ring, and at national scale the red
# dots cannot hide the blue ones.
CARE_RADIUS_PX = (6, 16)
LIBRARY_RADIUS_PX = (3, 9)
# Tooltips are text (never parsed as HTML) and wrap at a readable width. They sit in the map's top-left
# corner, as an information panel: deck.gl places a tooltip at the pointer, which put it past the map's edge
# for a point near one, and only a fixed place stays inside the map wherever the pointer is. In that corner
# lies the North Sea on the national map; over a point there, the pointer still shows what it names.
TOOLTIP_STYLE = {
    "maxWidth": "260px",
    "whiteSpace": "pre-line",
    "fontSize": "13px",
    "transform": "none",  # replaces the pointer's position, which deck.gl sets just before this style
    "top": "8px",
    "left": "8px",
}


def site_layers(sites: pd.DataFrame, zoom: float = NETHERLANDS.zoom) -> list[pdk.Layer]:
    """Care sites under library sites, each kind its own layer (``care-sites``, ``library-sites``).

    A dot's size in metres shrinks as the map is drawn closer (``zoom``), so that the 34 sites of one town are 34
    dots, not one blot; its size in pixels stays within the kind's bounds at every zoom.

    Each site carries its tooltip text; sites from a read model bring their own (``tooltip``), others get
    "site — organisation". Only what the browser draws travels to it (position, tooltip) and the site's
    ``row`` in ``sites``, which a selection on the map names: the rest stays on the server.
    """
    if "tooltip" in sites.columns:
        tooltip = sites.tooltip
    else:
        tooltip = sites.site.astype(str) + " — " + sites.organisation.astype(str)
    lat, lon = fanned_out(sites)  # sites of one kind on one point side by side, each reachable
    closer = min(1.0, 2 ** (NETHERLANDS.zoom - zoom))
    frame = pd.DataFrame({"lon": lon, "lat": lat, "tooltip": tooltip.to_numpy(), "row": range(len(sites))})
    layers = []
    for kind, colour, (smallest, largest) in (
        ("care", CARE_COLOUR, CARE_RADIUS_PX),
        ("library", LIBRARY_COLOUR, LIBRARY_RADIUS_PX),
    ):
        layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                data=frame[(sites.kind == kind).to_numpy()],
                id=f"{kind}-sites",
                get_position=["lon", "lat"],
                get_fill_color=colour,
                get_radius=(600 if kind == "care" else 300) * closer,
                radius_min_pixels=smallest,
                radius_max_pixels=largest,
                pickable=True,
                # The hovered dot lights up: its tooltip stands in the map's corner, not beside it.
                auto_highlight=True,
                stroked=True,
                get_line_color=[255, 255, 255],
                line_width_min_pixels=1,
            )
        )
    return layers


def selected_site(event: Any, sites: pd.DataFrame) -> pd.Series | None:
    """The site a visitor clicked on a map of :func:`site_layers` (its row in ``sites``), or None."""
    objects = (event.selection.get("objects") or {}) if event and event.selection else {}
    picked = objects.get("library-sites") or objects.get("care-sites")
    # The selection comes from the browser: anything but a row number of this map is no selection.
    row = picked[0].get("row") if picked and isinstance(picked[0], dict) else None
    if not isinstance(row, int) or isinstance(row, bool) or not 0 <= row < len(sites):
        return None
    return sites.iloc[row]


def line_layer(lines: pd.DataFrame) -> pdk.Layer:
    """Collaborations as lines in the colour of their status, wide enough to see at national scale."""
    frame = lines.assign(colour=lines.status.map(LINE_COLOURS))
    return pdk.Layer(
        "LineLayer",
        data=frame[["library_lon", "library_lat", "care_lon", "care_lat", "colour"]],
        id="collaborations",
        get_source_position=["library_lon", "library_lat"],
        get_target_position=["care_lon", "care_lat"],
        get_color="colour",
        get_width=3,
        width_min_pixels=2,
    )


def area_outline(features: dict[str, Any], code: str) -> pdk.Layer:
    """The outline of the chosen municipality (``chosen-area``), dark and wide over its neighbours' grey borders:
    the map zooms to it, and this says which of the areas in view it is."""
    chosen = [feature for feature in features["features"] if feature["properties"]["code"] == code]
    return pdk.Layer(
        "LineLayer",  # the program of the borders and collaborations: nothing new to prepare in the browser
        data=border_segments(chosen),
        id="chosen-area",
        get_source_position="from",
        get_target_position="to",
        get_color=OUTLINE_COLOUR,
        get_width=3,
        width_min_pixels=3,
    )


def municipality_layers(features: dict[str, Any], pickable: bool = False) -> list[pdk.Layer]:
    """Municipalities coloured by coverage, and their borders; ``pickable`` shows each one's tooltip."""
    shapes = []
    for feature in features["features"]:
        properties = feature["properties"]
        shapes.append({**feature, "properties": {**properties, "fill": COVERAGE_COLOURS[properties["coverage"]]}})
    return shape_layers(shapes, "municipalities", BORDER_COLOUR, pickable)


def shape_layers(
    shapes: list[dict[str, Any]], layer_id: str, border_colour: list[int], pickable: bool = False
) -> list[pdk.Layer]:
    """GeoJSON features filled with their ``properties.fill``, and their borders as a line layer (``…-borders``),
    like the collaborations, not the GeoJSON layer's own stroke (see :mod:`graph.views.map_borders`)."""
    return [
        pdk.Layer(
            "GeoJsonLayer",
            data={"type": "FeatureCollection", "features": shapes},
            id=layer_id,
            get_fill_color="properties.fill",
            stroked=False,
            filled=True,
            pickable=pickable,
            auto_highlight=pickable,
        ),
        pdk.Layer(
            "LineLayer",
            data=border_segments(shapes),
            id=f"{layer_id}-borders",
            get_source_position="from",
            get_target_position="to",
            get_color=border_colour,
            get_width=1,
        ),
    ]


class CompactDeck(pdk.Deck):
    """A deck written as compact JSON. Streamlit sends a deck as ``to_json()`` gives it, and pydeck indents
    it: the national map was 5.4 MB, mostly spaces and line breaks, which the browser had to take in."""

    def to_json(self) -> str:
        return json.dumps(self, separators=(",", ":"), default=default_serialize)


def deck(layers: list[pdk.Layer], view: MapView = NETHERLANDS) -> pdk.Deck:
    """A map drawn from the app alone, centred and zoomed on ``view``; every layer's data carries
    its own ``tooltip`` text."""
    return CompactDeck(
        layers=layers,
        initial_view_state=pdk.ViewState(latitude=view.latitude, longitude=view.longitude, zoom=view.zoom),
        # No background map: its style and tiles would come from another host (the page asks nothing of any
        # host but the app); municipalities give the map its shape. pydeck's default style, left as it is
        # with no provider, tells Streamlit to start no base map at all: a style of our own (even a blank one)
        # made the browser start a second map library and WebGL context under the deck.
        map_provider=None,
        # "text" tooltips are inserted as text, never parsed as HTML.
        tooltip={"text": "{tooltip}", "style": TOOLTIP_STYLE},
    )
