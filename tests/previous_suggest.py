"""The suggestions as they were computed before the ranking moved to arrays: one Python object per pair.

Kept only as the reference that the array version must equal, row for row and bit for bit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.spatial import cKDTree

from graph.analysis.spatial import haversine_exact
from graph.analysis.suggest import COLUMNS, WEIGHTS, SuggestionInput
from graph.model.geo import EARTH_RADIUS_KM, haversine_km_array


class Sites:
    """Sites of one kind as the previous version kept them: tuples and arrays."""

    def __init__(self, rows: list[tuple[str, str, float, float]]) -> None:
        self.site_ids = tuple(r[0] for r in rows)
        self.organisation_ids = tuple(r[1] for r in rows)
        self.lat = np.array([r[2] for r in rows], dtype=float)
        self.lon = np.array([r[3] for r in rows], dtype=float)
        codes, _ = pd.factorize(pd.Series(self.organisation_ids, dtype=object))
        self.organisation_codes = codes.astype(np.int64)

    def __len__(self) -> int:
        return len(self.site_ids)


@dataclass(frozen=True, order=True)
class Candidate:
    library_org_id: str
    care_org_id: str
    distance_km: float
    library_site_id: str
    care_site_id: str


# numpy's haversine may round the last bit differently from the scalar one: decisions are taken on a
# scalar recomputation of every pair within this margin.
MARGIN_KM = 1e-6


def _unit_vectors(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    phi, lam = np.radians(lat), np.radians(lon)
    return np.column_stack((np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)))


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


def nearby_pairs(libraries: Sites, care: Sites, radius_km: float) -> list[Candidate]:
    """Every organisation pair with sites within ``radius_km``, using a spatial index."""
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


def _sites_of(frame: pd.DataFrame) -> Sites:
    return Sites(list(zip(frame.site_id, frame.organisation_id, frame.lat, frame.lon, strict=True)))


def previous_suggest(
    data: SuggestionInput,
    radius_km: float,
    *,
    municipality: str | None = None,
    province: str | None = None,
    organisation: str | None = None,
    sort: str = "score",
    limit: int | None = None,
    lang: str = "nl",
) -> pd.DataFrame:
    """The ranked suggestions as a table with the columns of :data:`COLUMNS`."""
    sites = data.sites
    libraries = sites[sites.kind == "library"]
    if municipality:
        libraries = libraries[libraries.municipality_code == municipality]
    if province:
        libraries = libraries[libraries.province_code == province]
    care = sites[sites.kind == "care"]
    if organisation:
        if organisation in set(libraries.organisation_id):
            libraries = libraries[libraries.organisation_id == organisation]
        else:
            care = care[care.organisation_id == organisation]
    candidates = nearby_pairs(_sites_of(libraries), _sites_of(care), float(radius_km))
    table = _rank(data, candidates, float(radius_km), lang)
    if sort == "distance":
        table = table.sort_values(["distance_km", "score"], ascending=[True, False], kind="stable")
    table = table.reset_index(drop=True)
    return table if limit is None else table.head(limit)


def _experience(pairs: pd.DataFrame) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Partners of each organisation, and the activities each already does (broader ones included)."""
    partners: dict[str, set[str]] = {}
    activities: dict[str, set[str]] = {}
    for row in pairs.itertuples():
        partners.setdefault(str(row.library_org_id), set()).add(str(row.care_org_id))
        partners.setdefault(str(row.care_org_id), set()).add(str(row.library_org_id))
        done = {code for code in str(row.activities or "").split(";") if code}
        for organisation in (str(row.library_org_id), str(row.care_org_id)):
            activities.setdefault(organisation, set()).update(done)
    return partners, activities


def _rank(data: SuggestionInput, candidates: list[Candidate], radius_km: float, lang: str) -> pd.DataFrame:
    partners, activities = _experience(data.pairs)
    place_of = dict(zip(data.sites.site_id, data.sites.municipality_code, strict=True))
    place_name_of = dict(zip(data.sites.site_id, data.sites.municipality, strict=True))
    names = dict(zip(data.sites.organisation_id, data.sites.organisation, strict=False))
    rows = []
    for candidate in candidates:
        if candidate.care_org_id in partners.get(candidate.library_org_id, set()):
            continue
        state = data.states.get((candidate.library_org_id, candidate.care_org_id), {})
        if state.get("state") == "declined":
            continue
        place_code = str(place_of[candidate.library_site_id])
        place_name = str(place_name_of[candidate.library_site_id]) or place_code
        closeness = 1.0 - candidate.distance_km / radius_km if radius_km > 0 else 1.0
        gap = bool(place_code) and place_code not in data.active_places
        care_partners = len(partners.get(candidate.care_org_id, set()))
        library_partners = len(partners.get(candidate.library_org_id, set()))
        shared = activities.get(candidate.care_org_id, set()) & activities.get(candidate.library_org_id, set())
        either = activities.get(candidate.care_org_id, set()) | activities.get(candidate.library_org_id, set())
        fit = len(shared) / len(either) if either else 0.0
        score = (
            WEIGHTS["distance"] * max(0.0, closeness)
            + WEIGHTS["gap"] * gap
            + WEIGHTS["care_experience"] * (care_partners > 0)
            + WEIGHTS["library_experience"] * (library_partners > 0)
            + WEIGHTS["fit"] * fit
        )
        reasons = _reasons(
            lang,
            candidate.distance_km,
            place_name if gap else "",
            (names.get(candidate.care_org_id, candidate.care_org_id), care_partners),
            (names.get(candidate.library_org_id, candidate.library_org_id), library_partners),
            [data.activity_labels.get(code, {}).get(lang, code) for code in sorted(shared)],
        )
        rows.append(
            {
                "library_org_id": candidate.library_org_id,
                "library_site_id": candidate.library_site_id,
                "care_org_id": candidate.care_org_id,
                "care_site_id": candidate.care_site_id,
                "distance_km": round(candidate.distance_km, 3),
                "score": round(min(1.0, score), 3),
                "municipality_code": place_code,
                "reasons": "; ".join(reasons),
                "library_organisation": names.get(candidate.library_org_id, ""),
                "care_organisation": names.get(candidate.care_org_id, ""),
                "municipality": place_name,
                "follow_up": state.get("state", ""),
            }
        )
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.sort_values(
        ["score", "distance_km", "library_org_id", "care_org_id"], ascending=[False, True, True, True], kind="stable"
    )


# (one, many) per language: what the care organisation and the library already do with the other kind.
EXPERIENCE_PHRASES = (
    {
        "nl": ("{name} werkt al met {count} andere bibliotheek", "{name} werkt al met {count} andere bibliotheken"),
        "en": ("{name} already works with {count} other library", "{name} already works with {count} other libraries"),
    },
    {
        "nl": ("{name} werkt al met {count} zorgorganisatie", "{name} werkt al met {count} zorgorganisaties"),
        "en": (
            "{name} already works with {count} care organisation",
            "{name} already works with {count} care organisations",
        ),
    },
)


def _km(distance: float, lang: str) -> str:
    text = f"{distance:.1f}"
    return text.replace(".", ",") if lang == "nl" else text


def _reasons(
    lang: str,
    distance: float,
    gap_place: str,
    care: tuple[str, int],
    library: tuple[str, int],
    shared: list[str],
) -> list[str]:
    nl = lang != "en"
    reasons = [f"{_km(distance, lang)} km van elkaar" if nl else f"{_km(distance, lang)} km apart"]
    if gap_place:
        reasons.append(f"nog geen samenwerking in {gap_place}" if nl else f"no collaboration in {gap_place} yet")
    for (name, count), phrases in zip((care, library), EXPERIENCE_PHRASES, strict=True):
        if count:
            phrase = phrases["nl" if nl else "en"][0 if count == 1 else 1]
            reasons.append(phrase.format(name=name, count=count))
    if shared:
        listed = ", ".join(label.lower() for label in shared)
        reasons.append(f"beide doen al: {listed}" if nl else f"both already do: {listed}")
    return reasons
