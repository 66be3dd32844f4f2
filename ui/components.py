"""Reusable pieces of the pages: example cards, tables and downloads in the reader's language, map layers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import pydeck as pdk
import streamlit as st
from pandas.io.formats.style import Styler

from graph.intake.cells import excel_bytes, spreadsheet_csv_bytes
from graph.model.formats import number, percent

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


def example_card(row: Any) -> None:
    """One collaboration with its story; every value from data is shown as inert text."""
    current = labels()
    with st.container(border=True):
        st.markdown(f"**{safe(row.library)}** × **{safe(row.care_organisation)}**")
        details = [current.status(row.status)]
        if row.municipality:
            details.append(safe(row.municipality))
        if row.start_date:
            details.append(f"{t('started')} {safe(row.start_date)}")
        if row.participants:
            details.append(f"{t('participants')}: {int(row.participants)}")
        st.caption(" · ".join(details))
        if row.activities:
            st.caption(f"{t('activities')}: {safe(current.activity_list(row.activities))}")
        st.markdown(safe(row.description))
        if row.source_url:
            st.link_button(t("source"), row.source_url)
        columns = st.columns(2)
        columns[0].page_link(PAGES["organisation"], label=safe(row.library), query_params={"org": row.library_org_id})
        columns[1].page_link(
            PAGES["organisation"], label=safe(row.care_organisation), query_params={"org": row.care_org_id}
        )


def with_province_names(frame: pd.DataFrame) -> pd.DataFrame:
    """Provinces by name, never by code (PV27): the code column is dropped beside a name column, else named."""
    if "province_code" not in frame.columns:
        return frame
    if "province" in frame.columns:
        return frame.drop(columns="province_code")
    return frame.assign(province_code=frame.province_code.map(lambda code: labels().province(str(code))))


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """A table as a download holds it: provinces by name and headings in the reader's language."""
    return with_province_names(frame).rename(columns=headings(frame.columns))


def _formatter(column: str, series: pd.Series) -> Callable[[object], str] | None:
    lang = language()
    types = pd.api.types
    if column in PLAIN_COLUMNS or types.is_bool_dtype(series) or not types.is_numeric_dtype(series):
        return None
    if column.endswith("_share"):
        return lambda value: percent(float(value) * 100, lang, 2)  # type: ignore[arg-type]
    decimals = 0 if types.is_integer_dtype(series) else DECIMALS.get(column, 1)
    return lambda value: number(value, lang, decimals)  # type: ignore[arg-type]


def table_view(frame: pd.DataFrame) -> Styler | pd.DataFrame:
    """A table for ``st.dataframe`` as a reader of the UI language reads it: 1.234 and 3,6 in Dutch, provinces by
    name. Only the display changes, so columns still sort by their values and downloads keep the numbers."""
    if frame.size > MAX_FORMATTED_CELLS:
        return frame
    formatters: dict[str, Callable[[object], str]] = {}
    for column in frame.columns:
        found = _formatter(str(column), frame[column])
        if found is not None:
            formatters[str(column)] = found
    if "province_code" in frame.columns:
        formatters["province_code"] = lambda code: labels().province(str(code))
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
    Excel, and Excel; headings in the reader's language; no cell can run as a formula (graph/intake/cells.py)."""
    table = readable(frame)
    columns = st.columns(3)
    columns[0].download_button(
        t("download_csv"), spreadsheet_csv_bytes(table), f"{name}.csv", "text/csv", key=f"{key}_csv"
    )
    columns[1].download_button(
        t("download_csv_semicolon"),
        spreadsheet_csv_bytes(table, semicolon=True),
        f"{name}-excel-nl.csv",
        "text/csv",
        key=f"{key}_csv_semicolon",
    )
    columns[2].download_button(
        t("download_xlsx"),
        excel_bytes({name[:31]: table}),
        f"{name}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx",
    )


def site_layers(sites: pd.DataFrame) -> list[pdk.Layer]:
    frame = sites.assign(
        colour=sites.kind.map({"library": LIBRARY_COLOUR, "care": CARE_COLOUR}),
        label=sites.site.astype(str) + " — " + sites.organisation.astype(str),
    )
    return [
        pdk.Layer(
            "ScatterplotLayer",
            data=frame,
            id="sites",
            get_position=["lon", "lat"],
            get_fill_color="colour",
            get_radius=350,
            radius_min_pixels=3,
            radius_max_pixels=12,
            pickable=True,
            stroked=True,
            get_line_color=[255, 255, 255],
            line_width_min_pixels=1,
        )
    ]


def line_layer(lines: pd.DataFrame) -> pdk.Layer:
    frame = lines.assign(colour=lines.status.map(LINE_COLOURS))
    return pdk.Layer(
        "LineLayer",
        data=frame[["library_lon", "library_lat", "care_lon", "care_lat", "colour"]],
        id="collaborations",
        get_source_position=["library_lon", "library_lat"],
        get_target_position=["care_lon", "care_lat"],
        get_color="colour",
        get_width=2,
        width_min_pixels=1,
    )


def municipality_layer(features: dict[str, Any]) -> pdk.Layer:
    for feature in features["features"]:
        feature["properties"]["fill"] = COVERAGE_COLOURS[feature["properties"]["coverage"]]
    return pdk.Layer(
        "GeoJsonLayer",
        data=features,
        id="municipalities",
        get_fill_color="properties.fill",
        get_line_color=[110, 119, 129, 120],
        line_width_min_pixels=0.5,
        stroked=True,
        filled=True,
        pickable=False,
    )


def deck(layers: list[pdk.Layer], tooltip_field: str = "label") -> pdk.Deck:
    """A map that needs no internet for its layers; the background tiles are an optional extra."""
    return pdk.Deck(
        layers=layers,
        initial_view_state=pdk.ViewState(latitude=52.15, longitude=5.3, zoom=6.4),
        map_style=None,
        # "text" tooltips are inserted as text, never parsed as HTML.
        tooltip={"text": "{" + tooltip_field + "}"},
    )
