"""Dutch places and their coordinates, from GeoNames (CC BY 4.0), carried in ``data/reference``.

``nl_places_geonames.csv`` holds every Dutch place of GeoNames' cities500 extract with its other names (so
that "Den Haag" finds The Hague) and the municipality it lies in.
"""

from __future__ import annotations

import csv
import unicodedata
from functools import lru_cache
from pathlib import Path

from graph.settings import DEFAULT_REFERENCE

PLACES_FILE = "nl_places_geonames.csv"


def _key(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return " ".join(folded.lower().replace("-", " ").replace("'", "").split())


@lru_cache(maxsize=4)
def _places(path: Path) -> dict[str, tuple[str, float, float, int, str]]:
    places: dict[str, tuple[str, float, float, int, str]] = {}
    alternates: dict[str, tuple[str, float, float, int, str]] = {}
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            entry = (
                row["name"],
                float(row["latitude"]),
                float(row["longitude"]),
                int(row["population"] or 0),
                row.get("gemeentenaam") or "",
            )
            other_names = [name for name in (row.get("alternatenames") or "").split(";") if name]
            # The same name can be several places: keep the largest.
            for target, names in ((places, [row["name"]]), (alternates, other_names)):
                for name in names:
                    key = _key(name)
                    if key and (key not in target or target[key][3] < entry[3]):
                        target[key] = entry
    # Other names (Den Haag for The Hague) only where no place has that as its own name.
    return {**alternates, **places}


def locate_town(town: str, folder: Path = DEFAULT_REFERENCE) -> tuple[float, float] | None:
    """The coordinates of a Dutch town by name (case, accents and dashes do not matter), or None."""
    found = _places(Path(folder) / PLACES_FILE).get(_key(town))
    return (found[1], found[2]) if found else None


def municipality_of(place: str, folder: Path = DEFAULT_REFERENCE) -> str | None:
    """The municipality a Dutch place lies in ("Doorn" → Utrechtse Heuvelrug, "Den Haag" → 's-Gravenhage), or
    None for a name that is no place."""
    found = _places(Path(folder) / PLACES_FILE).get(_key(place))
    return (found[4] or None) if found else None  # a place without a municipality in the file: None


def town_as_written(town: str, folder: Path = DEFAULT_REFERENCE) -> str:
    """A town as the place is written ("tegelen" → Tegelen, "s hertogenbosch" → 's-Hertogenbosch) when it is that
    name typed in another case or without its accents, dashes or apostrophe; else as typed, with single spaces.
    Another name of the place stays as typed: "Den Haag" does not become GeoNames' "The Hague"."""
    typed = " ".join(town.split())
    found = _places(Path(folder) / PLACES_FILE).get(_key(typed))
    return found[0] if found and _key(found[0]) == _key(typed) else typed
