"""GeoJSON export (RFC 7946) for GIS tools: sites as points, and on request collaborations as lines and
municipalities as polygons with their coverage.

RFC 7946: WGS84 longitude/latitude, exterior rings counter-clockwise and holes clockwise (the CBS boundaries
arrive the other way round), and no more precision than needed: 7 decimals (about 1 cm). Every feature says
which layer it belongs to in ``properties.layer`` and has an id unique across layers (``site/…``,
``collaboration/…``, ``gemeente/GMxxxx``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.polygon import orient

from graph.analysis.mapdata import municipality_features
from graph.store.atlas import Atlas

LAYERS = ("sites", "collaborations", "municipalities")
DECIMALS = 7
_COLLABORATION_PROPERTIES = (
    "collaboration_id",
    "status",
    "activities",
    "start_date",
    "participants",
    "library_org_id",
    "library",
    "library_site_id",
    "library_site",
    "care_org_id",
    "care_organisation",
    "care_site_id",
    "care_site",
    "municipality_code",
    "municipality",
    "province_code",
    "description",
    "source_url",
)


class LayerError(ValueError):
    pass


def parse_layers(text: str) -> tuple[str, ...]:
    """``sites,collaborations`` → the layers, in the order given; an unknown name is refused."""
    layers = tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    unknown = [layer for layer in layers if layer not in LAYERS]
    if unknown or not layers:
        raise LayerError(
            f"onbekende laag {', '.join(unknown) or '(geen)'}; kies uit {', '.join(LAYERS)} "
            f"(unknown layer; choose from {', '.join(LAYERS)})"
        )
    return layers


def atlas_geojson(atlas: Atlas, layers: Sequence[str] = ("sites",)) -> dict[str, Any]:
    """A FeatureCollection of the chosen layers (sites by default), following RFC 7946."""
    features: list[dict[str, Any]] = []
    for layer in layers:
        if layer == "sites":
            features.extend(_sites(atlas))
        elif layer == "collaborations":
            features.extend(_collaborations(atlas))
        elif layer == "municipalities":
            features.extend(_municipalities(atlas))
        else:
            raise LayerError(f"onbekende laag {layer!r} (unknown layer)")
    return {"type": "FeatureCollection", "features": features}


def rfc7946_geometry(geometry: dict[str, Any]) -> dict[str, Any]:
    """A GeoJSON geometry with polygon rings wound as RFC 7946 asks and coordinates rounded to 7 decimals."""
    if geometry["type"] in ("Polygon", "MultiPolygon"):
        polygons = shape(geometry)
        if isinstance(polygons, Polygon):
            geometry = dict(mapping(orient(polygons, sign=1.0)))
        elif isinstance(polygons, MultiPolygon):
            geometry = dict(mapping(MultiPolygon([orient(part, sign=1.0) for part in polygons.geoms])))
    return {"type": geometry["type"], "coordinates": _rounded(geometry["coordinates"])}


def _rounded(coordinates: Any) -> Any:
    if isinstance(coordinates, (int, float)):
        return round(float(coordinates), DECIMALS)
    return [_rounded(part) for part in coordinates]


def _properties(row: Mapping[Any, Any], layer: str, keys: Iterable[str]) -> dict[str, Any]:
    properties: dict[str, Any] = {"layer": layer}
    for key in keys:
        value = row.get(key)
        if value is None or (isinstance(value, float) and math.isnan(value)):
            continue
        properties[key] = value
    return properties


def _feature(feature_id: str, geometry: dict[str, Any], properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "id": feature_id, "geometry": rfc7946_geometry(geometry), "properties": properties}


def _sites(atlas: Atlas) -> list[dict[str, Any]]:
    features = []
    for row in atlas.answer("site-overview").to_dict("records"):
        keys = [str(key) for key in row if key not in ("lat", "lon")]
        point = {"type": "Point", "coordinates": [row["lon"], row["lat"]]}
        features.append(_feature(f"site/{row['site_id']}", point, _properties(row, "site", keys)))
    return features


def _collaborations(atlas: Atlas) -> list[dict[str, Any]]:
    """A line from the library site to the care site; where both are on the same spot, a line of length zero
    (RFC 7946 allows it, and it keeps the layer to one geometry type)."""
    features = []
    for row in atlas.answer("collaboration-overview").to_dict("records"):
        line = {
            "type": "LineString",
            "coordinates": [[row["library_lon"], row["library_lat"]], [row["care_lon"], row["care_lat"]]],
        }
        properties = _properties(row, "collaboration", _COLLABORATION_PROPERTIES)
        features.append(_feature(f"collaboration/{row['collaboration_id']}", line, properties))
    return features


def _municipalities(atlas: Atlas) -> list[dict[str, Any]]:
    features = []
    for feature in municipality_features(atlas)["features"]:
        properties = {"layer": "municipality", **feature["properties"]}
        features.append(_feature(f"gemeente/{properties['code']}", feature["geometry"], properties))
    return features
