"""The view of a map that fits an area: centre and zoom from the area's bounds (Web Mercator, as deck.gl draws)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

# The map's drawing area on a wide page; a fit for a somewhat smaller area still shows all of it thanks to the
# margin below.
MAP_WIDTH_PX = 900
MAP_HEIGHT_PX = 620
TILE_PX = 512  # deck.gl draws the world 512 pixels wide at zoom 0
MARGIN_ZOOM = 0.35  # a little room around the area, so its edge is not on the map's edge
MIN_ZOOM, MAX_ZOOM = 5.5, 13.0

Bounds = tuple[float, float, float, float]  # west, south, east, north


@dataclass(frozen=True)
class MapView:
    latitude: float
    longitude: float
    zoom: float


NETHERLANDS = MapView(latitude=52.15, longitude=5.3, zoom=6.4)


def _mercator_y(latitude: float) -> float:
    clipped = max(min(latitude, 85.0), -85.0)
    return math.log(math.tan(math.pi / 4 + math.radians(clipped) / 2))


def fit_view(bounds: Bounds, width_px: int = MAP_WIDTH_PX, height_px: int = MAP_HEIGHT_PX) -> MapView:
    """Centre and zoom at which ``bounds`` fill a map of ``width_px`` × ``height_px`` (a point: a town's zoom)."""
    west, south, east, north = bounds
    lon_span = max(east - west, 1e-6)
    y_span = max(_mercator_y(north) - _mercator_y(south), 1e-6)
    zoom_x = math.log2(width_px * 360.0 / (TILE_PX * lon_span))
    zoom_y = math.log2(height_px * 2 * math.pi / (TILE_PX * y_span))
    zoom = min(max(min(zoom_x, zoom_y) - MARGIN_ZOOM, MIN_ZOOM), MAX_ZOOM)
    centre_y = (_mercator_y(north) + _mercator_y(south)) / 2
    latitude = math.degrees(2 * math.atan(math.exp(centre_y)) - math.pi / 2)
    return MapView(latitude=round(latitude, 5), longitude=round((west + east) / 2, 5), zoom=round(zoom, 2))


def bounds_of_points(latitudes: Iterable[Any], longitudes: Iterable[Any]) -> Bounds | None:
    pairs = [(float(lat), float(lon)) for lat, lon in zip(latitudes, longitudes, strict=False)]
    pairs = [(lat, lon) for lat, lon in pairs if math.isfinite(lat) and math.isfinite(lon)]
    if not pairs:
        return None
    lats, lons = [lat for lat, _ in pairs], [lon for _, lon in pairs]
    return min(lons), min(lats), max(lons), max(lats)


def union_of(*boxes: Bounds | None) -> Bounds | None:
    """The bounds around all the given bounds (those that are there)."""
    found = [box for box in boxes if box is not None]
    if not found:
        return None
    return (
        min(box[0] for box in found),
        min(box[1] for box in found),
        max(box[2] for box in found),
        max(box[3] for box in found),
    )


def bounds_of_features(features: Sequence[dict[str, Any]]) -> Bounds | None:
    """The bounds of GeoJSON polygons and multipolygons."""
    longitudes: list[float] = []
    latitudes: list[float] = []
    for feature in features:
        for lon, lat in _positions(feature["geometry"]["coordinates"]):
            longitudes.append(lon)
            latitudes.append(lat)
    return bounds_of_points(latitudes, longitudes)


def _positions(coordinates: Any) -> Iterable[tuple[float, float]]:
    if coordinates and isinstance(coordinates[0], (int, float)):
        yield float(coordinates[0]), float(coordinates[1])
        return
    for part in coordinates:
        yield from _positions(part)
