"""Geography: great-circle distance, the Netherlands' extent and finding the municipality of a point."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from shapely.geometry.base import BaseGeometry


EARTH_RADIUS_KM = 6371.0088
# Generous extent of the European Netherlands (including the Wadden islands and the coast).
NL_LAT_RANGE = (50.70, 53.60)
NL_LON_RANGE = (3.30, 7.25)
# Municipality polygons are simplified (about 100 m); a point this close to the nearest one still belongs to it.
COAST_TOLERANCE_DEG = 0.02


def haversine_km_array(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    """Element-wise great-circle distance in km (the one formula every distance in the atlas uses)."""
    import numpy as np  # loaded by the commands that measure distances, not by every one

    phi1, phi2 = np.radians(lat1), np.radians(lat2)
    dphi = phi2 - phi1
    dlambda = np.radians(lon2) - np.radians(lon1)
    a = np.sin(dphi / 2.0) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(dlambda / 2.0) ** 2
    return 2.0 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def in_netherlands_extent(lat: float, lon: float) -> bool:
    return (
        math.isfinite(lat)
        and math.isfinite(lon)
        and NL_LAT_RANGE[0] <= lat <= NL_LAT_RANGE[1]
        and NL_LON_RANGE[0] <= lon <= NL_LON_RANGE[1]
    )


@dataclass(frozen=True)
class MunicipalityArea:
    code: str
    name: str
    province_code: str
    wkt: str


class MunicipalityLocator:
    """Point-in-polygon lookup over the municipality boundaries of the reference data."""

    def __init__(self, areas: Iterable[MunicipalityArea]) -> None:
        # shapely is loaded here, not on import: distances are needed by commands that never locate a point.
        from shapely import make_valid, wkt
        from shapely.geometry import Point
        from shapely.strtree import STRtree

        self._point = Point
        self.areas = [area for area in areas if area.wkt]
        self._shapes = [make_valid(wkt.loads(area.wkt)) for area in self.areas]
        self._tree = STRtree(self._shapes) if self._shapes else None

    def __bool__(self) -> bool:
        return self._tree is not None

    def around(
        self, lat: float, lon: float, lat_reach: float, lon_reach: float
    ) -> list[tuple[MunicipalityArea, BaseGeometry]]:
        """The municipalities reaching into the box of ``lat_reach`` by ``lon_reach`` degrees either side of the
        point, each with its shape, in the order of the reference data."""
        if self._tree is None or not (math.isfinite(lat) and math.isfinite(lon)):
            return []
        from shapely.geometry import box

        reach = box(lon - lon_reach, lat - lat_reach, lon + lon_reach, lat + lat_reach)
        found = sorted(int(index) for index in self._tree.query(reach, predicate="intersects"))
        return [(self.areas[index], self._shapes[index]) for index in found]

    def locate(self, lat: float, lon: float) -> MunicipalityArea | None:
        """The municipality containing the point, or the nearest one within a small coastal tolerance."""
        if self._tree is None or not (math.isfinite(lat) and math.isfinite(lon)):
            return None
        point = self._point(lon, lat)
        for index in self._tree.query(point, predicate="intersects"):
            return self.areas[int(index)]
        nearest = self._tree.nearest(point)
        if nearest is not None and self._shapes[int(nearest)].distance(point) <= COAST_TOLERANCE_DEG:
            return self.areas[int(nearest)]
        return None
