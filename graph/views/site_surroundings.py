"""The municipalities around one point, for the small maps of the partner form and the review card.

A dot on an empty background cannot show whether it lies in the right place; with the municipality it lies in
drawn around it, named, and its neighbours beside it, a partner sees a point that landed in the wrong town and
a coordinator sees where a new site is before approving it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shapely.geometry import mapping

from graph.analysis.areas import municipality_areas
from graph.model.geo import MunicipalityLocator
from graph.store.atlas import Atlas

# What a small map at its zoom shows around its centre (about 35 km wide and 9 km high at 700 by 220 pixels),
# with a margin: only the municipalities reaching into it are sent to the browser.
LAT_REACH_DEG = 0.12
LON_REACH_DEG = 0.3


@dataclass(frozen=True)
class Surroundings:
    """GeoJSON features of the municipalities around a point, each with its name as ``tooltip`` and
    ``properties.here`` true for the one the point lies in; ``municipality`` names that one (None outside
    every municipality, or on a store without reference data)."""

    features: list[dict[str, Any]]
    municipality: str | None


def site_surroundings(atlas: Atlas, lat: float, lon: float) -> Surroundings:
    locator = MunicipalityLocator(municipality_areas(atlas))
    here = locator.locate(lat, lon)
    features = [
        {
            "type": "Feature",
            "geometry": mapping(shape),
            "properties": {"name": area.name, "here": area == here},
            "tooltip": area.name,
        }
        for area, shape in locator.around(lat, lon, LAT_REACH_DEG, LON_REACH_DEG)
    ]
    return Surroundings(features, here.name if here else None)
