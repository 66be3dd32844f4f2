"""The suggestion score with worked numbers: a coordinator can follow every part of it by hand.

Score = 0.40 × closeness + 0.25 × gap + 0.10 × care experience + 0.10 × library experience + 0.15 × fit.
"""

from __future__ import annotations

import pandas as pd
import pytest

from graph.analysis.suggest import SuggestionInput, suggest

SITE_COLUMNS = ["site_id", "organisation_id", "organisation", "kind", "lat", "lon", "municipality_code",
                "municipality", "province_code"]  # fmt: skip
# Tegelen's library and a care site in Venlo: 3.629 km apart (worked out in test_geo_and_network).
SITES = pd.DataFrame(
    [
        ["lib-t-1", "lib-t", "Bibliotheek Tegelen", "library", 51.34417, 6.13611, "GM0983", "Venlo", "PV31"],
        ["care-p-1", "care-p", "Werkleercentrum PSW", "care", 51.37, 6.16806, "GM0983", "Venlo", "PV31"],
    ],
    columns=SITE_COLUMNS,
)
PAIR_COLUMNS = ["library_org_id", "care_org_id", "collaborations", "active", "activities"]


def _input(pairs: list[list[object]], active_places: set[str]) -> SuggestionInput:
    return SuggestionInput(SITES, pd.DataFrame(pairs, columns=PAIR_COLUMNS), active_places)


def test_the_score_of_a_close_pair_in_a_gap_is_the_sum_of_its_parts() -> None:
    # closeness 1 - 3.629/10 = 0.6371 → 0.40 × 0.6371 = 0.2548; Venlo has no active collaboration → 0.25;
    # PSW already works with another library → 0.10; Tegelen works with nobody → 0; no shared activity → 0.
    # 0.2548 + 0.25 + 0.10 = 0.6048 → 0.605
    data = _input([["lib-x", "care-p", 1, 1, "werk"]], set())
    (row,) = suggest(data, 10).itertuples()
    assert (row.library_org_id, row.care_org_id) == ("lib-t", "care-p")
    assert row.distance_km == pytest.approx(3.629)
    assert row.score == 0.605
    assert "3,6 km" in row.reasons and "Venlo" in row.reasons


def test_shared_activities_and_experience_on_both_sides_raise_the_score() -> None:
    # Tegelen does werk and koffiecorner with care-q, PSW does werk with lib-x: fit = 1 shared / 2 either = 0.5
    # → 0.15 × 0.5 = 0.075; both have experience → 0.10 + 0.10; Venlo is covered now → no gap.
    # 0.2548 + 0 + 0.10 + 0.10 + 0.075 = 0.5298 → 0.53
    data = _input([["lib-x", "care-p", 1, 1, "werk"], ["lib-t", "care-q", 1, 1, "werk;koffiecorner"]], {"GM0983"})
    (row,) = suggest(data, 10).itertuples()
    assert row.score == 0.53


def test_a_pair_that_already_works_together_is_not_suggested() -> None:
    data = _input([["lib-t", "care-p", 1, 0, ""]], set())
    assert suggest(data, 10).empty


def test_a_pair_beyond_the_radius_is_not_suggested() -> None:
    assert suggest(_input([], set()), 3.5).empty
    assert len(suggest(_input([], set()), 3.7)) == 1
