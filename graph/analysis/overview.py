"""Key figures and practice examples for the overview, the gallery and the organisation pages."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from graph.store.atlas import Atlas


@dataclass(frozen=True)
class KeyFigures:
    libraries: int
    care_organisations: int
    sites: int
    active_collaborations: int
    municipalities: int
    covered_municipalities: int
    population: int
    population_covered: int

    @property
    def population_share(self) -> float | None:
        """The share of the inhabitants living in a covered municipality; None without reference data (no
        municipality then has a known population, and 0 % would be a claim)."""
        return self.population_covered / self.population if self.population else None


def key_figures(atlas: Atlas) -> KeyFigures:
    stats = atlas.answer("stats").set_index("measure")["value"].to_dict()
    coverage = atlas.answer("coverage")
    population = pd.to_numeric(coverage["population"], errors="coerce").fillna(0)
    covered = coverage["covered"].astype(bool)
    return KeyFigures(
        libraries=int(stats.get("organisations_library", 0)),
        care_organisations=int(stats.get("organisations_care", 0)),
        sites=int(stats.get("sites", 0)),
        active_collaborations=int(stats.get("collaborations_active", 0)),
        municipalities=len(coverage),
        covered_municipalities=int(covered.sum()),
        population=int(population.sum()),
        population_covered=int(population[covered].sum()),
    )


def collaborations(atlas: Atlas, **filters: str | None) -> pd.DataFrame:
    """All collaborations (one row each), optionally for one status, province or organisation."""
    values = {key: value for key, value in filters.items() if value}
    frame = atlas.answer("collaboration-overview", values)
    return frame.fillna({"participants": 0, "activities": ""})


def practice_examples(frame: pd.DataFrame, limit: int | None = None) -> pd.DataFrame:
    """Collaborations with a story, newest first."""
    stories = frame[frame["description"].astype(str).str.strip() != ""]
    stories = stories.sort_values(["start_date", "collaboration_id"], ascending=[False, True], kind="stable")
    return stories if limit is None else stories.head(limit)


def organisation_collaborations(atlas: Atlas, organisation_id: str) -> pd.DataFrame:
    as_library = collaborations(atlas, library_org_id=organisation_id)
    as_care = collaborations(atlas, care_org_id=organisation_id)
    return pd.concat([as_library, as_care], ignore_index=True).drop_duplicates("collaboration_id")


def organisations(atlas: Atlas) -> pd.DataFrame:
    """Every organisation (id, name, kind), sorted by name: for pickers and search."""
    frame = atlas.answer("internal/organisation-kinds")
    return frame.sort_values("name", key=lambda column: column.str.lower()).reset_index(drop=True)
