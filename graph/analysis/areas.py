"""The municipalities of the reference data as areas: what an import, a form and a small map place points in.

Read without pandas: an import needs only these few columns, and pandas would add 0.2 s to every import.
"""

from __future__ import annotations

from graph.model.geo import MunicipalityArea
from graph.store.atlas import Atlas


def municipality_areas(atlas: Atlas) -> list[MunicipalityArea]:
    """Every municipality of the reference data with its province and boundary (an empty one when it has none)."""
    return [
        MunicipalityArea(str(row["code"]), str(row["name"]), str(row["province_code"] or ""), str(row["wkt"] or ""))
        for row in atlas.rows("internal/municipality-areas").records()
    ]
