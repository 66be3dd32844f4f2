"""The generated demo data reads like a country: organisations named after the town their sites lie around."""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from devtools.demo import generate
from graph.settings import DEFAULT_REFERENCE


def test_demo_organisations_have_their_own_names_and_sites_around_their_home_town() -> None:
    """Regression: "Bibliotheek Venlo e.o. (demo)" had sites in Goeree-Overflakkee, and four libraries shared the
    name "Bibliotheek Amsterdam e.o. (demo)" (organisations were cut out of bands across the country)."""
    tables = generate(0.3, 7, DEFAULT_REFERENCE)
    names = Counter(row["name"] for row in tables["organisations"])
    assert [name for name, count in names.items() if count > 1] == []
    places: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for site in tables["sites"]:
        places[site["organisation_id"]].append((float(site["lat"]), float(site["lon"])))
    for organisation, points in places.items():
        lat, lon = (sum(axis) / len(points) for axis in zip(*points, strict=True))
        farthest = max(math.hypot((a - lat) * 111, (b - lon) * 68) for a, b in points)
        assert farthest < 80, (organisation, farthest)  # km; the country is about 300 km across


def test_an_exploring_demo_collaboration_has_not_started_yet() -> None:
    collaborations = generate(0.3, 7, DEFAULT_REFERENCE)["collaborations"]
    exploring = [row for row in collaborations if row["status"] == "exploring"]
    assert exploring and all(row["start_date"] == "" for row in exploring)
    assert all(row["start_date"] for row in collaborations if row["status"] == "active")
