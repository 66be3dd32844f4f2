"""A map is fitted to everything it shows: an area's boundary and its sites together."""

from __future__ import annotations

from graph.views.map_fit import NETHERLANDS, bounds_of_features, bounds_of_points, fit_view, union_of

SQUARE = {"geometry": {"type": "Polygon", "coordinates": [[[6.0, 51.3], [6.2, 51.3], [6.2, 51.5], [6.0, 51.3]]]}}


def test_the_bounds_hold_the_boundary_and_a_site_outside_it() -> None:
    around = union_of(bounds_of_features([SQUARE]), bounds_of_points([51.6], [6.1]), None)
    assert around == (6.0, 51.3, 6.2, 51.6)
    assert union_of(None, None) is None


def test_one_municipality_is_drawn_closer_than_the_country() -> None:
    bounds = union_of(bounds_of_features([SQUARE]))
    assert bounds is not None
    view = fit_view(bounds, 700, 420)
    assert view.zoom > NETHERLANDS.zoom + 2 and 51.3 < view.latitude < 51.5 and 6.0 < view.longitude < 6.2
