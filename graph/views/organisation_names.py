"""Organisation names as a chooser shows them: two organisations of the same name are told apart by where they
work ("Stichting Philadelphia (Dordrecht)" and "Stichting Philadelphia (Utrechtse Heuvelrug)")."""

from __future__ import annotations

import pandas as pd

from graph.analysis.overview import organisations
from graph.store.atlas import Atlas


def told_apart(names: pd.DataFrame) -> dict[str, str]:
    """Organisation id → its name, with the place where it works after a name that more than one organisation
    bears (and its id after one whose place is the same too). ``names`` has the columns id, name and place."""
    if names.empty:
        return {}
    shared = names.name.duplicated(keep=False)
    with_place = names.name.where(~shared, names.name + " (" + names.place.fillna("").astype(str) + ")")
    with_place = with_place.str.replace(" ()", "", regex=False)
    still = with_place.duplicated(keep=False)
    shown = with_place.where(~still, with_place + " · " + names.id.astype(str))
    return dict(zip(names.id.astype(str), shown.astype(str), strict=True))


def main_places(atlas: Atlas) -> pd.DataFrame:
    """Each organisation (id, kind, name) with the municipality where most of its sites lie (``place``)."""
    everyone = organisations(atlas)
    # Most sites first, then the first name among equals, so the choice does not change between runs.
    counted = atlas.answer("internal/organisation-places")
    main = counted.drop_duplicates("organisation_id")
    place = dict(zip(main.organisation_id.astype(str), main.municipality.astype(str), strict=True))
    return everyone.assign(place=[place.get(str(key), "") for key in everyone.id])


def distinct_names(atlas: Atlas) -> dict[str, str]:
    """Every organisation's name as the app shows it (id → name): with its place where another bears it too."""
    return told_apart(main_places(atlas))


def partners_told_apart(atlas: Atlas, collaborations: pd.DataFrame) -> pd.DataFrame:
    """Collaborations with their library and care organisation named as everywhere else in the app."""
    shown = distinct_names(atlas)
    return collaborations.assign(
        library=collaborations.library_org_id.astype(str).map(shown).fillna(collaborations.library),
        care_organisation=collaborations.care_org_id.astype(str).map(shown).fillna(collaborations.care_organisation),
    )
