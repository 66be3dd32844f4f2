"""The words on the maps' tooltips, in the reader's language. A tooltip is shown as text, never as markup."""

from __future__ import annotations

from typing import Any

from graph.store.labels import Labels
from graph.views.factsheet_text import number
from graph.views.organisation_names import read_alike

TEXTS: dict[str, tuple[str, str]] = {
    "libraries": ("Bibliotheeklocaties", "Library sites"),
    "care_sites": ("Zorglocaties", "Care sites"),
    "active": ("Actieve samenwerkingen", "Active collaborations"),
    "population": ("Inwoners", "Inhabitants"),
    "collaborations": ("Samenwerkingen", "Collaborations"),
    "unknown": ("onbekend", "unknown"),
}


def _text(key: str, lang: str) -> str:
    nl, en = TEXTS[key]
    return en if lang == "en" else nl


def municipality_tooltip(properties: dict[str, Any], lang: str) -> str:
    population = properties.get("population")
    return "\n".join(
        [
            str(properties.get("name") or properties.get("code") or ""),
            f"{_text('libraries', lang)}: {number(properties['library_sites'], lang)}",
            f"{_text('care_sites', lang)}: {number(properties['care_sites'], lang)}",
            f"{_text('active', lang)}: {number(properties['active_collaborations'], lang)}",
            f"{_text('population', lang)}: "
            + (number(population, lang) if isinstance(population, int) else _text("unknown", lang)),
        ]
    )


def same_name(site: object, organisation: object) -> bool:
    """Whether a site is called as its organisation is (the form names a new organisation's site so): then the
    name is said once, not a long name twice."""
    return read_alike(str(site or "")) == read_alike(str(organisation or ""))


def site_tooltip(row: Any, labels: Labels) -> str:
    """Site, organisation and kind, the town, and how many collaborations the site has."""
    town = row.town if isinstance(row.town, str) else ""
    return "\n".join(
        [
            str(row.site) if same_name(row.site, row.organisation) else f"{row.site} — {row.organisation}",
            f"{labels.kind(row.kind)}{', ' + town if town else ''}",
            f"{_text('collaborations', labels.lang)}: {number(int(row.collaborations or 0), labels.lang)}",
        ]
    )
