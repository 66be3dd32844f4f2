"""Likely duplicates: the same organisation under another spelling, or a pair that already works together."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd
from rapidfuzz import fuzz

FILLER_WORDS = {"de", "het", "stichting", "openbare", "bibliotheek", "bieb", "zorggroep", "bv", "b.v."}
# Dutch spellings that sound the same, folded to one: Daelzigt, Daalzicht and Daelzicht are one name.
SOUND_ALIKE = (
    ("ch", "g"),
    ("ph", "f"),
    ("ae", "a"),
    ("aa", "a"),
    ("ij", "y"),
    ("ei", "y"),
    ("ey", "y"),
    ("ck", "k"),
    ("c", "k"),
    ("dt", "t"),
)


def normalise(name: str) -> str:
    """Lower case, no accents or punctuation, without filler words: "De Bibliotheek Woerden" → "woerden"."""
    words = _words(name)
    kept = [word for word in words if word not in FILLER_WORDS]
    return " ".join(kept or words)


def folded(name: str) -> str:
    """Lower case, no accents or punctuation, every word kept: "De Bibliotheek Woerden" → "de bibliotheek woerden"."""
    return " ".join(_words(name))


def _words(name: str) -> list[str]:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return re.findall(r"[a-z0-9]+", text)


def sounds(name: str) -> str:
    """A name as it sounds in Dutch (see ``SOUND_ALIKE``), after :func:`normalise`."""
    folded = normalise(name)
    for spelling, sound in SOUND_ALIKE:
        folded = folded.replace(spelling, sound)
    return folded


def likeness(one: str, other: str) -> float:
    """How alike two organisation names are, 0 to 1: rapidfuzz's token-set ratio of how they sound.

    The token-set ratio forgives added words ("Daelzicht Venlo" for "Daelzicht") and word order; comparing how
    the names sound forgives the spelling variants Dutch is full of ("Daelzigt").
    """
    return float(fuzz.token_set_ratio(sounds(one), sounds(other))) / 100


def similar_organisations(
    name: str, organisations: pd.DataFrame, kind: str | None = None, threshold: float = 0.85
) -> pd.DataFrame:
    """Existing organisations (id, name, kind) whose name is probably the same as ``name``, best first."""
    if not normalise(name):
        return organisations.iloc[0:0]
    candidates = organisations if kind is None else organisations[organisations.kind == kind]
    scores = candidates.name.map(lambda other: likeness(name, str(other)))
    found = candidates.assign(similarity=scores.round(2))
    return _closest_first(name, found[found.similarity >= threshold])


def search_organisations(
    text: str, organisations: pd.DataFrame, kind: str | None = None, limit: int = 20
) -> pd.DataFrame:
    """Organisations matching what someone types, forgiving articles and spelling: for search-as-you-type."""
    candidates = organisations if kind is None else organisations[organisations.kind == kind]
    wanted = normalise(text)
    if not wanted:
        return candidates.head(limit)
    whole = folded(text)

    def score(other: str) -> float:
        # "Bibliotheek" typed alone is a filler word of every library's name: found in the name as written.
        if wanted in normalise(other) or whole in folded(other):
            return 1.0
        return likeness(text, other)

    scores = candidates.name.map(lambda other: score(str(other)))
    found = candidates.assign(similarity=scores)
    found = found[found.similarity >= 0.6]
    # Names that share a word ("Dagbesteding …") are all as alike by their shared words; how close the whole name
    # comes decides between them, so "Dagbesteding Zutphn" finds Dagbesteding Zutphen before 's-Gravenhage.
    return _closest_first(text, found).head(limit)


def _closest_first(name: str, found: pd.DataFrame) -> pd.DataFrame:
    """``found`` by similarity, and among equals by how close the whole name comes, then by name.

    The token-set ratio gives 1.0 to every name that holds all words of a shorter one, so a long name ties with
    many; the whole name's closeness puts the same name written alike before them, wherever a list is cut.
    """
    sound = sounds(name)
    closeness = found.name.map(lambda other: fuzz.token_sort_ratio(sound, sounds(str(other))) / 100)
    ordered = found.assign(closeness=closeness).sort_values(
        ["similarity", "closeness", "name"], ascending=[False, False, True], kind="stable"
    )
    return ordered.drop(columns="closeness")
