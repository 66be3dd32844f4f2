"""Organisation names as the app shows them: two organisations of the same name are told apart by where they
work ("Stichting Philadelphia (Dordrecht)" and "Stichting Philadelphia (Utrechtse Heuvelrug)"), the same way on
every page where a name is chosen or read."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import replace

import pandas as pd

from graph.analysis.overview import organisations
from graph.analysis.suggest import SuggestionInput, load_input
from graph.model.viewer import Viewer
from graph.store.atlas import Atlas


def says_place(name: str, place: str) -> bool:
    """Whether a name names the place as a whole word: "Bibliotheek Venlo" does Venlo, "Apeldoorn" not Doorn."""
    return re.search(rf"(?<!\w){re.escape(place)}(?!\w)", name, re.IGNORECASE) is not None


def with_place(name: str, place: str) -> str:
    """ "Stichting Tweeling (Venlo)"; the name alone when there is no place or the name says it already."""
    return f"{name} ({place})" if place and not says_place(name, place) else name


#: About what a chooser the page's width shows of a choice before it cuts the rest: a longer name is cut in its
#: middle instead, so that its end, the place that tells two of one name apart, stays in view. A chooser across
#: the page is 800 pixels wide on a screen 1,280 wide, and a name takes about 6 pixels a character (at 100 a
#: pair of ordinary names with its place was cut, and typing "Utrechtse Heuvelrug e.o. 2" did not find it).
CHOOSER_CHARACTERS = 130
_KEPT_END = 40


#: The longest word moved whole to the kept end; a longer run of letters is cut where it must.
_LONGEST_WORD = 24


def for_chooser(label: str, limit: int = CHOOSER_CHARACTERS) -> str:
    """ "Stichting … (Venlo) · Zorgorganisatie": a label cut in its middle when too long for a chooser. It is cut
    between words: "'s-H…ertogenbosch" could be read by no one, and a search for the place found nothing."""
    if len(label) <= limit:
        return label
    start = len(label) - min(_KEPT_END, limit // 3)
    word_start = label.rfind(" ", 0, start + 1) + 1
    next_word = label.find(" ", start) + 1
    if start - word_start <= min(_LONGEST_WORD, limit // 5):
        start = word_start  # the whole word, when that takes little from the beginning
    elif 0 < next_word < len(label) - 1:
        start = next_word
    head = label[: max(1, limit - (len(label) - start) - len(" … "))]
    last_space = head.rstrip().rfind(" ")
    if not label[len(head)].isspace() and last_space >= len(head) // 3:
        head = head[:last_space]
    return f"{head.rstrip()} … {label[start:].lstrip()}"


def chooser_labels(labels: Mapping[str, str], limit: int = CHOOSER_CHARACTERS) -> dict[str, str]:
    """Each choice's label as a chooser shows it: cut in its middle when long, and never two alike. Streamlit
    hands back the last of two options with the same label, so the first of two alike could not be chosen."""
    cut = {key: for_chooser(label, limit) for key, label in labels.items()}
    alike = Counter(cut.values())
    cut = {key: labels[key] if alike[label] > 1 else label for key, label in cut.items()}  # the cut made them alike
    alike = Counter(cut.values())
    return {key: f"{label} · {key}" if alike[label] > 1 else label for key, label in cut.items()}


def pair_heading(partners: tuple[str, str], towns: tuple[str, str]) -> str:
    """Two partners, each with the town of its site, as a review card and its decisions name a submission
    ("Bibliotheek Woerden × Stichting Tweeling (Venlo)"): the card is about which two sites work together."""
    return " × ".join(with_place(name, town) for name, town in zip(partners, towns, strict=True))


def told_apart(names: pd.DataFrame) -> dict[str, str]:
    """Organisation id → its name, told apart from others of the same name: first by the municipality where it
    works, then by the town (two in one municipality: Tegelen and Venlo), and only then by its id. ``names`` has
    the columns id, name and place, and may have town."""
    rows = [
        (str(key), str(name), _text(place), _text(town))
        for key, name, place, town in zip(
            names.id,
            names.name,
            names.place,
            names.town if "town" in names else [""] * len(names),
            strict=True,
        )
    ]
    shown = {key: name for key, name, _, _ in rows}
    shared = Counter(map(read_alike, shown.values()))
    shown = {key: with_place(name, place) if shared[read_alike(name)] > 1 else name for key, name, place, _ in rows}
    still = Counter(map(read_alike, shown.values()))
    shown = {
        key: with_place(name, town or place) if still[read_alike(shown[key])] > 1 else shown[key]
        for key, name, place, town in rows
    }
    last = Counter(map(read_alike, shown.values()))
    return {key: f"{shown[key]} · {key}" if last[read_alike(shown[key])] > 1 else shown[key] for key, _, _, _ in rows}


def read_alike(name: str) -> str:
    """What two names that read the same have in common: "Zorggroep  Dubbel" (two spaces) and "zorggroep
    dubbel" are one name to a reader, so they are told apart like two of one name."""
    return " ".join(name.split()).casefold()


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def main_places(atlas: Atlas) -> pd.DataFrame:
    """Each organisation (id, kind, name) with the municipality where most of its sites lie (``place``) and the
    town where most of its sites in that municipality lie (``town``)."""
    everyone = organisations(atlas)
    counted = atlas.answer("internal/organisation-places")
    place: dict[str, str] = {}
    town: dict[str, str] = {}
    if not counted.empty:
        counted = counted.assign(organisation_id=counted.organisation_id.astype(str))
        per_municipality = counted.groupby(["organisation_id", "municipality"]).sites.sum().reset_index()
        # The most sites first; among equals the first name, so the choice does not change between runs.
        main = per_municipality.sort_values(
            ["organisation_id", "sites", "municipality"], ascending=[True, False, True]
        ).drop_duplicates("organisation_id")
        place = dict(zip(main.organisation_id, main.municipality.astype(str), strict=True))
        in_main = counted[counted.municipality.astype(str) == counted.organisation_id.map(place)]
        main_town = in_main.sort_values(["organisation_id", "sites", "town"], ascending=[True, False, True])
        main_town = main_town.drop_duplicates("organisation_id")
        town = dict(zip(main_town.organisation_id, main_town.town.astype(str), strict=True))
    keys = [str(key) for key in everyone.id]
    return everyone.assign(place=[place.get(key, "") for key in keys], town=[town.get(key, "") for key in keys])


def distinct_names(atlas: Atlas) -> dict[str, str]:
    """Every organisation's name as the app shows it (id → name): with its place where another bears it too."""
    return told_apart(main_places(atlas))


def named_suggestion_input(atlas: Atlas, viewer: Viewer) -> SuggestionInput:
    """The suggestions' input with every organisation named as elsewhere, in its name columns and its reasons
    ("Stichting Tweeling (Venlo) werkt al met 2 andere bibliotheken")."""
    return replace(load_input(atlas, viewer), names=distinct_names(atlas))


#: The name columns of a collaboration table, each with its id column.
COLLABORATION_NAMES = {"library": "library_org_id", "care_organisation": "care_org_id"}


def with_names(frame: pd.DataFrame, shown: Mapping[str, str], columns: Mapping[str, str]) -> pd.DataFrame:
    """``frame`` with each name column (a key of ``columns``, its id column the value) as ``shown`` says it."""
    if frame.empty:
        return frame
    return frame.assign(
        **{name: frame[key].astype(str).map(shown).fillna(frame[name]) for name, key in columns.items()}
    )


def partners_told_apart(
    atlas: Atlas, frame: pd.DataFrame, columns: Mapping[str, str] = COLLABORATION_NAMES
) -> pd.DataFrame:
    """Collaborations with their library and care organisation named as everywhere else."""
    return with_names(frame, distinct_names(atlas), columns)
