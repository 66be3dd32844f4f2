"""Organisation names as a chooser shows them: two organisations of the same name are told apart by where they
work ("Stichting Philadelphia (Dordrecht)" and "Stichting Philadelphia (Utrechtse Heuvelrug)")."""

from __future__ import annotations

import pandas as pd

from graph.analysis.mapdata import sites
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
    located = sites(atlas)
    located = located[located.municipality.astype(str) != ""]
    main = (
        located.groupby(["organisation_id", "municipality"], sort=True)
        .size()
        .reset_index(name="count")
        # the most sites first; among equals the first name, so the choice does not change between runs
        .sort_values(["organisation_id", "count", "municipality"], ascending=[True, False, True])
        .drop_duplicates("organisation_id")
    )
    place = dict(zip(main.organisation_id.astype(str), main.municipality.astype(str), strict=True))
    return everyone.assign(place=[place.get(str(key), "") for key in everyone.id])
