"""Page speed: the first render of every page and one filter change, timed with Streamlit's AppTest on demo
data. The baseline is the overview page's first render in the same run."""

from __future__ import annotations

import os
import time

from streamlit.testing.v1 import AppTest

from graph.settings import REPO_ROOT

from .common import Row, demo_atlas, table

PAGES = ["overview", "map", "network", "organisation", "suggestions", "coverage", "questions", "examples", "submit"]
FILTERS = {
    "map": ("filter_province", "PV26"),
    "network": ("filter_province", "PV26"),
    "suggestions": ("filter_province", "PV26"),
    "coverage": ("filter_province", "PV26"),
    "examples": ("filter_activity", "werk"),
}
BASELINE = "overview: first render"


def run(scales: list[float]) -> str:
    rows: list[Row] = []
    for scale in scales:
        os.environ["PASSENDWERK_STORE"] = demo_atlas(scale).settings.store
        group = f"scale {scale:g}"
        for page in PAGES:
            app = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=300)
            app.query_params["org"] = "demo-library-00001"
            app.switch_page(f"ui/pages/{page}.py")
            started = time.perf_counter()
            app.run()
            first = time.perf_counter() - started
            assert not app.exception, (page, app.exception)
            rows.append(Row(group, f"{page}: first render" if page != "overview" else BASELINE, first))
            if page in FILTERS:
                key, value = FILTERS[page]
                started = time.perf_counter()
                app.selectbox(key=key).set_value(value).run()
                rows.append(Row(group, f"{page}: filter change", time.perf_counter() - started))
    return table("Pages (AppTest, server side)", rows, baseline=BASELINE)
