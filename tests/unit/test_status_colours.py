"""Every collaboration status has a line colour of its own, the same on the app's maps, their legends and the
area profile's report."""

from __future__ import annotations

import pandas as pd

from graph.model.enums import CollaborationStatus
from graph.views.factsheet import Area, Factsheet, Figures
from graph.views.factsheet_map import picture
from graph.views.status_colours import STATUS_COLOURS, status_colour_hex
from ui.map_layers import LEGEND_COLOURS, LINE_COLOURS


def _sheet(statuses: list[str]) -> Factsheet:
    lines = pd.DataFrame(
        {
            "status": statuses,
            "library_lat": [51.37] * len(statuses),
            "library_lon": [6.17] * len(statuses),
            "care_lat": [51.40] * len(statuses),
            "care_lon": [6.20] * len(statuses),
        }
    )
    empty = pd.DataFrame()
    sites = pd.DataFrame({"kind": ["library"], "lat": [51.37], "lon": [6.17]})
    boundaries = pd.DataFrame(
        {
            "code": ["GM0983"],
            "level": ["municipality"],
            "wkt": ["POLYGON((6.1 51.3, 6.3 51.3, 6.3 51.5, 6.1 51.5, 6.1 51.3))"],
            "coverage": ["covered"],
        }
    )
    area = Area("GM0983", "municipality", "Venlo", "PV31", 100_000)
    return Factsheet(area, Figures(), [], lines, empty, empty, empty, "", sites, boundaries)


def test_every_status_has_its_own_colour_on_the_maps_and_in_their_legends() -> None:
    assert set(STATUS_COLOURS) == set(CollaborationStatus)
    assert len(set(STATUS_COLOURS.values())) == len(STATUS_COLOURS)
    assert set(LINE_COLOURS) == set(CollaborationStatus.values())
    assert set(LEGEND_COLOURS) == set(CollaborationStatus)


def test_the_report_map_draws_an_unknown_status_in_its_own_colour_not_as_ended() -> None:
    """Regression: the area profile's report knew three line colours and drew a collaboration whose status is
    unknown as an ended one (grey), while the app's maps drew it violet."""
    drawn = picture(_sheet(["active", "unknown", "ended"]), 200, 200)
    assert [colour for _, _, colour in drawn.lines] == [
        status_colour_hex("active"),
        status_colour_hex("unknown"),
        status_colour_hex("ended"),
    ]
    assert status_colour_hex("unknown") != status_colour_hex("ended")
    assert status_colour_hex("unknown") == "#" + "".join(f"{part:02x}" for part in LINE_COLOURS["unknown"])
