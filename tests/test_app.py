"""The web app, page by page, with Streamlit's AppTest on a real store."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.atlas import Atlas
from graph.settings import REPO_ROOT, Settings

APP = str(REPO_ROOT / "app.py")


@pytest.fixture
def app_for(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def start(atlas: Atlas, **query: str) -> AppTest:
        monkeypatch.setenv("PASSENDWERK_STORE", atlas.settings.store)
        app = AppTest.from_file(APP, default_timeout=60)
        for key, value in query.items():
            app.query_params[key] = value
        return app.run()

    return start


def test_overview_shows_key_figures_of_the_seed_data(seed_atlas: Atlas, app_for) -> None:  # type: ignore[no-untyped-def]
    app = app_for(seed_atlas)
    assert not app.exception
    figures = {metric.label: metric.value for metric in app.metric}
    assert figures["Bibliotheken"] == "5" and figures["Actieve samenwerkingen"] == "4"


def test_overview_on_an_empty_store_says_how_to_load_data(tmp_path: Path, app_for) -> None:  # type: ignore[no-untyped-def]
    empty = Atlas.open(Settings(store=str(tmp_path / "s")))
    app = app_for(empty)
    assert not app.exception
    assert any("python -m graph init" in info.value for info in app.info)


def test_language_switch_changes_the_labels(seed_atlas: Atlas, app_for) -> None:  # type: ignore[no-untyped-def]
    app = app_for(seed_atlas, lang="en")
    assert {metric.label for metric in app.metric} >= {"Libraries", "Active collaborations"}
