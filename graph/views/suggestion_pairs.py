"""How the suggestions page names a suggested pair for follow-up: by its two organisations, never by its place in
the list, and with where and how far apart, so two pairs of alike names read differently."""

from __future__ import annotations

import pandas as pd

from graph.model.formats import km
from graph.views.organisation_names import CHOOSER_CHARACTERS, for_chooser

_BETWEEN = " × "


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
    """Each suggestion's key → "Bibliotheek Venlo × Zorgcentrum De Linde (Venlo, 1,8 km)", no longer than a
    chooser shows."""
    labels = {}
    for key, row in zip(pair_keys(suggestions), suggestions.itertuples(), strict=True):
        place = row.municipality if isinstance(row.municipality, str) else ""
        where = " (" + ", ".join(part for part in (place, km(float(str(row.distance_km)), lang)) if part) + ")"
        names = fitted(str(row.library_organisation), str(row.care_organisation), CHOOSER_CHARACTERS - len(where))
        labels[key] = _BETWEEN.join(names) + where
    return labels


def fitted(library: str, care: str, room: int) -> tuple[str, str]:
    """Two names in the room a pair's label leaves them, each cut in its own middle only when both do not fit: so
    both names' beginnings (what a coordinator types to find the pair) and the places that tell them apart stay,
    and a name is never cut twice. A short name leaves its share of the room to the other."""
    room -= len(_BETWEEN)
    if len(library) + len(care) <= room:
        return library, care
    half = room // 2
    library_room = max(half, room - len(care))
    care_room = max(room - half, room - len(library))
    return for_chooser(library, library_room), for_chooser(care, care_room)
