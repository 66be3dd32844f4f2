"""Municipality borders as straight segments, each shared border once.

A map draws the borders as a line layer, the same kind of layer as its collaborations, instead of letting the
municipalities' GeoJSON layer stroke its polygons: that stroke is a path layer, a program of its own that a
browser without a graphics card took about 1.5 s to prepare on every visit to the map (measured in headless
Chromium with software WebGL). A border between two municipalities is in both outlines; it is sent once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

#: Four decimals of a degree are about 10 m, under a pixel at the closest zoom the maps open at (an area
#: profile); they make the same point of two outlines the same and keep what the map sends small.
DECIMALS = 4

Point = tuple[float, float]


def border_segments(features: Sequence[dict[str, Any]]) -> list[dict[str, list[float]]]:
    """Every edge of the features' outlines once, as ``{"from": [lon, lat], "to": [lon, lat]}``, in the order
    first met."""
    segments: dict[tuple[Point, Point], None] = {}
    for feature in features:
        for ring in _rings(feature.get("geometry") or {}):
            points = [(round(float(x), DECIMALS), round(float(y), DECIMALS)) for x, y, *_ in ring]
            for start, end in zip(points, points[1:], strict=False):
                if start != end:
                    segments.setdefault((min(start, end), max(start, end)), None)
    return [{"from": list(start), "to": list(end)} for start, end in segments]


def _rings(geometry: dict[str, Any]) -> Iterable[Sequence[Sequence[float]]]:
    if geometry.get("type") == "Polygon":
        yield from geometry["coordinates"]
    elif geometry.get("type") == "MultiPolygon":
        for polygon in geometry["coordinates"]:
            yield from polygon
