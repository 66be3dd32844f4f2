"""A named question's answer as a reader of the app reads it: codes in words of the reader's language.

The engine answers with the vocabulary's codes (``active``, ``library``, ``werk;koffiecorner``,
``collaborations_active``), which the command line and the machine-readable formats keep. On *Vragen* and in
its downloads a Dutch reader gets "Actief", "Bibliotheek" and "Koffiecorner, Werk"; a list of activities is
sorted, because the engine joins it in no fixed order.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from graph.model.language import Message
from graph.store.labels import Labels

MEASURE_WORDS = {
    "organisations": Message("Organisaties", "Organisations"),
    "collaborations": Message("Samenwerkingen", "Collaborations"),
    "sites": Message("Locaties", "Sites"),
    "municipalities": Message("Gemeenten", "Municipalities"),
}
LEVEL_WORDS = {"municipality": Message("Gemeente", "Municipality"), "province": Message("Provincie", "Province")}
YES, NO = Message("ja", "yes"), Message("nee", "no")


def measure_words(code: str, labels: Labels) -> str:
    """A key figure's name in the reader's language; kinds and statuses with the vocabulary's labels."""
    whole, _, part = code.partition("_")
    words = MEASURE_WORDS.get(whole)
    if words is None:
        return code
    if not part:
        return words.text(labels.lang)
    detail = labels.kind(part) if whole == "organisations" else labels.status(part)
    return f"{words.text(labels.lang)}: {detail[:1].lower()}{detail[1:]}"


def activity_words(codes: object, labels: Labels) -> str:
    return labels.activity_list(codes) if isinstance(codes, str) else ""


def _yes_no(value: object, labels: Labels) -> object:
    """A truth value in words; anything else as it is: ``covered`` is a yes or no per municipality, but a count
    of municipalities per province (where "nee" stood for every province's 5 or 8)."""
    if isinstance(value, bool) or str(value).lower() in ("true", "false"):
        return (YES if str(value).lower() == "true" else NO).text(labels.lang)
    return value


def _level(value: object, labels: Labels) -> str:
    words = LEVEL_WORDS.get(str(value))
    return words.text(labels.lang) if words else str(value)


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


#: Columns whose values are codes, and how each is said.
WORDS: dict[str, Callable[[object, Labels], object]] = {
    "status": lambda value, labels: labels.status(_text(value)),
    "kind": lambda value, labels: labels.kind(_text(value)),
    "activity_code": lambda value, labels: labels.activity(_text(value)),
    "broader_code": lambda value, labels: labels.activity(_text(value)),
    "activities": activity_words,
    "measure": lambda value, labels: measure_words(_text(value), labels),
    "level": _level,
    "covered": _yes_no,
}


def province_names(frame: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """Provinces by name, never by code (PV27): the code column is dropped beside a name column, else named."""
    if "province_code" not in frame.columns:
        return frame
    said = {code: labels.province(str(code)) for code in frame.province_code.dropna().unique()}
    named = frame.province_code.map(said).fillna("")
    if "province" in frame.columns:  # the store's own name is Dutch: the reader's label takes its place
        known = frame.province_code.isin([code for code, name in said.items() if code and name != code])
        return frame.assign(province=named.where(known, frame.province)).drop(columns="province_code")
    return frame.assign(province_code=named)


def ids_last(frame: pd.DataFrame) -> pd.DataFrame:
    """The same columns with the atlas's ids (``…_id``) at the end: a reader starts from the names, and the ids
    stay for whoever links the download to other data."""
    ids = [column for column in frame.columns if str(column) == "id" or str(column).endswith("_id")]
    return frame[[column for column in frame.columns if column not in ids] + ids] if ids else frame


def _spelled_out(frame: pd.DataFrame, said: list[str]) -> pd.DataFrame:
    """Without the ``…_nl`` and ``…_en`` columns of a code that is now said in the reader's language: the same
    name three times (code, Dutch, English) reads as three different things."""
    twins = [
        f"{column.removesuffix('_code')}_{lang}"
        for column in said
        if column.endswith("_code")
        for lang in ("nl", "en")
        if f"{column.removesuffix('_code')}_{lang}" in frame.columns
    ]
    return frame.drop(columns=twins) if twins else frame


def in_words(answer: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """The answer with every code column said in words, provinces by name and ids last (a copy; numbers and
    names are left as they are). Each distinct value is looked up once, so a listing of thousands of rows costs
    a few lookups."""
    changed = {}
    for column, say in WORDS.items():
        if column in answer.columns and len(answer):
            said = {value: say(value, labels) for value in answer[column].dropna().unique()}
            changed[column] = answer[column].map(said).fillna("")
    shown = _spelled_out(answer.assign(**changed), list(changed)) if changed else answer
    return ids_last(province_names(shown, labels))
