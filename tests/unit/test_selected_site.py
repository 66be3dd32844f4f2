"""A click on the map names a site by its row; whatever else the browser sends is no selection."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pandas as pd
import pytest

from ui.map_layers import clicked_before_a_write, selected_site

SITES = pd.DataFrame(
    {
        "site": ["Stadsbibliotheek Venlo", "Daelzicht"],
        "organisation": ["Bibliotheek Venlo", "Daelzicht"],
        "kind": ["library", "care"],
    }
)


def clicked(objects: Any) -> SimpleNamespace:
    return SimpleNamespace(selection={"objects": objects})


def test_the_clicked_row_names_its_site() -> None:
    site = selected_site(clicked({"care-sites": [{"row": 1, "tooltip": "Daelzicht — Daelzicht"}]}), SITES)
    assert site is not None and site["site"] == "Daelzicht"


def test_a_click_on_a_map_drawn_before_a_write_names_no_other_site() -> None:
    """Regression: the map names a site by its row; after a write another site can stand in that row, and a click
    on the map drawn before it opened that other site's organisation."""
    before_the_write = clicked({"care-sites": [{"row": 1, "tooltip": "De Linde — Zorgcentrum De Linde"}]})
    assert selected_site(before_the_write, SITES) is None
    assert clicked_before_a_write(before_the_write, SITES)  # said, so the visitor clicks again
    assert not clicked_before_a_write(clicked({"care-sites": [{"row": 1, "tooltip": "Daelzicht — Daelzicht"}]}), SITES)


@pytest.mark.parametrize(
    "objects",
    [
        {},
        {"library-sites": []},
        {"library-sites": [{"row": 2}]},
        {"library-sites": [{"row": 0}]},
        {"library-sites": [{"row": 0, "tooltip": None}]},
        {"library-sites": [{"row": -1}]},
        {"library-sites": [{"row": "0"}]},
        {"library-sites": [{"row": True}]},
        {"library-sites": [{"row": 0.5}]},
        {"library-sites": [{}]},
        {"library-sites": ["row"]},
    ],
)
def test_anything_else_from_the_browser_is_no_selection(objects: Any) -> None:
    assert selected_site(clicked(objects), SITES) is None
    assert selected_site(None, SITES) is None
    assert not clicked_before_a_write(None, SITES)
