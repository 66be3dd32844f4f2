"""Nearby pairs of library and care organisations: a spatial index, and the brute force it must equal.

A candidate is a (library organisation, care organisation) pair with at least one library site and one care
site within the radius; it names the closest such site pair. Distances are great-circle (haversine) in km.
The index is a k-d tree on 3-D unit vectors (chord length grows with great-circle distance), queried with a
slightly larger chord so that nothing on the radius is missed; every hit is then measured with the same
haversine formula as the brute force and kept only when it is within the radius, so both give exactly the
same answer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd
from scipy.spatial import cKDTree

from .geo import EARTH_RADIUS_KM, haversine_km_array

MAX_RADIUS_KM = 300.0


@dataclass(frozen=True)
class Sites:
    """Sites of one kind as parallel arrays: ids, organisation ids and WGS84 coordinates."""

    site_ids: tuple[str, ...]
    organisation_ids: tuple[str, ...]
    lat: np.ndarray
    lon: np.ndarray

    @classmethod
    def of(cls, rows: list[tuple[str, str, float, float]]) -> Sites:
        return cls(
            tuple(r[0] for r in rows),
            tuple(r[1] for r in rows),
            np.array([r[2] for r in rows], dtype=float),
            np.array([r[3] for r in rows], dtype=float),
        )

    def __len__(self) -> int:
        return len(self.site_ids)

    @cached_property
    def organisation_codes(self) -> np.ndarray:
        """A small integer per organisation, for grouping site pairs by organisation pair."""
        codes, _ = pd.factorize(pd.Series(self.organisation_ids, dtype=object))
        return codes.astype(np.int64)


@dataclass(frozen=True, order=True)
class Candidate:
    library_org_id: str
    care_org_id: str
    distance_km: float
    library_site_id: str
    care_site_id: str


def _unit_vectors(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    phi, lam = np.radians(lat), np.radians(lon)
    return np.column_stack((np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)))


# numpy's vectorised trigonometry may round the last bit differently depending on where a value sits in an
# array; decisions are therefore taken on a scalar recomputation of every pair that could be affected.
MARGIN_KM = 1e-6


def haversine_exact(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance with scalar arithmetic: the same bits wherever it is called from."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((phi2 - phi1) / 2.0) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin((math.radians(lon2) - math.radians(lon1)) / 2.0) ** 2
    )
    return 2.0 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(max(a, 0.0), 1.0)))


def _closest_per_pair(
    libraries: Sites,
    care: Sites,
    library_index: np.ndarray,
    care_index: np.ndarray,
    rough_km: np.ndarray,
    radius_km: float,
) -> list[Candidate]:
    """From site pairs with rough distances, the closest site pair per organisation pair, decided exactly."""
    near = rough_km <= radius_km + MARGIN_KM
    library_index, care_index, rough_km = library_index[near], care_index[near], rough_km[near]
    if not len(rough_km):
        return []
    keys = (
        libraries.organisation_codes[library_index] * (int(care.organisation_codes.max()) + 1)
        + (care.organisation_codes[care_index])
    )
    minimum = np.full(int(keys.max()) + 1, np.inf)
    np.minimum.at(minimum, keys, rough_km)
    contenders = np.nonzero(rough_km <= minimum[keys] + MARGIN_KM)[0]
    best: dict[tuple[str, str], Candidate] = {}
    for row in contenders.tolist():
        i, j = int(library_index[row]), int(care_index[row])
        distance = haversine_exact(
            float(libraries.lat[i]), float(libraries.lon[i]), float(care.lat[j]), float(care.lon[j])
        )
        if distance > radius_km:
            continue
        candidate = Candidate(
            libraries.organisation_ids[i], care.organisation_ids[j], distance, libraries.site_ids[i], care.site_ids[j]
        )
        key = (candidate.library_org_id, candidate.care_org_id)
        current = best.get(key)
        # Ties are broken by site ids so that every method names the same site pair.
        if current is None or (distance, candidate.library_site_id, candidate.care_site_id) < (
            current.distance_km,
            current.library_site_id,
            current.care_site_id,
        ):
            best[key] = candidate
    return sorted(best.values())


def check_radius(radius_km: float) -> None:
    if not (isinstance(radius_km, int | float) and math.isfinite(radius_km)) or radius_km < 0:
        raise ValueError(f"de straal moet 0 of meer km zijn (radius must be 0 km or more), niet {radius_km!r}")
    if radius_km > MAX_RADIUS_KM:
        raise ValueError(
            f"een straal van {radius_km:g} km is te groot; maximaal {MAX_RADIUS_KM:g} km "
            f"(radius too large; at most {MAX_RADIUS_KM:g} km)"
        )


def nearby_pairs(libraries: Sites, care: Sites, radius_km: float) -> list[Candidate]:
    """Every organisation pair with sites within ``radius_km``, using a spatial index."""
    check_radius(radius_km)
    if not len(libraries) or not len(care):
        return []
    chord = 2.0 * math.sin(min(radius_km / (2.0 * EARTH_RADIUS_KM), math.pi / 2))
    search = chord * (1 + 1e-9) + 1e-12
    tree = cKDTree(_unit_vectors(care.lat, care.lon))
    hits = tree.query_ball_point(_unit_vectors(libraries.lat, libraries.lon), r=search, workers=-1)
    lengths = np.fromiter((len(h) for h in hits), dtype=np.int64, count=len(hits))
    if not lengths.sum():
        return []
    library_index = np.repeat(np.arange(len(libraries)), lengths)
    care_index = np.concatenate([np.asarray(h, dtype=np.int64) for h in hits])
    distances = haversine_km_array(
        libraries.lat[library_index], libraries.lon[library_index], care.lat[care_index], care.lon[care_index]
    )
    return _closest_per_pair(libraries, care, library_index, care_index, distances, radius_km)


def nearby_pairs_brute_force(libraries: Sites, care: Sites, radius_km: float) -> list[Candidate]:
    """The same answer by measuring every library site against every care site (the reference)."""
    check_radius(radius_km)
    if not len(libraries) or not len(care):
        return []
    # Measured in blocks of library sites so that memory stays bounded at national scale.
    block = max(1, 4_000_000 // len(care))
    kept_library, kept_care, kept_distance = [], [], []
    for start in range(0, len(libraries), block):
        rows = np.arange(start, min(start + block, len(libraries)))
        library_index = np.repeat(rows, len(care))
        care_index = np.tile(np.arange(len(care)), len(rows))
        distances = haversine_km_array(
            libraries.lat[library_index], libraries.lon[library_index], care.lat[care_index], care.lon[care_index]
        )
        near = distances <= radius_km + MARGIN_KM
        kept_library.append(library_index[near])
        kept_care.append(care_index[near])
        kept_distance.append(distances[near])
    return _closest_per_pair(
        libraries,
        care,
        np.concatenate(kept_library),
        np.concatenate(kept_care),
        np.concatenate(kept_distance),
        radius_km,
    )
