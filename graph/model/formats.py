"""Numbers as a reader of each language writes them: 1.234 · 3,6 km · 1,27 % in Dutch, 1,234 · 3.6 km · 1.27% in
English. Pages, reports and the display of downloads all format through here."""

from __future__ import annotations

import math
import re
import unicodedata

from graph.model.language import Lang, language

MISSING = "–"


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value: float | int | None, lang: object, decimals: int = 0) -> str:
    """12.345 and 1,5 in Dutch; 12,345 and 1.5 in English; a dash when there is no value."""
    if _is_missing(value):
        return MISSING
    assert value is not None
    formatted = f"{value:,.{decimals}f}"
    if language(lang) == Lang.EN:
        return formatted
    return formatted.replace(",", "\0").replace(".", ",").replace("\0", ".")


def rate(value: float | None, lang: object) -> str:
    """A count per so many inhabitants: one decimal (3,6), and below 1 two significant digits (0,039), so that a
    small rate over the whole country does not read as 0,0."""
    if _is_missing(value):
        return MISSING
    assert value is not None
    if value == 0 or abs(value) >= 1:
        return number(value, lang, 1)
    return number(value, lang, min(4, 1 - math.floor(math.log10(abs(value)))))


def km(value: float | None, lang: object, decimals: int = 1) -> str:
    """A distance: 3,6 km (Dutch), 3.6 km (English)."""
    return MISSING if _is_missing(value) else f"{number(value, lang, decimals)} km"


def percent(value: float | None, lang: object, decimals: int = 2) -> str:
    """A percentage of 100 (1.27 → 1,27 % in Dutch, 1.27% in English: each language's own spacing)."""
    if _is_missing(value):
        return MISSING
    shown = number(value, lang, decimals)
    return f"{shown}%" if language(lang) == Lang.EN else f"{shown} %"


def separators(lang: object) -> tuple[str, str]:
    """(thousands, decimal) separators of a language."""
    return (",", ".") if language(lang) == Lang.EN else (".", ",")


def file_slug(name: str) -> str:
    """A name as part of a file name: ``Fryslân`` → ``fryslan``, ``Noord-Holland`` → ``noord-holland``."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


#: The longest file name a download gets before its extension: a question's title and its filters made one of
#: 158 characters, longer than some file systems and mail programs take. The title is cut first, to at least a
#: third of this; filters of a long name (an organisation's) may take the name up to the second limit, as cut
#: short they no longer told two downloads apart ("…-bibliotheek-utrechtse" for e.o., e.o. 2 and e.o. 3).
FILE_STEM_CHARACTERS = 60
MOST_FILE_STEM_CHARACTERS = 100


def file_stem(*parts: str, limit: int = FILE_STEM_CHARACTERS) -> str:
    """A download's name from what the page shows, each part as :func:`file_slug` writes it:
    ``("Suggesties", "Limburg", "Venlo", "15 km")`` → ``suggesties-limburg-venlo-15-km``. When too long, the first
    part (what the file holds) is cut between words before the filters, which tell two downloads apart."""
    slugs = [slug for slug in map(file_slug, parts) if slug]
    if not slugs:
        return "atlas"
    filters = "-".join(slugs[1:])
    room = limit - len(filters) - (1 if filters else 0)
    head = _cut_between_words(slugs[0], max(room, limit // 3))
    return _cut_between_words("-".join([head, *slugs[1:]]), max(limit, MOST_FILE_STEM_CHARACTERS))


def _cut_between_words(slug: str, limit: int) -> str:
    if len(slug) <= limit:
        return slug
    cut = slug[: limit + 1]
    return cut[: cut.rfind("-")] if "-" in cut[limit // 2 :] else slug[:limit].rstrip("-")


COORDINATE = re.compile(r"[+-]?[0-9]{1,3}(?:[.,][0-9]{1,12})?")


def coordinate(value: float | None, lang: object) -> str:
    """A latitude or longitude as the reader writes it, to five decimals without trailing zeros: 51,37 in
    Dutch, 51.37 in English ('' for none)."""
    if _is_missing(value):
        return ""
    assert value is not None
    shown = f"{value:.5f}".rstrip("0").rstrip(".")
    return shown if language(lang) == Lang.EN else shown.replace(".", ",")


def read_coordinate(text: str) -> float | None:
    """A latitude or longitude as typed, with a decimal comma or point (51,37 or 51.37); None for anything
    else. (The form's row check says what is wrong with a value that is not a number.)"""
    typed = text.strip()
    return float(typed.replace(",", ".")) if COORDINATE.fullmatch(typed) else None
