"""Which files of a reference folder describe the municipalities, and of which year.

Municipalities change on 1 January (mergers), so the files carry their year: ``gemeente_JJJJ.geojson``
(boundaries) and ``gemeenten_JJJJ.csv`` (names, provinces, population, a point inside), optionally
``provincie_JJJJ*.geojson``. When a folder holds several years, the newest complete pair is used.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from graph.model.geo import MunicipalityArea, MunicipalityLocator

GRID_DEG = 1e-7
_TABLE_NAME = re.compile(r"gemeenten_(\d{4})\.csv")


class ReferenceError(ValueError):
    """The reference folder lacks a file or a column; the message says which."""


@dataclass(frozen=True)
class ReferenceFiles:
    year: str
    boundaries: Path
    table: Path
    provinces: Path | None


def reference_files(folder: Path) -> ReferenceFiles:
    folder = Path(folder)
    years = sorted(
        match.group(1)
        for path in (folder.glob("gemeenten_*.csv") if folder.is_dir() else [])
        if (match := _TABLE_NAME.fullmatch(path.name)) and (folder / f"gemeente_{match.group(1)}.geojson").exists()
    )
    if not years:
        raise ReferenceError(
            f"{folder}: gemeente_JJJJ.geojson en gemeenten_JJJJ.csv ontbreken, zoals gemeente_2025.geojson "
            "(missing: the municipality boundaries and table of one year)"
        )
    year = years[-1]
    provinces = sorted(folder.glob(f"provincie_{year}*.geojson"))
    return ReferenceFiles(
        year, folder / f"gemeente_{year}.geojson", folder / f"gemeenten_{year}.csv", provinces[0] if provinces else None
    )


def valid_wkt(geometry: dict[str, object]) -> str:
    """The WKT of a GeoJSON (multi)polygon, repaired when invalid.

    The repair is snapped to 7 decimals (the most a GeoJSON export writes), so that rounding cannot make it
    invalid again, and only its polygonal parts are kept (a repair can leave a zero-area line where a
    simplified ring touched itself)."""
    # shapely (and numpy) load here, not on import: a command that only reads the store starts without them.
    from shapely import make_valid, set_precision
    from shapely.geometry import MultiPolygon, Polygon, shape

    polygon = shape(geometry)
    if polygon.is_valid:
        return str(polygon.wkt)
    parts: list[Polygon] = []
    repaired = set_precision(make_valid(polygon), GRID_DEG)
    for part in getattr(repaired, "geoms", [repaired]):
        if isinstance(part, Polygon):
            parts.append(part)
        elif isinstance(part, MultiPolygon):
            parts.extend(part.geoms)
    return str((parts[0] if len(parts) == 1 else MultiPolygon(parts)).wkt)


def boundaries(path: Path) -> dict[str, tuple[str, str]]:
    """Code → (name, valid WKT) of every feature of a CBS boundary file."""
    with open(path, encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    try:
        return {
            f["properties"]["statcode"]: (str(f["properties"].get("statnaam", "")), valid_wkt(f["geometry"]))
            for f in features
        }
    except (KeyError, TypeError, ValueError) as error:
        raise ReferenceError(f"{path}: {error}") from error


def locator(folder: Path) -> MunicipalityLocator:
    """Point-in-polygon lookup over the municipalities of a reference folder."""
    areas = boundaries(reference_files(folder).boundaries)
    return MunicipalityLocator(MunicipalityArea(code, name, "", wkt) for code, (name, wkt) in areas.items())
