"""Interface texts in Dutch (default) and English. Labels of data (activities, provinces) come from the graph."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "app_title": {"nl": "Passend Werk Atlas", "en": "Passend Werk Atlas"},
    "tagline": {
        "nl": "Samenwerkingen tussen bibliotheken en zorgorganisaties: passend werk en ontmoeting in de bibliotheek.",
        "en": "Collaborations between public libraries and disability-care organisations: suitable work and "
        "meeting in the library.",
    },
    "language": {"nl": "Taal", "en": "Language"},
    "page_overview": {"nl": "Overzicht", "en": "Overview"},
    "organisations": {"nl": "Organisaties", "en": "Organisations"},
    "libraries": {"nl": "Bibliotheken", "en": "Libraries"},
    "care_organisations": {"nl": "Zorgorganisaties", "en": "Care organisations"},
    "sites": {"nl": "Locaties", "en": "Sites"},
    "active_collaborations": {"nl": "Actieve samenwerkingen", "en": "Active collaborations"},
    "covered_municipalities": {"nl": "Gemeenten met samenwerking", "en": "Municipalities covered"},
    "population_covered": {"nl": "Inwoners in die gemeenten", "en": "Population covered"},
    "no_reference": {
        "nl": "Er zijn geen CBS-referentiegegevens geladen: de dekking gaat alleen over gemeenten die in de gegevens "
        "voorkomen.",
        "en": "No CBS reference data is loaded: coverage only covers the municipalities named in the data.",
    },
    "newest_examples": {"nl": "Nieuwste praktijkvoorbeelden", "en": "Newest practice examples"},
    "empty_store": {
        "nl": "Er staan nog geen gegevens in de atlas. Laad ze met `python -m graph init`.",
        "en": "The atlas holds no data yet. Load it with `python -m graph init`.",
    },
}


def text(key: str, lang: str) -> str:
    entry = TEXTS[key]
    return entry.get(lang) or entry["nl"]
