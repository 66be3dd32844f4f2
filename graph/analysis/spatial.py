"""Nearby pairs of library and care organisations: a blocked search, and the brute force it must equal.

A candidate is a (library organisation, care organisation) pair with at least one library site and one care
site within the radius; it names the closest such site pair (ties broken by site ids). Distances are
great-circle (haversine) in km. The blocked search (:mod:`graph.analysis.spatial_blocks`) only proposes site pairs from
rough dot products of 3-D unit vectors; every proposal is then measured with the same haversine formula as
the brute force, bit for bit, so both give exactly the same answer. Everything stays in numpy arrays: no
Python object per site pair, and memory bounded by the block size, not by the country.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache, cached_property

import numpy as np

from graph.model.geo import EARTH_RADIUS_KM, haversine_km_array
from graph.model.language import BilingualError, Message

MAX_RADIUS_KM = 300.0


@dataclass(frozen=True, eq=False)
class Sites:
    """Sites of one kind as parallel arrays: ids, organisation ids and WGS84 coordinates."""

    site_ids: np.ndarray
    organisation_ids: np.ndarray
    lat: np.ndarray
    lon: np.ndarray

    @classmethod
    def of(cls, rows: list[tuple[str, str, float, float]]) -> Sites:
        return cls.from_columns([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows], [r[3] for r in rows])

    @classmethod
    def from_columns(cls, site_ids: object, organisation_ids: object, lat: object, lon: object) -> Sites:
        return cls(
            np.asarray(site_ids, dtype=object),
            np.asarray(organisation_ids, dtype=object),
            np.asarray(lat, dtype=float),
            np.asarray(lon, dtype=float),
        )

    def __len__(self) -> int:
        return len(self.site_ids)

    @cached_property
    def _organisations(self) -> tuple[np.ndarray, np.ndarray]:
        names, codes = np.unique(self.organisation_ids.astype(str), return_inverse=True)
        return names.astype(object), codes.astype(np.int64).reshape(-1)

    @property
    def organisation_names(self) -> np.ndarray:
        """The distinct organisation ids, sorted: code ``k`` stands for ``organisation_names[k]``."""
        return self._organisations[0]

    @property
    def organisation_codes(self) -> np.ndarray:
        """A small integer per site's organisation, in the order of the organisation ids."""
        return self._organisations[1]

    @cached_property
    def unit_vectors(self) -> np.ndarray:
        phi, lam = np.radians(self.lat), np.radians(self.lon)
        return np.column_stack((np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)))


@dataclass(frozen=True, order=True)
class Candidate:
    library_org_id: str
    care_org_id: str
    distance_km: float
    library_site_id: str
    care_site_id: str


@dataclass(frozen=True, eq=False)
class ClosestPairs:
    """One row per organisation pair within the radius, in the order of (library, care) organisation id."""

    library_index: np.ndarray  # the library site, as a position in the library Sites
    care_index: np.ndarray
    distance_km: np.ndarray

    def __len__(self) -> int:
        return len(self.distance_km)

    def part(self, start: int, stop: int) -> ClosestPairs:
        return ClosestPairs(self.library_index[start:stop], self.care_index[start:stop], self.distance_km[start:stop])


def haversine_exact(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance with scalar arithmetic: the same bits wherever it is called from.

    Squares are products, not ``x ** 2``: Python's ``**`` calls the C library's pow() and numpy's own vector
    pow() differs from it in the last bit on some CPUs, while a product is rounded the same way everywhere.
    """
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_lat = math.sin((phi2 - phi1) / 2.0)
    half_lon = math.sin((math.radians(lon2) - math.radians(lon1)) / 2.0)
    a = half_lat * half_lat + math.cos(phi1) * math.cos(phi2) * (half_lon * half_lon)
    return 2.0 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(max(a, 0.0), 1.0)))


def _haversine_vector(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    """:func:`haversine_exact` step by step on arrays."""
    phi1, phi2 = np.radians(lat1), np.radians(lat2)
    half_lat = _as_the_c_library("sin", (phi2 - phi1) / 2.0)
    half_lon = _as_the_c_library("sin", (np.radians(lon2) - np.radians(lon1)) / 2.0)
    cosines = _as_the_c_library("cos", phi1) * _as_the_c_library("cos", phi2)
    a = half_lat * half_lat + cosines * (half_lon * half_lon)
    return 2.0 * EARTH_RADIUS_KM * _as_the_c_library("asin", np.sqrt(np.minimum(np.maximum(a, 0.0), 1.0)))


_NUMPY_NAMES = {"sin": np.sin, "cos": np.cos, "asin": np.arcsin}


@cache
def _numpy_gives_the_c_librarys(name: str) -> bool:
    x = np.random.default_rng(23).uniform(-0.2, 1.0, 1500)
    c_function = getattr(math, name)
    return bool(np.array_equal(_NUMPY_NAMES[name](x), np.array([c_function(value) for value in x.tolist()])))


def _as_the_c_library(name: str, x: np.ndarray) -> np.ndarray:
    """numpy's sin, cos or arcsin, or the C library's where they differ: on CPUs with AVX-512 numpy computes some
    of them with its own vector routines (arcsin differed in the last bit for about one value in twelve)."""
    if _numpy_gives_the_c_librarys(name):
        return np.asarray(_NUMPY_NAMES[name](x))
    return np.fromiter(map(getattr(math, name), x.tolist()), dtype=float, count=len(x))


@cache
def vector_matches_scalar() -> bool:
    """Whether this machine's numpy gives :func:`haversine_exact`'s bits (some CPUs vectorise sin differently)."""
    rng = np.random.default_rng(17)
    lat1, lon1 = rng.uniform(50.5, 53.8, 1500), rng.uniform(3.0, 7.5, 1500)
    lat2, lon2 = lat1 + rng.normal(0, 0.1, 1500), lon1 + rng.normal(0, 0.1, 1500)
    vector = _haversine_vector(lat1, lon1, lat2, lon2)
    scalar = [haversine_exact(*values) for values in zip(lat1, lon1, lat2, lon2, strict=True)]
    return bool(np.array_equal(vector, np.array(scalar)))


#: Pairs measured at once by :func:`exact_km` (a few MB per temporary array).
EXACT_SLICE = 1 << 18


def exact_km(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    """Distances that are bit for bit those of :func:`haversine_exact`, computed on arrays when that is safe."""
    if not len(lat1):
        return np.zeros(0)
    if vector_matches_scalar():
        # In slices: each step of the formula makes a temporary array as long as its input, and at national
        # scale a batch proposes millions of pairs (the slices give the same bits: the work is element-wise).
        distance = np.empty(len(lat1))
        for start in range(0, len(lat1), EXACT_SLICE):
            part = slice(start, start + EXACT_SLICE)
            distance[part] = _haversine_vector(lat1[part], lon1[part], lat2[part], lon2[part])
        return distance
    scalar = map(haversine_exact, lat1.tolist(), lon1.tolist(), lat2.tolist(), lon2.tolist())
    return np.fromiter(scalar, dtype=float, count=len(lat1))


def closest_of(
    libraries: Sites, care: Sites, library_index: np.ndarray, care_index: np.ndarray, radius_km: float
) -> ClosestPairs:
    """From proposed site pairs, the closest one per organisation pair within the radius, decided exactly.

    Proposals may repeat and may lie beyond the radius; a pair missing from them is missing from the answer.
    """
    distance = exact_km(
        libraries.lat[library_index], libraries.lon[library_index], care.lat[care_index], care.lon[care_index]
    )
    within = distance <= radius_km
    library_index, care_index, distance = library_index[within], care_index[within], distance[within]
    key = (
        libraries.organisation_codes[library_index] * max(1, len(care.organisation_names))
        + (care.organisation_codes[care_index])
    )
    groups, group_of = np.unique(key, return_inverse=True)
    group_of = group_of.reshape(-1)
    minimum = np.full(len(groups), np.inf)
    np.minimum.at(minimum, group_of, distance)
    at_minimum = np.flatnonzero(distance == minimum[group_of])
    chosen = np.empty(len(groups), dtype=np.int64)
    chosen[group_of[at_minimum]] = at_minimum
    tied = at_minimum[np.bincount(group_of[at_minimum], minlength=len(groups))[group_of[at_minimum]] > 1]
    if len(tied):
        # Site pairs of one organisation pair at exactly the same distance: the smaller site ids win.
        library_ids, care_ids = libraries.site_ids[library_index[tied]], care.site_ids[care_index[tied]]
        order = tied[np.lexsort((care_ids.astype(str), library_ids.astype(str), group_of[tied]))]
        first = np.r_[True, group_of[order][1:] != group_of[order][:-1]]
        chosen[group_of[order[first]]] = order[first]
    return ClosestPairs(library_index[chosen], care_index[chosen], distance[chosen])


def check_radius(radius_km: float) -> None:
    if not (isinstance(radius_km, int | float) and math.isfinite(radius_km)) or radius_km < 0:
        raise BilingualError(
            Message(
                f"De straal moet 0 km of meer zijn, niet {radius_km!r}.",
                f"The radius must be 0 km or more, not {radius_km!r}.",
            )
        )
    if radius_km > MAX_RADIUS_KM:
        raise BilingualError(
            Message(
                f"Een straal van {radius_km:g} km is te groot; maximaal {MAX_RADIUS_KM:g} km.",
                f"A radius of {radius_km:g} km is too large; at most {MAX_RADIUS_KM:g} km.",
            )
        )


def candidates(libraries: Sites, care: Sites, found: ClosestPairs) -> list[Candidate]:
    """The pairs as objects, for a handful of pairs (tests, small tools); the ranking keeps to arrays."""
    return [
        Candidate(
            str(libraries.organisation_ids[i]),
            str(care.organisation_ids[j]),
            float(distance),
            str(libraries.site_ids[i]),
            str(care.site_ids[j]),
        )
        for i, j, distance in zip(
            found.library_index.tolist(), found.care_index.tolist(), found.distance_km.tolist(), strict=True
        )
    ]


# numpy's haversine (x·x instead of pow) may differ from the exact one in the last bit: the brute force keeps
# every site pair within this margin of its organisation pair's minimum, and decides on exact distances.
MARGIN_KM = 1e-6


def closest_pairs_brute_force(libraries: Sites, care: Sites, radius_km: float) -> ClosestPairs:
    """The same answer by measuring every library site against every care site (the reference)."""
    check_radius(radius_km)
    none = np.zeros(0, dtype=np.int64)
    if not len(libraries) or not len(care):
        return closest_of(libraries, care, none, none, radius_km)
    # Measured in blocks of library sites so that memory stays bounded at national scale.
    block = max(1, 4_000_000 // len(care))
    kept_library, kept_care, kept_distance = [none], [none], [np.zeros(0)]
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
    library_index, care_index = np.concatenate(kept_library), np.concatenate(kept_care)
    rough = np.concatenate(kept_distance)
    keys = (
        libraries.organisation_codes[library_index] * len(care.organisation_names)
        + (care.organisation_codes[care_index])
    )
    groups, group_of = np.unique(keys, return_inverse=True)
    minimum = np.full(len(groups), np.inf)
    np.minimum.at(minimum, group_of, rough)
    contenders = rough <= minimum[group_of] + MARGIN_KM
    return closest_of(libraries, care, library_index[contenders], care_index[contenders], radius_km)


def nearby_pairs_brute_force(libraries: Sites, care: Sites, radius_km: float) -> list[Candidate]:
    return candidates(libraries, care, closest_pairs_brute_force(libraries, care, radius_km))
