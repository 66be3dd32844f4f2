"""Reusable pieces of the pages: example cards, downloads and the pydeck map layers."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pydeck as pdk
import streamlit as st

from graph.intake.cells import csv_bytes, excel_bytes

from .context import PAGES, labels, safe, t

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
        # One link per line: side by side in a card of half the page, long names were cut off.
        st.page_link(PAGES["organisation"], label=safe(row.library), query_params={"org": row.library_org_id})
        st.page_link(PAGES["organisation"], label=safe(row.care_organisation), query_params={"org": row.care_org_id})


def downloads(frame: pd.DataFrame, name: str, key: str) -> None:
    """CSV and Excel downloads of a table; no cell can run as a formula (graph/intake/cells.py)."""
    columns = st.columns(2)
    columns[0].download_button(t("download_csv"), csv_bytes(frame), f"{name}.csv", "text/csv", key=f"{key}_csv")
    columns[1].download_button(
        t("download_xlsx"),
        excel_bytes({name[:31]: frame}),
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
