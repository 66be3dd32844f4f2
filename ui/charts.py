"""Bar charts whose every word is in the reader's language, including what a screen reader hears.

Streamlit's `st.bar_chart` leaves Vega's generated accessible texts in English: an axis is announced as "X-axis
titled … for a discrete scale with 12 values" and a bar as "bar", also on a Dutch page. Here the chart, its axes,
its legend and every bar are described in the reader's language, and numbers are written the reader's way.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from graph.model.formats import number

from .context import language, t

# The long table's own column names; a reader never sees them (the axes and the tooltip carry their own titles).
SERIES = "series"
VALUE = "value"
SAID = "said"
# d3-format locales, so that an axis reads 1.000 on a Dutch page and 1,000 on an English one.
NUMBER_LOCALES = {
    "nl": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["€ ", ""]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["€", ""]},
}


def bar_chart(
    per_x: pd.DataFrame,
    *,
    x_title: str,
    y_title: str,
    description: str,
    grouped: bool = False,
    colours: list[list[int]] | None = None,
) -> None:
    """Bars for each column of ``per_x`` (its index along the x axis, each column a series in the legend),
    stacked, or side by side when ``grouped``; ``description`` names the chart for a screen reader, ``colours``
    (red, green, blue) are the series' colours, in order, where a series has a colour elsewhere in the app."""
    lang = language()
    series = [str(column) for column in per_x.columns]
    long = per_x.set_axis(series, axis="columns").rename_axis("x").reset_index()
    long = long.melt(id_vars="x", var_name=SERIES, value_name=VALUE)
    long["x"] = long["x"].astype(str)  # a year is a category here, not an amount with a thousands separator
    rows = zip(long["x"], long[SERIES], long[VALUE], strict=True)
    long[SAID] = [f"{x}, {name}: {number(value, lang)}" for x, name, value in rows]
    encoding: dict[str, object] = {
        "x": {
            "field": "x",
            "type": "ordinal",
            "title": x_title,
            "axis": {"labelAngle": 0, "description": t("chart_x_axis", title=x_title)},
        },
        "y": {
            "field": VALUE,
            "type": "quantitative",
            "title": y_title,
            "axis": {"format": ",d", "tickMinStep": 1, "description": t("chart_y_axis", title=y_title)},
        },
        "color": {
            "field": SERIES,
            "type": "nominal",
            "title": None,
            "sort": series,
            "legend": {"orient": "bottom", "description": t("chart_legend", series=", ".join(series))},
        },
        "description": {"field": SAID},
        "tooltip": [
            {"field": "x", "type": "ordinal", "title": x_title},
            {"field": SERIES, "type": "nominal", "title": t("chart_series")},
            {"field": VALUE, "type": "quantitative", "title": y_title, "format": ",d"},
        ],
    }
    if len(series) == 1:  # the chart's heading names its one series: a legend would say it again
        encoding["color"]["legend"] = None  # type: ignore[index]
    if colours is not None:
        encoding["color"]["scale"] = {  # type: ignore[index]
            "domain": series,
            "range": [f"rgb({red},{green},{blue})" for red, green, blue in colours],
        }
    if grouped:
        encoding["xOffset"] = {"field": SERIES, "type": "nominal", "sort": series}
    st.vega_lite_chart(
        long,
        {
            "mark": {"type": "bar", "ariaRoleDescription": t("chart_bar")},
            "encoding": encoding,
            "config": {"locale": {"number": NUMBER_LOCALES[lang]}},
        },
        width="stretch",
        alt=description,
    )
