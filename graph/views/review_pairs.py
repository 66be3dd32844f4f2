"""Which two organisations a submission pairs, named as every page names them: a known organisation by its name
told apart from others of that name ("Stichting Tweeling (Venlo)"), a new one by the name and town it was sent
with. The review card, the decisions table and the check for two submissions of one pair all read them here."""

from __future__ import annotations

import pandas as pd

from graph.intake.template import InputTables, Row
from graph.views.organisation_names import read_alike, with_place

#: How :func:`pair_sides` marks a side that is a new organisation, before its name and town.
NEW_SIDE = "new"


def pair_towns(tables: InputTables, towns: dict[str, str]) -> tuple[str, str]:
    """The towns of the library site and the care site a submission joins: a new site's own, else the atlas's
    (``towns``: site id → town)."""
    collaboration = tables.collaborations[0] if tables.collaborations else Row("collaboration", 1, {})
    new_towns = {row.get("id"): str(row.get("town") or "") for row in tables.sites}
    ends = (collaboration.get("library_site_id"), collaboration.get("care_site_id"))
    return (
        new_towns.get(ends[0]) or towns.get(str(ends[0]), ""),
        new_towns.get(ends[1]) or towns.get(str(ends[1]), ""),
    )


def pair_sides(
    tables: InputTables,
    partners: tuple[str, str],
    towns: tuple[str, str],
    owner: dict[str, str],
    shown: dict[str, str],
) -> tuple[tuple[str, str], tuple[str, str], tuple[str, str]]:
    """For each side of a submission: its name as every page says it, the town to say after it ("" when that
    name says where already: "Stichting Tweeling (Roermond)"), and which organisation it is (its id, or for a new
    one its name and town). ``owner``: site id → organisation id of the atlas's sites; ``shown``: organisation
    id → its name told apart."""
    collaboration = tables.collaborations[0] if tables.collaborations else Row("collaboration", 1, {})
    ends = (collaboration.get("library_site_id"), collaboration.get("care_site_id"))
    named, said_towns, sides = [], [], []
    for end, name, town in zip(ends, partners, towns, strict=True):
        organisation = owner.get(str(end))
        told = shown.get(str(organisation), name) if organisation else name
        named.append(told)
        said_towns.append("" if told != name else town)
        sides.append(
            str(organisation) if organisation else "\t".join((NEW_SIDE, *(read_alike(text) for text in (name, town))))
        )
    return (named[0], named[1]), (said_towns[0], said_towns[1]), (sides[0], sides[1])


def organisations_by_name_and_town(known_sites: pd.DataFrame) -> dict[tuple[str, str], set[str]]:
    """The atlas's organisations by their name and the town of each of their sites, as :func:`read_alike` reads
    them: what a new side of a submission may turn out to be."""
    found: dict[tuple[str, str], set[str]] = {}
    for row in known_sites.itertuples():
        key = (read_alike(str(row.organisation)), read_alike(str(row.town or "")))
        found.setdefault(key, set()).add(str(row.organisation_id))
    return found


def may_be(side: str, alike: dict[tuple[str, str], set[str]]) -> set[str]:
    """Which of the atlas's organisations a side of a submission may be: the known one itself; for a new one,
    any of its name with a site in its town (the same one sent again after it was approved, most likely)."""
    if not side.startswith(NEW_SIDE + "\t"):
        return {side}
    _, name, town = side.split("\t")
    return alike.get((name, town), set())


def partner_names(tables: InputTables, known_sites: pd.DataFrame) -> tuple[str, str]:
    """The library's and the care organisation's name: from the submission for a new one, else from the atlas."""
    new_names = {row.get("id"): row.get("name") for row in tables.organisations}
    owner_of_new_site = {row.get("id"): new_names.get(row.get("organisation_id"), "") for row in tables.sites}
    owner_of_site = dict(zip(known_sites.site_id, known_sites.organisation, strict=True))
    collaboration = tables.collaborations[0] if tables.collaborations else Row("collaboration", 1, {})

    def organisation(site_id: str) -> str:
        return owner_of_new_site.get(site_id) or str(owner_of_site.get(site_id, "?"))

    return organisation(collaboration.get("library_site_id")), organisation(collaboration.get("care_site_id"))


def summary_names(
    named: tuple[str, str], towns: tuple[str, str], sides: tuple[str, str], known: set[str]
) -> tuple[str, str]:
    """The two partners as a card's summary names them: as every page does, and a new organisation of a name
    the atlas knows already ("Stichting Tweeling") with its town, as the card's title says it. ``known``: the
    atlas's organisation names, as :func:`read_alike` reads them."""
    said = [
        with_place(name, town) if side.startswith(NEW_SIDE + "\t") and read_alike(name) in known else name
        for name, town, side in zip(named, towns, sides, strict=True)
    ]
    return said[0], said[1]
