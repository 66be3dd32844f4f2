"""Municipality borders for the map: every edge once, however many outlines it is in."""

from __future__ import annotations

from typing import Any

from graph.views.map_borders import border_segments


def _square(west: float, south: float, holes: list[list[list[float]]] | None = None) -> dict[str, Any]:
    ring = [[west, south], [west + 1, south], [west + 1, south + 1], [west, south + 1], [west, south]]
    return {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [ring, *(holes or [])]}}


def test_a_border_two_municipalities_share_is_drawn_once() -> None:
    segments = border_segments([_square(5.0, 51.0), _square(6.0, 51.0)])

    assert len(segments) == 7  # 4 + 4 edges, the shared one once
    shared = {"from": [6.0, 51.0], "to": [6.0, 52.0]}
    assert segments.count(shared) == 1


def test_the_same_point_written_slightly_differently_in_two_outlines_is_one_point() -> None:
    left = _square(5.0, 51.0)
    right = _square(6.00000001, 51.0)  # a rounding difference between two outlines of the same border
    assert len(border_segments([left, right])) == 7


def test_holes_and_the_parts_of_a_multipolygon_have_borders_too() -> None:
    hole = [[5.2, 51.2], [5.4, 51.2], [5.4, 51.4], [5.2, 51.2]]
    island = _square(7.0, 53.0)["geometry"]["coordinates"]
    mainland = _square(5.0, 51.0, holes=[hole])["geometry"]["coordinates"]
    feature = {"type": "Feature", "geometry": {"type": "MultiPolygon", "coordinates": [mainland, island]}}

    assert len(border_segments([feature])) == 4 + 3 + 4


def test_a_feature_without_geometry_and_a_repeated_point_add_nothing() -> None:
    ring = [[5, 51], [5, 51], [6, 51], [5, 51]]
    doubled = {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [ring]}}
    found = border_segments([{"type": "Feature", "geometry": None}, doubled])
    assert found == [{"from": [5.0, 51.0], "to": [6.0, 51.0]}]
