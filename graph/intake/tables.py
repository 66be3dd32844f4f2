"""Reading the import template: its three tables from a folder of CSV files, an Excel workbook or RDF.

Every value stays text here; :mod:`graph.intake.validate` decides what is valid and says where a problem is.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from pathlib import Path

from graph.intake.cells import restore
from graph.intake.input_limits import (
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_LINE_CHARS,
    MAX_ROWS,
    LimitError,
    check_file_size,
    check_workbook,
    dutch_count,
)
from graph.intake.template import (
    RDF_SUFFIXES,
    REQUIRED_COLUMNS,
    TABLE_COLUMNS,
    InputError,
    InputTables,
    Problem,
    Row,
    shown,
)
from graph.model.language import Message


def read_input(path: Path) -> InputTables:
    """Read a folder of CSV files, one ``.xlsx`` workbook or one Turtle/JSON-LD file, within :mod:`input_limits`."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: bestaat niet (not found)")
    if path.is_dir():
        return _read_folder(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".xlsx":
            return _read_workbook(path)
        if suffix in RDF_SUFFIXES:
            from graph.intake.rdf_input import read_rdf

            check_file_size(path)
            return read_rdf(path, RDF_SUFFIXES[suffix])
    except LimitError as error:
        raise InputError(str(error)) from error
    if suffix == ".csv":
        raise InputError(
            f"{path}: geef de map met organisations.csv, sites.csv en collaborations.csv "
            "(give the folder that holds the three CSV files)"
        )
    raise InputError(f"{path}: onbekend formaat (unknown format); use a folder of CSV files, .xlsx, .ttl or .jsonld")


def _read_folder(folder: Path) -> InputTables:
    tables = InputTables(source=str(folder))
    found = False
    # A cell may hold line breaks, so one cell may be longer than a line; never longer than the file.
    csv.field_size_limit(MAX_FILE_BYTES)
    for name in TABLE_COLUMNS:
        file = folder / f"{name}.csv"
        if not file.is_file():
            continue
        found = True
        try:
            check_file_size(file)
            text = file.read_text(encoding="utf-8-sig")
        except LimitError as error:
            tables.problems.append(Problem(file.name, 0, "", error.message))
            continue
        except UnicodeDecodeError as error:
            tables.problems.append(
                Problem(
                    file.name,
                    0,
                    "",
                    Message(f"is geen UTF-8-tekst ({error.reason})", f"is not UTF-8 text ({error.reason})"),
                )
            )
            continue
        _collect(tables, name, file.name, _csv_records(tables, file.name, text))
    if not found:
        raise InputError(
            f"{folder}: geen organisations.csv, sites.csv of collaborations.csv gevonden "
            "(none of organisations.csv, sites.csv, collaborations.csv found)"
        )
    return tables


class _LineTooLong(Exception):
    pass


# A last line of its own after the file's lines: read as a record of its own when every quote was closed, and as
# the end of the last cell when a quote was left open (Python's reader then ends the cell at the end of the text).
END_OF_FILE = "\ue000end of file\ue000"
QUOTE_LEFT_OPEN = Message(
    'een aanhalingsteken (") opent hier een cel die tot het einde van het bestand niet wordt gesloten; '
    "de rest is niet gelezen",
    'a quote (") opens a cell here that is not closed before the end of the file; the rest was not read',
)


def _limited_lines(text: str) -> Iterator[str]:
    for line in io.StringIO(text, newline=""):
        if len(line) > MAX_LINE_CHARS:
            raise _LineTooLong
        yield line
    yield END_OF_FILE + "\n"  # read as a line of its own, also after a last line without a line break


def _csv_records(tables: InputTables, file: str, text: str) -> Iterator[list[str]]:
    """The file's records; a line beyond the limit or broken CSV becomes a problem at its row, and reading stops."""
    number = 0
    try:
        for number, cells in enumerate(csv.reader(_limited_lines(text)), start=1):
            if cells == [END_OF_FILE]:
                return
            if cells and cells[-1].rstrip("\r\n").endswith(END_OF_FILE):
                # A quote left open took the rest of the file into one cell: the row would be refused for the
                # columns it then lacks, which says nothing of the quote.
                tables.problems.append(Problem(file, number, "", QUOTE_LEFT_OPEN))
                return
            yield cells
    except _LineTooLong:
        tables.problems.append(
            Problem(
                file,
                number + 1,
                "",
                Message(
                    f"regel is te lang (hoogstens {dutch_count(MAX_LINE_CHARS)} tekens); de rest is niet gelezen",
                    f"line is too long (at most {MAX_LINE_CHARS:,} characters); the rest of the file was not read",
                ),
            )
        )
    except csv.Error as error:
        tables.problems.append(
            Problem(file, number + 1, "", Message(f"geen geldige CSV: {error}", f"not valid CSV: {error}"))
        )


def _read_workbook(path: Path) -> InputTables:
    from openpyxl import load_workbook

    check_workbook(path)
    tables = InputTables(source=str(path))
    found = False
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
        try:
            for name in TABLE_COLUMNS:
                if name not in workbook.sheetnames:
                    continue
                found = True
                rows = workbook[name].iter_rows(max_col=MAX_COLUMNS, values_only=True)
                _collect(tables, name, f"{path.name}[{name}]", ([_cell_text(value) for value in row] for row in rows))
        finally:
            workbook.close()  # a read-only workbook keeps its file open until closed
    except Exception as error:  # openpyxl raises many kinds for a damaged file, also while reading a sheet
        raise InputError(f"{path}: geen leesbaar Excel-bestand (not a readable Excel file): {error}") from error
    if not found:
        raise InputError(
            f"{path}: geen tabblad organisations, sites of collaborations (no sheet named organisations, sites or "
            "collaborations)"
        )
    return tables


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "date") and hasattr(value, "isoformat"):
        return value.date().isoformat() if hasattr(value, "hour") else value.isoformat()
    return str(value)


def _collect(tables: InputTables, name: str, file: str, grid: Iterable[list[str]]) -> None:
    """Rows of one table; the first non-empty row is the header. Reading stops beyond :data:`MAX_ROWS`."""
    header: list[str] | None = None
    expected = TABLE_COLUMNS[name]
    rows = tables.table(name)
    for number, cells in enumerate(grid, start=1):
        if number > MAX_ROWS + 1:
            tables.problems.append(
                Problem(
                    file,
                    number,
                    "",
                    Message(
                        f"te veel rijen: een tabel heeft hoogstens {dutch_count(MAX_ROWS)} rijen; "
                        "de rest is niet gelezen",
                        f"too many rows: a table has at most {MAX_ROWS:,} rows; the rest was not read",
                    ),
                )
            )
            return
        if not any(cell.strip() for cell in cells):
            continue
        if header is None:
            header = [cell.strip().lower() for cell in cells]
            _check_header(tables, file, number, header, name)
            continue
        # Only the template's columns are kept: an unknown one is reported once, at the header, not per row.
        # Cells the atlas wrote with an apostrophe against formulas (graph/intake/cells.py) read back as they were.
        values = {
            column: (restore(cells[i]) if i < len(cells) else "")
            for i, column in enumerate(header)
            if column in expected
        }
        if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header) :]):
            tables.problems.append(
                Problem(file, number, "", Message("meer waarden dan kolommen", "more values than there are columns"))
            )
        rows.append(Row(file, number, values))


def _check_header(tables: InputTables, file: str, number: int, header: list[str], name: str) -> None:
    expected = TABLE_COLUMNS[name]
    for column in header:
        if column and column not in expected:
            tables.problems.append(
                Problem(
                    file,
                    number,
                    column if len(column) <= 40 else shown(column, 40),
                    Message(
                        f"onbekende kolom; toegestaan zijn: {', '.join(expected)}",
                        f"unknown column; allowed are: {', '.join(expected)}",
                    ),
                )
            )
    for column in REQUIRED_COLUMNS[name]:
        if column not in header:
            tables.problems.append(
                Problem(file, number, column, Message("verplichte kolom ontbreekt", "required column is missing"))
            )
