"""The words of a factsheet in Dutch (default) and English: labels, numbers and the coverage sentence."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from graph.model.enums import CollaborationStatus
from graph.model.formats import number, percent
from graph.model.language import Message, language
from graph.settings import DEFAULT_PUBLIC_URL
from graph.views.factsheet import CHANCE_RADIUS_KM, NETHERLANDS, Factsheet

SOURCE_LINE = "Bron: Passend Werk Atlas; CBS / PDOK"
TEXTS: dict[str, tuple[str, str]] = {
    "title_municipality": ("Gemeenteprofiel", "Municipality profile"),
    "title_province": ("Provincieprofiel", "Province profile"),
    "netherlands": ("Nederland", "Netherlands"),
    "province_of": ("provincie {name}", "province of {name}"),
    "made_on": ("Gemaakt op {day}", "Made on {day}"),
    "source_line": (SOURCE_LINE, "Source: Passend Werk Atlas; CBS / PDOK"),
    "page_at": ("Deze pagina in de atlas", "This page in the atlas"),
    "figures": ("Kerncijfers", "Key figures"),
    "figure": ("Cijfer", "Figure"),
    "per_100k": ("per 100.000", "per 100,000"),
    "population": ("Inwoners", "Inhabitants"),
    "population_unknown": ("inwoners onbekend", "inhabitants unknown"),
    "library_sites": ("Bibliotheeklocaties", "Library sites"),
    "care_sites": ("Zorglocaties", "Care sites"),
    "active_collaborations": ("Actieve samenwerkingen", "Active collaborations"),
    "exploring_collaborations": ("Verkennende samenwerkingen", "Exploring collaborations"),
    "ended_collaborations": ("Beëindigde samenwerkingen", "Ended collaborations"),
    "covered_municipalities": ("Gemeenten met actieve samenwerking", "Municipalities with an active collaboration"),
    "in_brackets": ("Tussen haakjes: per 100.000 inwoners.", "In brackets: per 100,000 inhabitants."),
    "counting_rule": (
        "Een samenwerking telt mee in de gemeente van de bibliotheeklocatie.",
        "A collaboration counts in the municipality of its library site.",
    ),
    "counting_note": (
        "Per 100.000 inwoners. Een samenwerking telt mee in de gemeente van de bibliotheeklocatie.",
        "Per 100,000 inhabitants. A collaboration counts in the municipality of its library site.",
    ),
    "map": ("Kaart", "Map"),
    "map_legend": (
        "blauw: bibliotheeklocatie · rood: zorglocatie · lijn: samenwerking",
        "blue: library site · red: care site · line: collaboration",
    ),
    "collaborations": ("Samenwerkingen", "Collaborations"),
    "no_collaborations": ("Nog geen samenwerkingen in de atlas.", "No collaborations in the atlas yet."),
    "examples_nearby": ("Praktijkvoorbeelden in de buurt", "Practice examples nearby"),
    "km_away": ("{km} km verderop", "{km} km away"),
    "more_collaborations": ("… en nog {n} (zie de atlas)", "… and {n} more (see the atlas)"),
    "more_in_table": (
        "… en nog {n}: de tabel hieronder noemt ze allemaal.",
        "… and {n} more: the table below lists them all.",
    ),
    "every_collaboration": ("Alle {n} samenwerkingen", "All {n} collaborations"),
    # Each detail of a card starts with a capital, as on the app's other cards: "Actief · Venlo · Gestart 2026".
    "started": ("Gestart {date}", "Started {date}"),
    "ended": ("Gestopt {date}", "Ended {date}"),
    "participants": ("{n} deelnemers", "{n} participants"),
    "source": ("Bron", "Source"),
    "chances": ("Open kansen", "Open chances"),
    "chances_intro": (
        "Bibliotheek en zorgorganisatie binnen {km} km van elkaar die nog niet samenwerken, best passend eerst.",
        "Library and care organisation within {km} km of each other that do not work together yet, best first.",
    ),
    "chances_nearby": (
        "Geen kans in het gebied zelf; dit zijn de dichtstbijzijnde.",
        "No chance in the area itself; these are the nearest.",
    ),
    "no_chances": ("Geen open kansen binnen {km} km.", "No open chances within {km} km."),
    "library": ("Bibliotheek", "Library"),
    "care_organisation": ("Zorgorganisatie", "Care organisation"),
    "distance": ("Afstand", "Distance"),
    "score": ("Score", "Score"),
    "reasons": ("Waarom", "Why"),
    "follow_up": ("Opvolging", "Follow-up"),
    "trend": ("Gestart per jaar", "Started per year"),
    "year": ("Jaar", "Year"),
    "no_trend": ("Nog geen samenwerkingen met een startdatum.", "No collaborations with a start date yet."),
}
UNITS = {
    "library_sites": (("bibliotheeklocatie", "bibliotheeklocaties"), ("library site", "library sites")),
    "care_sites": (("zorglocatie", "zorglocaties"), ("care site", "care sites")),
    "active": (("actieve samenwerking", "actieve samenwerkingen"), ("active collaboration", "active collaborations")),
    "ended": (
        ("beëindigde samenwerking", "beëindigde samenwerkingen"),
        ("ended collaboration", "ended collaborations"),
    ),
    "exploring": (
        ("verkennende samenwerking", "verkennende samenwerkingen"),
        ("exploring collaboration", "exploring collaborations"),
    ),
}


def text(key: str, lang: str, **values: object) -> str:
    message = Message(*TEXTS[key]).text(language(lang))
    return message.format(**values) if values else message


def count(value: int, unit: str, lang: str) -> str:
    singular, plural = UNITS[unit][1 if lang == "en" else 0]
    return f"{number(value, lang)} {singular if value == 1 else plural}"


def inhabitants(population: int, lang: str) -> str:
    """ "58.712 inwoners", or that the number is not known: without reference data an area has none, and no
    place has 0 inhabitants."""
    if not population:
        return text("population_unknown", lang)
    return f"{number(population, lang)} {text('population', lang).lower()}"


def status(code: str, lang: str) -> str:
    """A status inside a sentence or legend: "actief"."""
    return CollaborationStatus.label_of(code, lang).lower()


def status_detail(code: str, lang: str) -> str:
    """A status as a card's first detail: "Actief"."""
    return CollaborationStatus.label_of(code, lang)


def area_name(name: str, lang: str) -> str:
    """The name of a compared area; the Netherlands is named in the reader's language."""
    return text("netherlands", lang) if name == NETHERLANDS else name


def title(sheet: Factsheet, lang: str) -> str:
    return text("title_province" if sheet.area.is_province else "title_municipality", lang)


#: An address the app was visited at, as a report may print it: scheme, host and port, nothing else.
_ORIGIN = re.compile(r"https?://[A-Za-z0-9.-]+(?::\d{1,5})?")


def report_base_url(configured: str, visited: str | None) -> str:
    """The atlas's address to print in a report: the configured one (``PASSENDWERK_PUBLIC_URL``), or, when none
    was configured, the address the reader is using (an app on another port than 8501 printed a dead link)."""
    if configured != DEFAULT_PUBLIC_URL or not visited:
        return configured
    found = _ORIGIN.match(visited)
    return found.group(0) if found else configured


def page_url(base_url: str, sheet: Factsheet, lang: str) -> str:
    """The atlas's address of this factsheet's page (``base_url`` is the atlas as its readers reach it)."""
    query = {"provincie" if sheet.area.is_province else "gemeente": sheet.area.code}
    if lang == "en":
        query["lang"] = "en"
    return f"{base_url.rstrip('/')}/factsheet?{urlencode(query)}"


def sentence(sheet: Factsheet, lang: str) -> str:
    """Coverage in one sentence, e.g. "Venlo: 3 bibliotheeklocaties, 14 zorglocaties, 2 actieve samenwerkingen —
    1 op de 2 bibliotheeklocaties werkt samen met de zorg." """
    en = lang == "en"
    figures = sheet.figures
    parts = [count(figures.library_sites, "library_sites", lang), count(figures.care_sites, "care_sites", lang)]
    if figures.active_collaborations:
        parts.append(count(figures.active_collaborations, "active", lang))
        share = _share(figures.library_sites_working, figures.library_sites, en)
        return f"{sheet.area.name}: {', '.join(parts)} — {share}"
    for value, unit in ((figures.exploring_collaborations, "exploring"), (figures.ended_collaborations, "ended")):
        if value:
            parts.append(count(value, unit, lang))
    chance = sheet.nearest_chance
    if chance is None:
        rest = (
            f"no active collaboration yet, and no open chance within {number(CHANCE_RADIUS_KM, lang)} km."
            if en
            else f"nog geen actieve samenwerking, en geen open kans binnen {number(CHANCE_RADIUS_KM, lang)} km."
        )
    else:
        pair = f"{chance.library_organisation} {'with' if en else 'met'} {chance.care_organisation}"
        km = number(float(chance.distance_km), lang, 1)
        rest = (
            f"no active collaboration yet; the nearest chance is {pair} ({km} km apart)."
            if en
            else f"nog geen actieve samenwerking; de dichtstbijzijnde kans is {pair} ({km} km van elkaar)."
        )
    return f"{sheet.area.name}: {', '.join(parts)} — {rest}"


def _share(working: int, sites: int, en: bool) -> str:
    """How many library sites work with care: "1 op de 3" (rounded) up to half of them, above half the count
    with its percentage ("1 op de 2" would understate 5 of 7), always with the exact count."""
    if sites and working >= sites:
        return "every library site works with care." if en else "elke bibliotheeklocatie werkt samen met de zorg."
    if not working or not sites:
        return "no library site works with care yet." if en else "nog geen bibliotheeklocatie werkt samen met de zorg."
    if working * 2 > sites:
        share = percent(100 * working / sites, "en" if en else "nl", 0)
        if en:
            return f"{working} of {sites} library sites ({share}) work with care."
        return f"{working} van de {sites} bibliotheeklocaties ({share}) werken samen met de zorg."
    every = round(sites / working)
    if en:
        return f"1 in {every} library sites works with care ({working} of {sites})."
    return f"1 op de {every} bibliotheeklocaties werkt samen met de zorg ({working} van de {sites})."
