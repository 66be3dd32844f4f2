"""Suggested library–care pairs that are not connected yet, ranked by a score a coordinator can follow.

Score (0–1) = 0.40 × closeness (1 at the same spot, 0 at the radius)
            + 0.25 × gap (no active collaboration yet in the municipality of the library site)
            + 0.10 × the care organisation already works with libraries
            + 0.10 × the library already works with care organisations
            + 0.15 × fit of activities (overlap of what each already does elsewhere, broader activities included)
Every suggestion carries the reasons behind its score as short sentences in Dutch or English.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .followup import current_states
from .queries import QueryLibrary
from .spatial import Candidate, Sites, check_radius, nearby_pairs
from .store import AtlasStore
from .viewer import Viewer

WEIGHTS = {"distance": 0.40, "gap": 0.25, "care_experience": 0.10, "library_experience": 0.10, "fit": 0.15}
COLUMNS = [
    "library_org_id",
    "library_site_id",
    "care_org_id",
    "care_site_id",
    "distance_km",
    "score",
    "municipality_code",
    "reasons",
    "library_organisation",
    "care_organisation",
    "municipality",
    "follow_up",
]


class SuggestionError(ValueError):
    """A filter names something the atlas does not know, or a value is out of range."""


@dataclass
class SuggestionInput:
    """Everything the ranking needs, read once from the store."""

    sites: pd.DataFrame
    pairs: pd.DataFrame
    active_places: set[str]
    states: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    activity_labels: dict[str, dict[str, str]] = field(default_factory=dict)


def load_input(store: AtlasStore, library: QueryLibrary, viewer: Viewer) -> SuggestionInput:
    """What the ranking needs; follow-up (a declined pair, a state) only when the viewer may see it."""
    sites = library.run(store, "internal/suggestion-sites")
    pairs = library.run(store, "internal/collaboration-pairs")
    coverage = library.run(store, "coverage")
    active_places = set(coverage.loc[coverage.active_collaborations > 0, "municipality_code"])
    labels: dict[str, dict[str, str]] = {}
    for row in library.run(store, "internal/activity-labels").itertuples():
        if row.preferred:
            labels.setdefault(str(row.code), {})[str(row.lang)] = str(row.label)
    return SuggestionInput(sites, pairs, active_places, current_states(store, library, viewer), labels)


def _sites_of(frame: pd.DataFrame) -> Sites:
    return Sites.of(list(zip(frame.site_id, frame.organisation_id, frame.lat, frame.lon, strict=True)))


def suggest(
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
    try:
        check_radius(float(radius_km))
    except (TypeError, ValueError) as error:
        raise SuggestionError(str(error)) from error
    if sort not in ("score", "distance"):
        raise SuggestionError(f"sorteer op score of distance, niet {sort!r} (sort by score or distance)")
    if limit is not None and limit < 0:
        raise SuggestionError("--limit moet 0 of meer zijn (limit must be 0 or more)")
    sites = data.sites
    libraries = sites[sites.kind == "library"]
    if municipality:
        if municipality not in set(sites.municipality_code) | data.active_places:
            raise SuggestionError(f"onbekende gemeente {municipality!r} (unknown municipality, or no sites there)")
        libraries = libraries[libraries.municipality_code == municipality]
    if province:
        if province not in set(sites.province_code):
            raise SuggestionError(f"onbekende provincie {province!r} (unknown province, or no sites there)")
        libraries = libraries[libraries.province_code == province]
    care = sites[sites.kind == "care"]
    if organisation:
        if organisation not in set(sites.organisation_id):
            raise SuggestionError(f"onbekende organisatie {organisation!r} (unknown library or care organisation)")
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
