"""Geography and the network as pure functions: distances, the Netherlands' extent, finding a municipality,
and the figures of a small network worked out by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from graph.analysis.network import build_graph, figures, limit_graph
from graph.model.geo import MunicipalityArea, MunicipalityLocator, haversine_km_array, in_netherlands_extent


def test_the_distance_from_tegelen_to_venlo_is_worked_out_by_hand() -> None:
    # Tegelen (51.34417, 6.13611) to Venlo (51.37, 6.16806), by hand on a flat patch of a 6371 km sphere:
    # 0.02583° north = 2.872 km, 0.03195° east × cos(51.357°) = 2.219 km, together √(2.872² + 2.219²) = 3.63 km.
    (distance,) = haversine_km_array(np.array([51.34417]), np.array([6.13611]), np.array([51.37]), np.array([6.16806]))
    assert distance == pytest.approx(3.63, abs=0.005)


def test_a_point_in_the_sea_or_abroad_is_outside_the_netherlands() -> None:
    assert in_netherlands_extent(52.09, 5.12)  # Utrecht
    assert not in_netherlands_extent(48.85, 2.35)  # Paris
    assert not in_netherlands_extent(float("nan"), 5.0)


def test_a_point_is_found_in_its_municipality_and_near_a_coast() -> None:
    square = MunicipalityArea("GM0001", "Vierkant", "PV00", "POLYGON((5 52, 6 52, 6 53, 5 53, 5 52))")
    locator = MunicipalityLocator([square])
    assert locator.locate(52.5, 5.5) == square
    assert locator.locate(52.5, 6.01) == square  # within the coastal tolerance
    assert locator.locate(52.5, 7.0) is None


def test_the_municipalities_around_a_point_are_those_reaching_into_its_box() -> None:
    west = MunicipalityArea("GM0001", "West", "PV00", "POLYGON((5 52, 6 52, 6 53, 5 53, 5 52))")
    east = MunicipalityArea("GM0002", "Oost", "PV00", "POLYGON((6 52, 7 52, 7 53, 6 53, 6 52))")
    far = MunicipalityArea("GM0003", "Ver", "PV00", "POLYGON((9 52, 10 52, 10 53, 9 53, 9 52))")
    locator = MunicipalityLocator([west, east, far])
    assert [area for area, _ in locator.around(52.5, 5.9, 0.1, 0.3)] == [west, east]
    assert [area for area, _ in locator.around(52.5, 5.5, 0.1, 0.3)] == [west]
    assert locator.around(float("nan"), 5.5, 0.1, 0.3) == []


NETWORK = pd.DataFrame(
    {
        "library_org_id": ["lib-a", "lib-a", "lib-b", "lib-c"],
        "library": ["Alfa", "Alfa", "Beta", "Gamma"],
        "care_org_id": ["care-x", "care-y", "care-x", "care-z"],
        "care_organisation": ["Zorg X", "Zorg Y", "Zorg X", "Zorg Z"],
    }
)


def test_the_figures_of_a_small_network_match_a_count_by_hand() -> None:
    graph = build_graph(NETWORK)
    found = figures(graph)
    # lib-a–care-x–lib-b and lib-a–care-y form one group of 4; lib-c–care-z is a group of 2.
    assert (found.organisations, found.collaborations, found.components, found.largest_component) == (6, 4, 2, 4)
    partners = dict(zip(found.degree.organisation_id, found.degree.partners, strict=True))
    assert partners["lib-a"] == 2 and partners["care-x"] == 2 and partners["care-z"] == 1
    # Alfa and Zorg X are the only ones every path through the big group must pass.
    assert set(found.brokers.organisation_id[:2]) == {"lib-a", "care-x"}


def test_a_drawing_limit_keeps_the_largest_groups_whole() -> None:
    kept, cut = limit_graph(build_graph(NETWORK), 4)
    assert cut and set(kept.nodes) == {"lib-a", "lib-b", "care-x", "care-y"}
