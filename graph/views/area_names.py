"""The names a reader may type for a municipality or province besides its official one.

The atlas names areas as CBS does ('s-Gravenhage, 's-Hertogenbosch, Fryslân). Most people type the name they
use every day, or type it without accents; the area search offers those too, beside the official name.
"""

from __future__ import annotations

import unicodedata

# The everyday names of areas whose official name few people type.
COMMON_NAMES = {
    "GM0518": "Den Haag",  # 's-Gravenhage
    "GM0796": "Den Bosch",  # 's-Hertogenbosch
    "PV21": "Friesland",  # Fryslân
}


def without_accents(name: str) -> str:
    """Súdwest-Fryslân as Sudwest-Fryslan."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def sort_key(name: str) -> str:
    """Where a name stands in an alphabetical list as a Dutch reader looks for it: 's-Hertogenbosch under H, Ede
    Súdwest-Fryslân as if without its accent, capitals or not alike."""
    plain = without_accents(str(name)).casefold()
    for article in ("'s-", "'t "):
        if plain.startswith(article):
            return plain[len(article) :]
    return plain


def other_names(code: str, name: str) -> list[str]:
    """The names besides the official one that find this area: its everyday name, and its name without accents."""
    found = [COMMON_NAMES[code]] if code in COMMON_NAMES else []
    if (plain := without_accents(name)) != name:
        found.append(plain)
    return found


def search_label(code: str, name: str, where: str) -> str:
    """How an area reads in a search list: "Fryslân (provincie) · Friesland · Fryslan"."""
    return " · ".join([f"{name} ({where})", *other_names(code, name)])
