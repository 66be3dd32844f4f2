"""What the partner form (*Samenwerking toevoegen*) shows: sites to choose from, likely duplicates, known pairs."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from graph.analysis.mapdata import sites
from graph.analysis.overview import organisations
from graph.analysis.similar import search_organisations, similar_organisations
from graph.intake.form_check import FieldProblem
from graph.store.atlas import Atlas

NEW_ORGANISATION = "__new__"  # the choice "my organisation is not listed yet"


@dataclass(frozen=True)
class FormChoices:
    """The public sites and organisations a partner can pick from (no private data: the form is public)."""

    sites: pd.DataFrame
    organisations: pd.DataFrame

    def site_options(self, typed: str, kind: str, limit: int = 30) -> dict[str, str]:
        """Site id → "Organisation — site (town)" for the organisations matching what the partner typed."""
        found = search_organisations(typed, self.organisations, kind, limit=limit)
        candidates = self.sites[self.sites.organisation_id.isin(found.id)]
        shown = candidates.organisation + " — " + candidates.site + " (" + candidates.town + ")"
        return dict(zip(candidates.site_id, shown, strict=True))

    def likely_duplicates(self, name: str, kind: str, limit: int = 3) -> list[str]:
        """Names of existing organisations of this kind that are probably the one the partner is adding."""
        if not name.strip():
            return []
        return [str(other) for other in similar_organisations(name, self.organisations, kind).name.head(limit)]

    def organisation_of(self, site_id: str) -> str | None:
        owners = dict(zip(self.sites.site_id, self.sites.organisation_id, strict=True))
        return owners.get(site_id)


def form_choices(atlas: Atlas) -> FormChoices:
    return FormChoices(sites(atlas), organisations(atlas))


def pair_known(atlas: Atlas, choices: FormChoices, library_site: str, care_site: str) -> bool:
    """Whether the two chosen sites' organisations already have a collaboration in the atlas."""
    if not library_site or not care_site or NEW_ORGANISATION in (library_site, care_site):
        return False
    pair = (choices.organisation_of(library_site), choices.organisation_of(care_site))
    known = atlas.answer("internal/collaboration-pairs")
    return pair in set(zip(known.library_org_id, known.care_org_id, strict=True))


def problems_by_field(problems: list[FieldProblem], lang: str) -> dict[str, list[str]]:
    """Each field's messages, in the partner's language, in the order they were found."""
    shown: dict[str, list[str]] = {}
    for problem in problems:
        shown.setdefault(problem.field, []).append(problem.message(lang))
    return shown
