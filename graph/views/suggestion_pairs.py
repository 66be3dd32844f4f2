"""How the suggestions page names a suggested pair for follow-up: by its two organisations, never by its place in
the list, and with where and how far apart, so two pairs of alike names read differently."""

from __future__ import annotations

import pandas as pd

from graph.model.formats import km
from graph.views.organisation_names import for_chooser

#: At most this much of each organisation's name in a pair's label: each is cut in its own middle, so both
#: names' beginnings (what a coordinator types to find the pair) and the places that tell them apart stay.
NAME_CHARACTERS = 48


def pair_key(library_id: str, care_id: str) -> str:
    """A pair held by its two organisations: a declined pair leaves the list, and a place in the list would then
    name the pair that took its place."""
    return f"{library_id}\t{care_id}"


def pair_ids(key: str) -> tuple[str, str]:
    library_id, _, care_id = key.partition("\t")
    return library_id, care_id


def pair_keys(suggestions: pd.DataFrame) -> list[str]:
    """The key of each suggestion, in the table's order."""
    return [pair_key(str(a), str(b)) for a, b in zip(suggestions.library_org_id, suggestions.care_org_id, strict=True)]


def pair_labels(suggestions: pd.DataFrame, lang: str) -> dict[str, str]:
    """Each suggestion's key → "Bibliotheek Venlo × Zorgcentrum De Linde (Venlo, 1,8 km)"."""
    labels = {}
    for key, row in zip(pair_keys(suggestions), suggestions.itertuples(), strict=True):
        place = row.municipality if isinstance(row.municipality, str) else ""
        where = ", ".join(part for part in (place, km(float(str(row.distance_km)), lang)) if part)
        library, care = (
            for_chooser(str(name), NAME_CHARACTERS) for name in (row.library_organisation, row.care_organisation)
        )
        labels[key] = f"{library} × {care} ({where})"
    return labels
