"""What the partner form (*Samenwerking toevoegen*) shows: sites to choose from, likely duplicates, known pairs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from graph.analysis.mapdata import sites
from graph.analysis.similar import normalise, search_organisations, similar_organisations
from graph.intake.form_check import FieldProblem
from graph.intake.gazetteer import locate_town, municipality_of, town_as_written
from graph.model.enums import CollaborationStatus
from graph.store.atlas import Atlas
from graph.views.organisation_names import chooser_labels, main_places, told_apart

NEW_ORGANISATION = "__new__"  # the choice "my organisation is not listed yet"
# What a partner can say of their own collaboration: "unknown" is for a source that does not say, not for the
# people who run it.
PARTNER_STATUSES = (CollaborationStatus.ACTIVE, CollaborationStatus.EXPLORING, CollaborationStatus.ENDED)
#: The sites a search offers at most: the best come first, and a longer list only makes the choice slower.
MOST_SITE_OPTIONS = 150
#: The rank of a site whose town or own name holds what was typed (a name that holds it ranks 1.0).
PLACE_MATCH = 0.99
#: What a site gains when its town or municipality is named whole in what was typed: "Utrechtse Heuvelrug" offered
#: De Hoeve Utrechtse Heuvelrug's sites in Renswoude and Rhenen before its own there, "Doorn" the sites in
#: Apeldoorn before the one in Doorn, and "Philadelphia Doorn" the Philadelphia of Dordrecht first.
TOWN_NAMED = 0.02
#: What a site gains when it lies in the municipality of the place typed ("Doorn": Utrechtse Heuvelrug): less
#: than the place itself, more than a name that only holds the letters.
MUNICIPALITY_OF_PLACE = 0.015


@dataclass(frozen=True)
class FormChoices:
    """The public sites and organisations a partner can pick from (no private data: the form is public)."""

    sites: pd.DataFrame
    organisations: pd.DataFrame
    known_pairs: frozenset[tuple[str, str]] = frozenset()
    """(library, care) organisations that already work together, read once with the rest."""
    reference: Path | None = None
    """The reference data's folder, whose places tell in which municipality a place typed lies (none without)."""

    def site_options(self, typed: str, kind: str, limit: int = 30, most: int = MOST_SITE_OPTIONS) -> dict[str, str]:
        """Site id → "Organisation — site (town)" for what the partner typed, best first: the sites of the
        organisations whose name matches (up to ``limit`` of them, in the order of the match), and the sites in a
        town or with a site name that holds the text; at most ``most`` sites."""
        found = search_organisations(typed, self.organisations, kind, limit=limit)
        # Nothing typed: the first organisations, with nothing to rank them by.
        scores = found.similarity if "similarity" in found else [0.0] * len(found)
        similarity = dict(zip(found.id, scores, strict=True))
        candidates = self.sites[self.sites.kind == kind]
        score = candidates.organisation_id.map(lambda organisation: similarity.get(organisation, -1.0))
        wanted = normalise(typed)
        if wanted:
            # Someone from Tegelen looks for Tegelen: a site in a matching place ranks just below a name that holds
            # the text, above names that are only alike.
            in_place = self._places[candidates.index].str.contains(wanted, regex=False)
            score = score.where(~in_place, score.clip(lower=PLACE_MATCH))
            # Whole words only, so Doorn is not Apeldoorn; and not the site's own name, which often repeats its
            # organisation's, so that only the town tells an organisation's sites apart.
            typed_words = f" {wanted} "
            named = self._towns[candidates.index].map(
                lambda towns: any(f" {town} " in typed_words for town in towns if town)
            )
            # A place typed that is a village of a municipality: "Doorn" finds the sites of Utrechtse Heuvelrug,
            # "Den Haag" those of 's-Gravenhage, before names that only hold the letters ("Apeldoorn", "aan den").
            municipality = self._municipality_named(typed)
            if municipality:
                in_municipality = self._municipalities[candidates.index].map(normalise) == normalise(municipality)
                score = score.where(~in_municipality, score.clip(lower=PLACE_MATCH))
                score = score + (in_municipality & ~named).astype(float) * MUNICIPALITY_OF_PLACE
            score = score + named.astype(float) * TOWN_NAMED
        # Equal scores keep the search's own order (how close the whole name comes), then the name.
        rank = {organisation: place for place, organisation in enumerate(found.id)}
        ranked = candidates.assign(_score=score, _rank=candidates.organisation_id.map(rank).fillna(len(rank)))
        ranked = ranked[ranked._score >= 0].sort_values(
            ["_score", "_rank", "organisation"], ascending=[False, True, True], kind="stable"
        )
        ranked = ranked.head(most)
        # The organisation as every page names it: two of one name told apart by their place.
        everyone = self.organisations
        told = dict(zip(everyone.id.astype(str), everyone.shown if "shown" in everyone else everyone.name, strict=True))
        organisation = ranked.organisation_id.astype(str).map(told).fillna(ranked.organisation)
        shown = organisation + " — " + ranked.site + " (" + ranked.town + ")"
        return chooser_labels(dict(zip(ranked.site_id, shown, strict=True)))

    def _municipality_named(self, typed: str) -> str | None:
        """The municipality of the place typed (as a whole, or as its last word: "Philadelphia Doorn")."""
        if self.reference is None:
            return None
        reference = self.reference
        words = typed.split()
        tried = [typed, words[-1]] if len(words) > 1 and len(words[-1]) >= 4 else [typed]
        return next((found for place in tried if (found := municipality_of(place, reference))), None)

    @cached_property
    def _places(self) -> pd.Series:
        """Each site's town and own name as a search compares them, made once per version of the data."""
        return (self.sites.town.astype(str) + " " + self._municipalities + " " + self.sites.site.astype(str)).map(
            normalise
        )

    @cached_property
    def _towns(self) -> pd.Series:
        """Each site's town and municipality as a search compares them (Doorn lies in Utrechtse Heuvelrug)."""
        return pd.Series(
            [
                (normalise(str(town)), normalise(municipality))
                for town, municipality in zip(self.sites.town, self._municipalities, strict=True)
            ],
            index=self.sites.index,
        )

    @cached_property
    def _municipalities(self) -> pd.Series:
        if "municipality" not in self.sites:
            return pd.Series("", index=self.sites.index)
        return self.sites.municipality.fillna("").astype(str)

    def likely_duplicates(self, name: str, kind: str, town: str = "", limit: int = 3) -> list[str]:
        """Names of existing organisations of this kind that are probably the one the partner is adding; among
        names as alike, those with a site in the town typed come first (the partner's own, most likely)."""
        if not name.strip():
            return []
        found = similar_organisations(name, self.organisations, kind)
        wanted = normalise(town)
        if wanted and not found.empty:
            in_town = (self.sites.town.astype(str).map(normalise) == wanted) | (
                self._municipalities.map(normalise) == wanted
            )
            here = set(self.sites.organisation_id[in_town].astype(str))
            found = (
                found.assign(_here=found.id.astype(str).isin(here))
                .sort_values(["similarity", "_here"], ascending=[False, False], kind="stable")
                .drop(columns="_here")
            )
        found = found.head(limit)
        # Two of the same name read apart ("Stichting Tweeling (Venlo)"), as everywhere else in the app.
        return [str(other) for other in (found.shown if "shown" in found else found.name)]

    def organisation_of(self, site_id: str) -> str | None:
        return self._owners.get(site_id)

    @cached_property
    def _owners(self) -> dict[str, str]:
        return dict(zip(self.sites.site_id, self.sites.organisation_id, strict=True))


def form_choices(atlas: Atlas) -> FormChoices:
    pairs = atlas.answer("internal/collaboration-pairs")
    known = frozenset(zip(pairs.library_org_id.astype(str), pairs.care_org_id.astype(str), strict=True))
    everyone = main_places(atlas)
    everyone = everyone.assign(shown=everyone.id.astype(str).map(told_apart(everyone)))
    return FormChoices(sites(atlas), everyone, known, atlas.settings.reference)


def pair_known(choices: FormChoices, library_site: str, care_site: str) -> bool:
    """Whether the two chosen sites' organisations already have a collaboration in the atlas (from the choices
    read once per version of the data: the form asks on every keystroke)."""
    if not library_site or not care_site or NEW_ORGANISATION in (library_site, care_site):
        return False
    return (choices.organisation_of(library_site), choices.organisation_of(care_site)) in choices.known_pairs


def town_point(atlas: Atlas, town: str) -> tuple[float, float] | None:
    """Where a town lies, from the reference data this atlas is set up with (none without reference data)."""
    reference = atlas.settings.reference
    return locate_town(town, reference) if reference is not None and town.strip() else None


def town_spelled(atlas: Atlas, town: str) -> str:
    """A new organisation's town as the place is written, so that it reads "(Tegelen)" beside its name, however it
    was typed ("tegelen"); as typed without reference data or for a place the reference does not know."""
    reference = atlas.settings.reference
    return town_as_written(town, reference) if reference is not None else " ".join(town.split())


def still_standing(
    problems: list[FieldProblem], sent: Mapping[str, object], now: Mapping[str, object]
) -> list[FieldProblem]:
    """The problems of the fields that still hold what was sent (``sent`` and ``now``: field → its value then and
    now). A field changed since may well be right: its old message stays away until the form is sent again."""
    return [
        problem for problem in problems if problem.field not in sent or now.get(problem.field) == sent[problem.field]
    ]


def problems_by_field(problems: list[FieldProblem], lang: str) -> dict[str, list[str]]:
    """Each field's messages, in the partner's language, in the order they were found."""
    shown: dict[str, list[str]] = {}
    for problem in problems:
        shown.setdefault(problem.field, []).append(problem.message(lang))
    return shown
