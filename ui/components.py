"""Reusable pieces of the pages: example cards, tables and downloads in the reader's language (the maps' layers
are in :mod:`ui.map_layers`)."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from graph.intake.cells import excel_bytes, spreadsheet_csv_bytes
from graph.model.formats import coordinate, number, percent, separators
from graph.views.answer_words import province_names
from graph.views.dates import SPREADSHEET_DAY, calendar_day, start_phrase

from .address import link_query
from .context import PAGES, headings, labels, language, safe, t

# Decimals shown per column (other fractional columns get one); years and ids are never given separators.
DECIMALS = {"score": 2, "betweenness": 3, "distance_km": 1}
PLAIN_COLUMNS = {"year"}
# A table of at most this many rows is shown whole, each row of Streamlit's height in pixels (with the heading).
WHOLE_TABLE_ROWS = 15
ROW_HEIGHT = 35
#: A row tall enough for a long name to wrap instead of being cut: Streamlit wraps a cell's text only in rows
#: taller than 4rem (64 pixels).
WRAPPING_ROW_HEIGHT = 66
#: The width in pixels of a column of names, and about how many characters of a name it shows on one line.
NAME_WIDTH = 300
NAME_FITS = 40
#: The columns of a place's name, and a width that holds "'s-Hertogenbosch" on one line.
PLACE_COLUMNS = ("town", "municipality")
PLACE_WIDTH = 140
#: The height of a line of a table's text, and the room above and below a cell's lines, in pixels.
LINE_HEIGHT = 18
CELL_PADDING = 14
#: A name of more lines than this is cut at the row's end (the page's heading or the file shows it whole).
MOST_NAME_LINES = 6
#: The columns that hold the name of an organisation or a site, in the answers of queries/ and the read models.
NAME_COLUMNS = (
    "organisation",
    "site",
    "library",
    "library_site",
    "library_organisation",
    "care_organisation",
    "care_site",
)
# Beyond this many cells a table is drawn with its plain numbers: formatting every cell would slow the page.
MAX_FORMATTED_CELLS = 60_000


def example_card(row: Any) -> None:
    """One collaboration with its story; every value from data is shown as inert text."""
    current = labels()
    with st.container(border=True):
        st.markdown(f"**{safe(row.library)}** × **{safe(row.care_organisation)}**")
        details = [current.status(row.status)]
        if row.municipality:
            details.append(safe(row.municipality))
        if row.start_date:
            details.append(safe(start_phrase(str(row.start_date), language())))
        if row.participants:
            details.append(f"{t('participants')}: {int(row.participants)}")
        st.caption(" · ".join(details))
        if row.activities:
            st.caption(f"{t('activities')}: {safe(current.activity_list(row.activities))}")
        st.markdown(safe(row.description))
        if row.source_url:
            st.link_button(t("source"), row.source_url)
        # One link per line: side by side in a card of half the page, long names were cut off.
        st.page_link(
            PAGES["organisation"], label=safe(row.library), query_params=link_query({"org": row.library_org_id})
        )
        st.page_link(
            PAGES["organisation"], label=safe(row.care_organisation), query_params=link_query({"org": row.care_org_id})
        )


def with_province_names(frame: pd.DataFrame) -> pd.DataFrame:
    """Provinces by name, never by code (PV27), in the reader's language."""
    return province_names(frame, labels())


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """A table as a download holds it: provinces by name, yes and no in words ("Ja", not True) and headings in
    the reader's language."""
    table = _whole_numbers(with_province_names(frame))
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
    if _is_coordinate(column):
        # As the form and the cards write a point: five decimals at most, no trailing zeros (51,37).
        return lambda value: coordinate(float(value), lang)  # type: ignore[arg-type]
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


def _is_coordinate(column: str) -> bool:
    return column in ("lat", "lon") or column.endswith(("_lat", "_lon"))


def _whole_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """Counts as whole numbers: a count some rows leave empty came as 9.0 and 15.0 ("9,0" on the page, "10.0" in
    the CSV file), the way pandas holds whole numbers beside a gap."""
    whole = {}
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_float_dtype(values) and not _is_coordinate(str(column)) and str(column) not in DECIMALS:
            present = values.dropna()
            if len(present) < len(values) and len(present) and bool((present == present.round()).all()):
                whole[str(column)] = values.astype("Int64")
    return frame.assign(**whole) if whole else frame


def _large_view(frame: pd.DataFrame) -> pd.DataFrame:
    """A table too large to format cell by cell: its provinces by name and its points written as the reader writes
    them (51,37), column by column, so it reads as the smaller tables do; its other numbers stay plain."""
    lang = language()
    written: dict[str, pd.Series] = {}
    for column in frame.columns:
        name = str(column)
        if _is_coordinate(name) and pd.api.types.is_numeric_dtype(frame[column]):
            written[name] = frame[column].map(lambda value: coordinate(float(value), lang))
    if "province_code" in frame.columns:
        names = labels()
        written["province_code"] = frame["province_code"].map(lambda code: names.province(str(code)))
    return frame.assign(**written) if written else frame


def table_view(frame: pd.DataFrame) -> Styler | pd.DataFrame:
    """A table for ``st.dataframe`` as a reader of the UI language reads it: 1.234 and 3,6 in Dutch, provinces by
    name. Only the display changes, so columns still sort by their values and downloads keep the numbers."""
    frame = _whole_numbers(_mixed_as_text(frame))
    if frame.size > MAX_FORMATTED_CELLS:
        return _large_view(frame)
    formatters: dict[str, Callable[[object], str]] = {}
    for column in frame.columns:
        found = _formatter(str(column), frame[column])
        if found is not None:
            formatters[str(column)] = found
    if "province_code" in frame.columns:
        names = labels()
        formatters["province_code"] = lambda code: names.province(str(code))
    return frame.style.format(formatters, na_rep="")  # type: ignore[arg-type]


#: A heading longer than this gets a column wide enough to read it: a column of small numbers is sized to its
#: numbers, which cut "Met bibliotheek én zorg" to "Met bibliotheek é…".
LONG_HEADING = 14
#: About the width of a heading's character in pixels, and the room beside it (padding, the column's menu): a
#: heading's column is as wide as its words, not one of Streamlit's three sizes ("large", 400 pixels, for "Share of
#: population covered (%)" put the columns after it beyond the page's right edge at 1280 pixels).
HEADING_CHARACTER = 7.2
HEADING_ROOM = 30


def heading_columns(frame_columns: list[str]) -> dict[str, Any]:
    """Column settings with the translated headings (:func:`headings`), long ones in a column that shows them."""
    return {
        column: st.column_config.Column(heading, width=heading_width(heading))
        for column, heading in headings(frame_columns).items()
    }


def heading_width(heading: str) -> int | None:
    """The width in pixels that shows a long heading whole; None (sized to its values) for a short one."""
    return round(len(heading) * HEADING_CHARACTER + HEADING_ROOM) if len(heading) > LONG_HEADING else None


def wrapping_row_height(characters: int) -> int:
    """A row tall enough for every line of a name of so many characters in a column of names: a site's name of
    150 characters took four lines, and a row of three lost the fourth."""
    lines = min(MOST_NAME_LINES, -(-characters // NAME_FITS))
    return max(WRAPPING_ROW_HEIGHT, CELL_PADDING + LINE_HEIGHT * lines)


def fixed_width_columns(
    frame: pd.DataFrame, widths: Mapping[str, int], column_headings: Mapping[str, str]
) -> dict[str, Any]:
    """Options for :func:`data_table` that give every column of ``widths`` that width, its text wrapping onto as
    many lines as its longest cell needs: a table that must fit the page's width whatever its texts hold (the
    decisions on *Beoordelen* ran 10 pixels past the page, their last column cut at "23:")."""
    lines = 1
    for column, width in widths.items():
        longest = int(frame[column].astype(str).str.len().max()) if len(frame) else 0
        per_line = max(1, int((width - CELL_PADDING) / HEADING_CHARACTER))
        lines = max(lines, -(-longest // per_line))
    return {
        "column_config": {
            column: st.column_config.TextColumn(column_headings.get(column, column), width=width)
            for column, width in widths.items()
        },
        "row_height": max(ROW_HEIGHT, CELL_PADDING + LINE_HEIGHT * min(MOST_NAME_LINES, lines)),
    }


def _widened(given: Any, column: str, width: int) -> Any:
    """A column's settings with its width: those given (a heading, or settings whose rest is kept), or its heading."""
    if isinstance(given, dict):
        return {**given, "width": width}
    heading = given if isinstance(given, str) else headings([column]).get(column, column)
    return st.column_config.TextColumn(heading, width=width)


def data_table(frame: pd.DataFrame, names: Sequence[str] = NAME_COLUMNS, **options: Any) -> None:
    """``st.dataframe`` in the reader's language (:func:`table_view`); an empty table says so in words (Streamlit
    would draw an empty grid marked "empty").

    The ``names`` columns (by default those of organisations and sites, in any table) hold names of any length:
    each is given a fixed width, and a name too long for it wraps onto more lines. Sized to its longest name, a
    column of a 150-character site name pushed the numbers beside it beyond the page's right edge."""
    if frame.empty:
        st.caption(t("no_rows"))
        return
    row_height = options.get("row_height", ROW_HEIGHT)
    named = [column for column in names if column in frame.columns]
    if named:
        config = dict(options.get("column_config") or {})
        for column in named:
            config[column] = _widened(config.get(column), column, NAME_WIDTH)
        options["column_config"] = config
        lengths = pd.concat([frame[column].astype(str).str.len() for column in named])
        # A table shown whole is as tall as its longest name needs; in a listing of hundreds of rows every row
        # would be as tall as its one longest name, so there the rows fit all but the longest hundredth.
        longest = int(lengths.max() if len(frame) <= WHOLE_TABLE_ROWS else lengths.quantile(0.99))
        if longest > NAME_FITS:
            row_height = options["row_height"] = wrapping_row_height(longest)
            # In rows that wrap, a column sized to the names it sampled breaks a longer one inside its word
            # ("'s-Hertogenbo / sch"): a place gets the width of the longest single word among the Dutch ones.
            for column in PLACE_COLUMNS:
                given = config.get(column)
                if column in frame.columns and not (isinstance(given, dict) and given.get("width")):
                    config[column] = _widened(given, column, PLACE_WIDTH)
    if len(frame) <= WHOLE_TABLE_ROWS and "height" not in options:
        # Streamlit shows ten rows and half of the eleventh: the twelve provinces needed a scroll for two.
        options["height"] = ROW_HEIGHT + row_height * len(frame) + 3
    # A missing value is an empty cell: Streamlit wrote "None", no word of the reader's (a population where no
    # reference data is loaded, a number of participants the source does not give).
    options.setdefault("placeholder", "")
    st.dataframe(table_view(frame), **options)


#: Up to this many rows a table's CSV files are made with the page, not on click (see :func:`downloads`).
CSV_WITH_THE_PAGE = 10_000


def downloads(frame: pd.DataFrame, name: str, key: str) -> None:
    """CSV (with a byte order mark, so Excel reads the accents), CSV with semicolons and decimal commas for Dutch
    Excel, and Excel; headings in the reader's language; no cell can run as a formula (graph/intake/cells.py).

    The Excel file is made when its button is clicked, not with every run of the page: writing it for a listing
    of 5,800 sites took seconds on every visit. The CSV files of an ordinary table are made with the page (12 ms
    for 2,000 rows): a file made on click is known by a name Streamlit renews with every run, so a click while
    the page still ran (right after signing in) fetched nothing. A click does not run the page again, so the
    other buttons stay valid."""
    # One place on the page, with buttons or without: three that come and go moved every element after them,
    # and the browser then made the tables and the map below anew.
    # In a row that wraps, each button as wide as its words: in three equal columns "CSV voor Excel downloaden
    # (puntkomma)" was cut on a laptop's screen.
    place = st.container(horizontal=True)
    if frame.empty:  # nothing to take along: the table says "Geen rijen." and offers no empty files
        return
    table = readable(frame)
    # A share in a CSV file is a percentage, said in its heading ("Aandeel inwoners gedekt (%)": 7.85, as the page
    # shows 7,85 %): a bare 0.0785 read as less than a tenth of a percent. The Excel file keeps the fraction.
    said = headings(frame.columns)
    shares = {said.get(str(c), str(c)): c for c in frame.columns if str(c).endswith("_share")}  # heading: column
    percentages = table.assign(**{heading: (frame[c] * 100).round(2) for heading, c in shares.items()}).rename(
        columns={heading: f"{heading} (%)" for heading in shares}
    )
    csv_now = len(frame) <= CSV_WITH_THE_PAGE
    place.download_button(
        t("download_csv"),
        spreadsheet_csv_bytes(percentages) if csv_now else partial(spreadsheet_csv_bytes, percentages),
        f"{name}.csv",
        "text/csv",
        key=f"{key}_csv",
        on_click="ignore",
    )
    place.download_button(
        t("download_csv_semicolon"),
        (
            spreadsheet_csv_bytes(percentages, semicolon=True)
            if csv_now
            else partial(spreadsheet_csv_bytes, percentages, semicolon=True)
        ),
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
    # A day is a date in Excel (sorted and filtered as one, 1-5-2023 in Dutch); a year or a month stays as given.
    days = {said.get(str(column), str(column)) for column in frame.columns if str(column).endswith("_date")}
    formats |= dict.fromkeys(days, SPREADSHEET_DAY[language()])
    workbook_table = table.assign(**{heading: table[heading].map(calendar_day) for heading in days})
    place.download_button(
        t("download_xlsx"),
        partial(excel_bytes, {name[:31]: workbook_table}, formats),
        f"{name}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx",
        on_click="ignore",
    )
