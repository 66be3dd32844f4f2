"""Area profiles: the page's first render (AppTest, server side) and the reports for every municipality of each
province, on demo data. Aims: a page in 2 s at scale 1, a province's reports in 30 s. The baseline is one
municipality's PDF report (Venlo) with no answers read yet (the read model then reads the whole country's).

The example reports (Venlo and Limburg, PDF and HTML) are written to ``test-output/factsheet/``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

from streamlit.testing.v1 import AppTest

from graph.settings import REPO_ROOT
from graph.store.labels import load_labels
from graph.views.factsheet import FactsheetSource
from graph.views.factsheet_answers import forget, wait_until_prepared
from graph.views.factsheet_report import file_name, render

from .common import Row, demo_atlas, table

BASELINE = "one report (Venlo, pdf, no answers read yet)"
BASE_URL = "http://127.0.0.1:8501"


def _page(code_key: str, code: str) -> tuple[float, float]:
    """First render of the profile page and a second render of it (the answers then come from the cache)."""
    app = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=300)
    app.query_params[code_key] = code
    app.switch_page("ui/pages/factsheet.py")
    started = time.perf_counter()
    app.run()
    first = time.perf_counter() - started
    assert not app.exception, (code, app.exception)
    started = time.perf_counter()
    app.run()
    return first, time.perf_counter() - started


def run(scales: list[float]) -> str:
    rows: list[Row] = []
    for scale in scales:
        atlas = demo_atlas(scale)
        os.environ["PASSENDWERK_STORE"] = atlas.settings.store
        group = f"scale {scale:g}"
        atlas.answer("stats")  # the embedded store builds its public copy on first read
        labels = load_labels(atlas, "nl")
        forget()
        started = time.perf_counter()
        venlo = FactsheetSource(atlas).factsheet("GM0983")
        render(venlo, "pdf", "nl", BASE_URL, labels)
        rows.append(Row(group, BASELINE, time.perf_counter() - started))
        folder = REPO_ROOT / "test-output" / "factsheet"
        folder.mkdir(parents=True, exist_ok=True)
        for output_format in ("pdf", "html"):
            path = folder / f"demo-{file_name(venlo, output_format, 'nl')}"
            path.write_bytes(render(venlo, output_format, "nl", BASE_URL, labels))

        # The overview's first render opens the store in the app's process; profiles are timed after it.
        AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=300).run()
        forget()  # a reader who opens a shared link first: the page reads the answers itself
        first, again = _page("gemeente", "GM0983")
        rows.append(Row(group, "page Venlo: first render, no answers read yet", first, "aim 2 s"))
        rows.append(Row(group, "page Venlo: render again", again))
        for key, code, label in (
            ("provincie", "PV31", "Limburg"),
            ("gemeente", "GM0935", "Maastricht"),
            ("gemeente", "GM0344", "Utrecht (another province)"),
            ("provincie", "PV27", "Noord-Holland (another province)"),
        ):
            first, _ = _page(key, code)
            rows.append(Row(group, f"page {label}: first render", first, "aim 2 s"))
        # The usual way there: the coverage page (which has the answers read meanwhile), then a profile.
        forget()
        coverage = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=300)
        coverage.switch_page("ui/pages/coverage.py")
        coverage.run()
        wait_until_prepared(atlas)
        first, _ = _page("gemeente", "GM0983")
        rows.append(Row(group, "page Venlo: first render, opened from the coverage page", first, "aim 2 s"))

        source = FactsheetSource(atlas)
        provinces = source.areas().query("level == 'province'")
        slowest = ("", 0.0, 0)
        for code in provinces.code:
            forget()  # each province as if made by a command of its own
            started = time.perf_counter()
            fresh = FactsheetSource(atlas)
            areas = [fresh.area(code), *fresh.municipalities_of(code)]
            for area in areas:
                render(fresh.factsheet(area.code), "pdf", "nl", BASE_URL, labels)
            took = time.perf_counter() - started
            rows.append(Row(group, f"reports {code} ({len(areas)} pdf)", took, "aim 30 s"))
            if took > slowest[1]:
                slowest = (str(code), took, len(areas))
        # The same through the command line, process start included, for the province that took longest.
        out = REPO_ROOT / "var" / "bench" / f"factsheets-{scale:g}"
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "graph", "--store", atlas.settings.store, "factsheet", "--province", slowest[0]]
            + ["--out", str(out)],
            check=True,
            capture_output=True,
            cwd=REPO_ROOT,
        )
        rows.append(
            Row(group, f"python -m graph factsheet --province {slowest[0]}", time.perf_counter() - started, "aim 30 s")
        )
    return table("Area profiles (page server side; reports as PDF)", rows, baseline=BASELINE)
