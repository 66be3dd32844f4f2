"""Suggested library–care pairs that are not connected yet, ranked by a score a coordinator can follow.

Score (0–1) = 0.40 × closeness (1 at the same spot, 0 at the radius)
            + 0.25 × gap (no active collaboration yet in the municipality of the library site)
            + 0.10 × the care organisation already works with libraries
            + 0.10 × the library already works with care organisations
            + 0.15 × fit of activities (overlap of what each already does elsewhere, broader activities included)
Every suggestion carries the reasons behind its score as short sentences in Dutch or English.

The whole ranking works on numpy arrays with one entry per organisation pair (see :mod:`graph.analysis.spatial`):
connected and declined pairs are dropped by joins on integer codes, scores are computed for all pairs at
once, and only the rows that are returned get their names and reasons written out.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from graph.analysis.followup import current_states
from graph.analysis.spatial import ClosestPairs, Sites, check_radius
from graph.analysis.spatial_blocks import closest_pairs
from graph.analysis.suggest_experience import Experience
from graph.analysis.suggest_reasons import SEPARATOR, reasons
from graph.model.language import BilingualError, Message, language
from graph.model.viewer import Viewer
from graph.store.atlas import Atlas

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


class SuggestionError(BilingualError):
    """A filter names something the atlas does not know, or a value is out of range; says so in both languages."""


@dataclass
class SuggestionInput:
    """Everything the ranking needs, read once from the store."""

    sites: pd.DataFrame
    pairs: pd.DataFrame
    active_places: set[str]
    states: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    activity_labels: dict[str, dict[str, str]] = field(default_factory=dict)
    # Whether the answer has a follow-up column: decided with the viewer when the input is read, so no page or
    # command has to remember to drop it for a visitor.
    shows_follow_up: bool = True
    # Organisation id → its name as the app shows it, two of one name told apart by their place; the name columns
    # and the reasons say it. Without it, an organisation is named as its sites name it.
    names: Mapping[str, str] = field(default_factory=dict)


def load_input(atlas: Atlas, viewer: Viewer) -> SuggestionInput:
    """What the ranking needs; follow-up (a declined pair, a state) only when the viewer may see it."""
    sites = atlas.answer("internal/suggestion-sites")
    pairs = atlas.answer("internal/collaboration-pairs")
    coverage = atlas.answer("coverage")
    active_places = set(coverage.loc[coverage.active_collaborations > 0, "municipality_code"])
    labels: dict[str, dict[str, str]] = {}
    for row in atlas.answer("internal/activity-labels").itertuples():
        if row.preferred:
            labels.setdefault(str(row.code), {})[str(row.lang)] = str(row.label)
    return SuggestionInput(
        sites, pairs, active_places, current_states(atlas, viewer), labels, shows_follow_up=viewer.sees_private
    )


def _sites_of(frame: pd.DataFrame) -> Sites:
    return Sites.from_columns(frame.site_id, frame.organisation_id, frame.lat, frame.lon)


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
    reasons_also_in: tuple[str, ...] = (),
) -> pd.DataFrame:
    """The ranked suggestions as a table with the columns of :data:`COLUMNS` (``follow_up`` only for a viewer who
    may see it); ``limit`` keeps the best ones. ``reasons_also_in`` adds the reasons in more languages, as
    ``reasons_en`` and so on, for a report that is read in either."""
    lang = language(lang)
    languages = (lang, *(language(other) for other in reasons_also_in))
    try:
        radius = float(radius_km)
    except (TypeError, ValueError):
        radius = math.nan  # not a number at all: refused below like any other impossible radius
    try:
        check_radius(radius)
    except BilingualError as error:
        raise SuggestionError(error.message) from error
    if sort not in ("score", "distance"):
        raise SuggestionError(
            Message(f"Sorteer op score of distance, niet {sort!r}.", f"Sort by score or distance, not {sort!r}.")
        )
    if limit is not None and limit < 0:
        raise SuggestionError(Message("Het aantal moet 0 of meer zijn.", "The number must be 0 or more."))
    sites = data.sites
    libraries = sites[sites.kind == "library"]
    if municipality:
        if municipality not in set(sites.municipality_code) | data.active_places:
            raise SuggestionError(
                Message(
                    f"Onbekende gemeente {municipality!r}, of er liggen geen locaties.",
                    f"Unknown municipality {municipality!r}, or it has no sites.",
                )
            )
        libraries = libraries[libraries.municipality_code == municipality]
    if province:
        if province not in set(sites.province_code):
            raise SuggestionError(
                Message(
                    f"Onbekende provincie {province!r}, of er liggen geen locaties.",
                    f"Unknown province {province!r}, or it has no sites.",
                )
            )
        libraries = libraries[libraries.province_code == province]
    care = sites[sites.kind == "care"]
    if organisation:
        if organisation not in set(sites.organisation_id):
            raise SuggestionError(
                Message(
                    f"Onbekende organisatie {organisation!r}: geen bibliotheek of zorgorganisatie in de atlas.",
                    f"Unknown organisation {organisation!r}: no library or care organisation in the atlas.",
                )
            )
        if organisation in set(libraries.organisation_id):
            libraries = libraries[libraries.organisation_id == organisation]
        else:
            care = care[care.organisation_id == organisation]
    library_sites, care_sites = _sites_of(libraries), _sites_of(care)
    found = closest_pairs(library_sites, care_sites, float(radius_km))
    experience = Experience(data.pairs)

    def ranking(part: ClosestPairs) -> Ranking:
        return Ranking(data, experience, libraries, care, library_sites, care_sites, part, float(radius_km))

    if limit is not None and len(found) > STREAM_ROWS:
        return _best(ranking, found, sort, limit, languages)
    ranked = ranking(found)
    order = ranked.order(sort)
    if limit == 0:  # no rows, with the column types of the rows there are
        return ranked.table(order[:1], languages).iloc[:0]
    return ranked.table(order[:limit], languages)


# With a limit, the pairs are scored this many at a time and only the best ``limit`` of each part are kept.
STREAM_ROWS = 200_000


def _best(
    ranking: Callable[[ClosestPairs], Ranking], found: ClosestPairs, sort: str, limit: int, languages: tuple[str, ...]
) -> pd.DataFrame:
    """The best ``limit`` rows, scoring the found pairs part by part so that memory stays bounded."""
    tables, keys = [], []
    for start in range(0, len(found), STREAM_ROWS):
        ranked = ranking(found.part(start, start + STREAM_ROWS))
        chosen = ranked.order(sort)[: max(1, limit)]
        tables.append(ranked.table(chosen, languages))
        keys.append(ranked.sort_keys(chosen, sort))
    merged = [np.concatenate(column) for column in zip(*keys, strict=True)]
    order = np.lexsort(merged)[:limit]
    return pd.concat(tables, ignore_index=True).iloc[order].reset_index(drop=True)


def round3(values: np.ndarray) -> np.ndarray:
    """``round(value, 3)`` of Python for every value, computed on the array.

    numpy rounds value × 1000, which can land on the other side of a half when value × 1000 is within
    rounding of one; those few values are rounded by Python itself.
    """
    rounded = np.round(values, 3)
    scaled = values * 1000.0
    near_half = np.flatnonzero(np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6)
    rounded[near_half] = [round(value, 3) for value in values[near_half].tolist()]
    return rounded


class Ranking:
    """The scored, not yet connected organisation pairs, as arrays in the order of the found pairs."""

    def __init__(
        self,
        data: SuggestionInput,
        experience: Experience,
        libraries: pd.DataFrame,
        care: pd.DataFrame,
        library_sites: Sites,
        care_sites: Sites,
        found: ClosestPairs,
        radius_km: float,
    ) -> None:
        self.data = data
        self.experience = experience
        library_orgs = library_sites.organisation_names
        care_orgs = care_sites.organisation_names
        library_code = library_sites.organisation_codes[found.library_index]
        care_code = care_sites.organisation_codes[found.care_index]
        open_pair = ~self.experience.connected(library_orgs, care_orgs, library_code, care_code)
        declined, self.states = self._states(library_orgs, care_orgs, library_code, care_code)
        keep = open_pair & ~declined
        self.library_code, self.care_code = library_code[keep], care_code[keep]
        self.library_org = library_orgs[self.library_code]
        self.care_org = care_orgs[self.care_code]
        self.follow_up = self.states[keep]
        self.library_row = found.library_index[keep]  # position within ``libraries``
        self.care_row = found.care_index[keep]
        self.libraries, self.care = libraries, care
        distance = found.distance_km[keep]
        self.distance = distance
        place = libraries.municipality_code.to_numpy(dtype=object)[self.library_row].astype(str)
        self.place_code = place
        self.gap = (place != "") & ~pd.Series(place).isin(data.active_places).to_numpy()
        self.care_partners = self.experience.partner_counts(self.care_org)
        self.library_partners = self.experience.partner_counts(self.library_org)
        self.fit = self.experience.fit(self.library_org, self.care_org)
        closeness = 1.0 - distance / radius_km if radius_km > 0 else np.ones(len(distance))
        score = (
            WEIGHTS["distance"] * np.maximum(0.0, closeness)
            + WEIGHTS["gap"] * self.gap
            + WEIGHTS["care_experience"] * (self.care_partners > 0)
            + WEIGHTS["library_experience"] * (self.library_partners > 0)
            + WEIGHTS["fit"] * self.fit
        )
        self.score = round3(np.minimum(1.0, score))
        self.distance_km = round3(distance)

    def _states(
        self, library_orgs: np.ndarray, care_orgs: np.ndarray, library_code: np.ndarray, care_code: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Per pair: whether a coordinator declined it, and its latest follow-up state ("" when none)."""
        declined = np.zeros(len(library_code), dtype=bool)
        states = np.full(len(library_code), "", dtype=object)
        if not self.data.states or not len(library_code):
            return declined, states
        keys = list(self.data.states)
        library_of = pd.Index(library_orgs).get_indexer([library for library, _ in keys])
        care_of = pd.Index(care_orgs).get_indexer([care for _, care in keys])
        known = (library_of >= 0) & (care_of >= 0)
        state_keys = library_of[known] * len(care_orgs) + care_of[known]
        state_names = np.array([self.data.states[key].get("state", "") for key in keys], dtype=object)[known]
        by_key = pd.Series(state_names, index=state_keys)
        found = by_key.reindex(library_code * len(care_orgs) + care_code).to_numpy(dtype=object)
        named = pd.notna(found)
        states[named] = found[named]
        declined = states == "declined"
        return declined, states

    def sort_keys(self, positions: np.ndarray, sort: str) -> tuple[np.ndarray, ...]:
        """The keys for ``np.lexsort``, least significant first: by score, then distance and ids; or by
        distance first. Organisation codes follow the order of the ids, so ties go to the smaller ids."""
        codes = (self.care_code[positions], self.library_code[positions])
        if sort == "distance":
            return (*codes, -self.score[positions], self.distance_km[positions])
        return (*codes, self.distance_km[positions], -self.score[positions])

    def order(self, sort: str) -> np.ndarray:
        """Positions from best to worst."""
        return np.lexsort(self.sort_keys(np.arange(len(self.score)), sort))

    def table(self, chosen: np.ndarray, languages: tuple[str, ...]) -> pd.DataFrame:
        """The rows at ``chosen``, in that order, with names and reasons written out: ``reasons`` in the first
        of ``languages``, ``reasons_<code>`` in each other."""
        shown = COLUMNS if self.data.shows_follow_up else [c for c in COLUMNS if c != "follow_up"]
        shown = shown + [f"reasons_{other}" for other in languages[1:]]
        if not len(chosen):
            return pd.DataFrame([], columns=shown)
        sites = self.data.sites
        # Plain arrays first: iterating a pandas string column costs microseconds per value.
        # The last site of an organisation names it, as a dict built from every site would.
        named = sites.drop_duplicates("organisation_id", keep="last")
        names = dict(zip(_objects(named.organisation_id), _objects(named.organisation), strict=True))
        names.update(self.data.names)
        library_orgs, care_orgs = self.library_org[chosen].tolist(), self.care_org[chosen].tolist()
        place_codes = self.place_code[chosen].tolist()
        places = [
            str(name) or code
            for name, code in zip(
                _objects(self.libraries.municipality.iloc[self.library_row[chosen]]).tolist(), place_codes, strict=True
            )
        ]
        labels = self.data.activity_labels
        sentences = {
            lang: [
                SEPARATOR.join(
                    reasons(
                        lang,
                        distance,
                        place if gap else "",
                        (names.get(care_org, care_org), care_partners),
                        (names.get(library_org, library_org), library_partners),
                        [
                            labels.get(code, {}).get(lang, code)
                            for code in sorted(self.experience.shared(library_org, care_org))
                        ],
                    )
                )
                for library_org, care_org, distance, place, gap, care_partners, library_partners in zip(
                    library_orgs,
                    care_orgs,
                    self.distance[chosen].tolist(),
                    places,
                    self.gap[chosen].tolist(),
                    self.care_partners[chosen].tolist(),
                    self.library_partners[chosen].tolist(),
                    strict=True,
                )
            ]
            for lang in languages
        }
        columns = {
            "library_org_id": library_orgs,
            "library_site_id": _objects(self.libraries.site_id.iloc[self.library_row[chosen]]).tolist(),
            "care_org_id": care_orgs,
            "care_site_id": _objects(self.care.site_id.iloc[self.care_row[chosen]]).tolist(),
            "distance_km": self.distance_km[chosen].tolist(),
            "score": self.score[chosen].tolist(),
            "municipality_code": place_codes,
            "reasons": sentences[languages[0]],
            "library_organisation": [names.get(org, "") for org in library_orgs],
            "care_organisation": [names.get(org, "") for org in care_orgs],
            "municipality": places,
            "follow_up": self.follow_up[chosen].tolist(),
        }
        columns |= {f"reasons_{other}": sentences[other] for other in languages[1:]}
        return pd.DataFrame(columns, columns=shown)


def _objects(column: pd.Series) -> np.ndarray:
    return column.to_numpy(dtype=object)
