"""What the map shows: sites, collaboration lines and municipalities coloured by coverage."""

from __future__ import annotations

from typing import Any

import pandas as pd
from shapely import wkt
from shapely.geometry import mapping

from graph.store.atlas import Atlas
from graph.store.labels import Labels


def sites(atlas: Atlas, province: str | None = None, municipality: str | None = None) -> pd.DataFrame:
    frame = atlas.answer("site-overview", {"province_code": province} if province else {})
    frame = frame[frame.kind.isin(["library", "care"])]
    if municipality:
        frame = frame[frame.municipality_code == municipality]
    return frame.reset_index(drop=True)


def collaboration_lines(
    frame: pd.DataFrame, labels: Labels, activity: str | None = None, status: str | None = None
) -> pd.DataFrame:
    """Collaborations as lines from library site to care site, filtered by activity and status."""
    if activity:
        frame = frame[frame.activities.map(lambda codes: labels.includes(codes, activity))]
    if status:
        frame = frame[frame.status == status]
    return frame.reset_index(drop=True)


def coverage_class(row: Any) -> str:
    if row.covered:
        return "covered"
    if row.library_sites > 0 and row.care_sites > 0:
        return "gap"
    if row.library_sites > 0 or row.care_sites > 0:
        return "incomplete"
    return "none"


def _whole(value: Any) -> int | None:
    number = pd.to_numeric(value, errors="coerce")
    return None if pd.isna(number) else int(number)


def municipality_features(atlas: Atlas, province: str | None = None) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of municipalities with their coverage figures and class."""
    coverage = atlas.answer("coverage", {"province_code": province} if province else {})
    areas = atlas.answer("internal/municipality-areas").set_index("code")
    boundaries = {code: text for code, text in areas["wkt"].items() if isinstance(text, str)}
    features = []
    for row in coverage.itertuples():
        if row.municipality_code not in boundaries:
            continue
        geometry = wkt.loads(boundaries[row.municipality_code])
        features.append(
            {
                "type": "Feature",
                "geometry": mapping(geometry),
                "properties": {
                    "code": row.municipality_code,
                    "name": row.municipality,
                    "library_sites": int(str(row.library_sites)),
                    "care_sites": int(str(row.care_sites)),
                    "active_collaborations": int(str(row.active_collaborations)),
                    "population": _whole(row.population),
                    "coverage": coverage_class(row),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}
