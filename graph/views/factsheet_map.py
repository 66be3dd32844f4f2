"""The factsheet's map as plain shapes in a box: outlines, sites and collaboration lines, drawn without tiles.

Both reports draw it (as inline SVG and as PDF vector graphics), so it needs no internet and no image files.
Longitude is scaled by the cosine of the mean latitude, which keeps the Netherlands in proportion.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape
from typing import Any

from shapely import wkt
from shapely.geometry import MultiPolygon, Polygon, mapping
from shapely.geometry.base import BaseGeometry

from graph.views.factsheet import Factsheet
from graph.views.status_colours import status_colour_hex

#: Fill per coverage class (the atlas's map colours): covered green, gap orange, incomplete violet.
FILLS = {
    "area": "#e8eef6",
    "covered": "#bfe3c8",
    "gap": "#f6d2b5",
    "incomplete": "#e3d7f5",
    "none": "#f0f2f4",
}
LIBRARY = "#1f6feb"
CARE = "#d1242f"
Point = tuple[float, float]


@dataclass
class MapPicture:
    width: float
    height: float
    areas: list[tuple[list[list[Point]], str]] = field(default_factory=list)  # rings, fill
    lines: list[tuple[Point, Point, str]] = field(default_factory=list)  # from, to, colour
    sites: list[tuple[Point, str]] = field(default_factory=list)  # where, colour


def _rings(shape: BaseGeometry) -> list[list[tuple[float, float]]]:
    polygons = shape.geoms if isinstance(shape, MultiPolygon) else [shape] if isinstance(shape, Polygon) else []
    return [list(polygon.exterior.coords) for polygon in polygons]


def _drawn_areas(sheet: Factsheet) -> list[tuple[BaseGeometry, str]]:
    """Each area the map draws with its coverage class ("area" for the profile's own area)."""
    shapes = []
    for row in sheet.boundaries.itertuples():
        if row.level == "province" and len(sheet.boundaries) > 1:
            continue  # a province is drawn as its municipalities, coloured by coverage
        shapes.append((wkt.loads(str(row.wkt)), str(row.coverage)))
    return shapes


def area_features(sheet: Factsheet) -> list[dict[str, Any]]:
    """The areas of the profile's map as GeoJSON features, each with its ``coverage`` class in its properties."""
    return [
        {"type": "Feature", "geometry": mapping(shape), "properties": {"coverage": coverage}}
        for shape, coverage in _drawn_areas(sheet)
    ]


def picture(sheet: Factsheet, width: float, height: float, margin: float = 4.0) -> MapPicture:
    """The area's map fitted into ``width`` × ``height`` (y grows downwards, as in SVG)."""
    shapes = [(shape.simplify(0.002, preserve_topology=True), coverage) for shape, coverage in _drawn_areas(sheet)]
    lons = [x for shape, _ in shapes for ring in _rings(shape) for x, _y in ring]
    lats = [y for shape, _ in shapes for ring in _rings(shape) for _x, y in ring]
    lons += [float(value) for value in sheet.sites.lon] + [float(v) for v in sheet.collaborations.get("care_lon", [])]
    lats += [float(value) for value in sheet.sites.lat] + [float(v) for v in sheet.collaborations.get("care_lat", [])]
    result = MapPicture(width, height)
    if not lons:
        return result
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    stretch = math.cos(math.radians((south + north) / 2))
    span_x = max((east - west) * stretch, 1e-3)
    span_y = max(north - south, 1e-3)
    scale = min((width - 2 * margin) / span_x, (height - 2 * margin) / span_y)
    offset_x = (width - span_x * scale) / 2
    offset_y = (height - span_y * scale) / 2

    def place(lon: float, lat: float) -> Point:
        return (offset_x + (lon - west) * stretch * scale, offset_y + (north - lat) * scale)

    for shape, coverage in shapes:
        rings = [[place(x, y) for x, y in ring] for ring in _rings(shape)]
        result.areas.append((rings, FILLS.get(coverage, FILLS["area"])))
    for row in sheet.collaborations.itertuples():
        start = place(float(str(row.library_lon)), float(str(row.library_lat)))
        end = place(float(str(row.care_lon)), float(str(row.care_lat)))
        result.lines.append((start, end, status_colour_hex(row.status)))
    # Libraries first: a care site in the library's own building is then drawn on top, not hidden.
    for row in sheet.sites.sort_values("kind", key=lambda kinds: kinds != "library").itertuples():
        colour = LIBRARY if row.kind == "library" else CARE
        result.sites.append((place(float(str(row.lon)), float(str(row.lat))), colour))
    return result


def svg(sheet: Factsheet, width: int = 260, height: int = 220, label: str = "") -> str:
    """The map as an inline SVG element (no scripts, no outside references)."""
    drawing = picture(sheet, width, height)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}">'
    ]
    for rings, fill in drawing.areas:
        path = " ".join("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in ring) + " Z" for ring in rings)
        parts.append(f'<path d="{path}" fill="{fill}" stroke="#6e7781" stroke-width="0.6"/>')
    for (x1, y1), (x2, y2), colour in drawing.lines:
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" stroke-width="1.6"/>'
        )
    for (x, y), colour in drawing.sites:
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.6" fill="{colour}" stroke="#fff" stroke-width="0.6"/>')
    parts.append("</svg>")
    return "".join(parts)
