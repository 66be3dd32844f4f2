"""The spatial index gives exactly the brute-force answer, on random and on awkward data."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.analysis import spatial, spatial_blocks
from graph.analysis.spatial import (
    MAX_RADIUS_KM,
    Sites,
    exact_km,
    haversine_exact,
    nearby_pairs_brute_force,
    vector_matches_scalar,
)
from graph.analysis.spatial_blocks import nearby_pairs

LAT = st.floats(min_value=50.7, max_value=53.6, allow_nan=False)
LON = st.floats(min_value=3.3, max_value=7.25, allow_nan=False)


@st.composite
def site_sets(draw: st.DrawFn) -> tuple[Sites, Sites]:
    """Libraries and care sites: some organisations with many sites, some sites on the same spot."""
    spots = draw(st.lists(st.tuples(LAT, LON), min_size=1, max_size=12))
    result = []
    for kind in ("L", "C"):
        organisations = draw(st.integers(min_value=0, max_value=5))
        rows = []
        for org in range(organisations):
            for number in range(draw(st.integers(min_value=1, max_value=8))):
                if draw(st.booleans()):
                    lat, lon = draw(st.sampled_from(spots))  # a shared spot: distance 0 or a repeated one
                else:
                    lat, lon = draw(LAT), draw(LON)
                rows.append((f"{kind}{org}-{number}", f"{kind}{org}", lat, lon))
        result.append(Sites.of(rows))
    return result[0], result[1]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sites=site_sets(), radius=st.one_of(st.just(0.0), st.floats(min_value=0, max_value=MAX_RADIUS_KM)))
def test_index_equals_brute_force(sites: tuple[Sites, Sites], radius: float) -> None:
    libraries, care = sites
    assert nearby_pairs(libraries, care, radius) == nearby_pairs_brute_force(libraries, care, radius)


@settings(max_examples=200, deadline=None)
@given(sites=site_sets(), pick=st.data())
def test_sites_exactly_on_the_radius_are_included_by_both(sites: tuple[Sites, Sites], pick: st.DataObject) -> None:
    libraries, care = sites
    if not len(libraries) or not len(care):
        assert nearby_pairs(libraries, care, 5.0) == []
        return
    i = pick.draw(st.integers(0, len(libraries) - 1))
    j = pick.draw(st.integers(0, len(care) - 1))
    radius = haversine_exact(libraries.lat[i], libraries.lon[i], care.lat[j], care.lon[j])
    if radius > MAX_RADIUS_KM:
        return
    indexed = nearby_pairs(libraries, care, radius)
    assert indexed == nearby_pairs_brute_force(libraries, care, radius)
    pair = (libraries.organisation_ids[i], care.organisation_ids[j])
    assert pair in {(c.library_org_id, c.care_org_id) for c in indexed}


def test_same_spot_and_zero_radius() -> None:
    libraries = Sites.of([("l1", "L", 52.0, 5.0), ("l2", "L", 52.5, 5.5)])
    care = Sites.of([("c1", "C", 52.0, 5.0), ("c2", "C", 52.0, 5.0001)])
    found = nearby_pairs(libraries, care, 0.0)
    assert [(c.library_site_id, c.care_site_id, c.distance_km) for c in found] == [("l1", "c1", 0.0)]


def test_closest_site_pair_is_named() -> None:
    libraries = Sites.of([("far", "L", 52.30, 5.0), ("near", "L", 52.10, 5.0)])
    care = Sites.of([("c", "C", 52.0, 5.0)])
    (only,) = nearby_pairs(libraries, care, 50.0)
    assert only.library_site_id == "near"
    assert only.distance_km == pytest.approx(11.12, abs=0.01)


def test_empty_inputs() -> None:
    empty = Sites.of([])
    some = Sites.of([("c", "C", 52.0, 5.0)])
    assert nearby_pairs(empty, some, 10) == [] == nearby_pairs(some, empty, 10)
    assert nearby_pairs_brute_force(empty, empty, 10) == []


@pytest.mark.parametrize("radius", [-1.0, math.nan, math.inf, MAX_RADIUS_KM + 1])
def test_absurd_radius_is_refused(radius: float) -> None:
    with pytest.raises(ValueError, match="straal"):
        nearby_pairs(Sites.of([]), Sites.of([]), radius)


def test_one_degree_along_a_meridian() -> None:
    assert haversine_exact(52.0, 5.0, 53.0, 5.0) == pytest.approx(2 * math.pi * 6371.0088 / 360, rel=1e-12)


def _random_sites(seed: int, libraries: int, care: int) -> tuple[Sites, Sites]:
    rng = np.random.default_rng(seed)

    def sites(kind: str, count: int, organisations: int) -> Sites:
        lat, lon = rng.uniform(51.8, 52.4, count).round(4), rng.uniform(4.6, 5.6, count).round(4)
        lat[: count // 10], lon[: count // 10] = 52.1, 5.1  # many sites on one spot: ties everywhere
        owners = rng.integers(0, organisations, count)
        return Sites.of([(f"{kind}{i}", f"{kind}-org{owners[i]}", lat[i], lon[i]) for i in range(count)])

    return sites("L", libraries, libraries // 3), sites("C", care, care // 8)


@pytest.mark.parametrize("radius", [0.0, 3.0, 12.0, 40.0])
def test_tiny_blocks_and_batches_give_the_brute_force_answer(radius: float, monkeypatch: pytest.MonkeyPatch) -> None:
    """Memory is bounded by measuring in slices and in batches of organisations: neither may change the answer."""
    libraries, care = _random_sites(11, 300, 1200)
    expected = nearby_pairs_brute_force(libraries, care, radius)
    monkeypatch.setattr(spatial_blocks, "BLOCK_ELEMENTS", 50)
    monkeypatch.setattr(spatial_blocks, "BATCH_SITES", 7)
    monkeypatch.setattr(spatial, "EXACT_SLICE", 13)
    assert nearby_pairs(libraries, care, radius) == expected
    assert len(expected) > 10 or radius == 0.0


def test_an_organisation_with_more_sites_than_a_batch_comes_last(monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: when the last organisation's sites reached past the next batch boundary, cutting the batches
    failed with an IndexError (seen at demo scale 10 with batches of 4,000 sites)."""
    rng = np.random.default_rng(4)
    rows = [
        (f"L{i}", "a-small" if i < 3 else "z-big", 52.0 + rng.uniform(0, 0.3), 5.0 + rng.uniform(0, 0.3))
        for i in range(40)
    ]
    libraries = Sites.of(rows)
    care = Sites.of(
        [(f"C{i}", f"care{i % 5}", 52.0 + rng.uniform(0, 0.3), 5.0 + rng.uniform(0, 0.3)) for i in range(60)]
    )
    expected = nearby_pairs_brute_force(libraries, care, 10.0)
    monkeypatch.setattr(spatial_blocks, "BATCH_SITES", 7)
    assert nearby_pairs(libraries, care, 10.0) == expected


def test_array_distances_are_bit_for_bit_the_scalar_ones() -> None:
    rng = np.random.default_rng(5)
    lat1, lon1 = rng.uniform(50.7, 53.6, 20_000).round(5), rng.uniform(3.3, 7.25, 20_000).round(5)
    lat2, lon2 = (lat1 + rng.normal(0, 0.05, 20_000)).round(5), (lon1 + rng.normal(0, 0.05, 20_000)).round(5)
    scalar = [haversine_exact(*point) for point in zip(lat1, lon1, lat2, lon2, strict=True)]
    assert exact_km(lat1, lon1, lat2, lon2).tolist() == scalar
    assert vector_matches_scalar()


def test_distances_measured_in_slices_are_those_measured_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """At national scale a batch's proposals are measured in slices, to bound memory: the bits stay the same."""
    rng = np.random.default_rng(8)
    lat1, lon1 = rng.uniform(50.7, 53.6, 5_001), rng.uniform(3.3, 7.25, 5_001)
    lat2, lon2 = lat1 + rng.normal(0, 0.05, 5_001), lon1 + rng.normal(0, 0.05, 5_001)
    at_once = exact_km(lat1, lon1, lat2, lon2)
    monkeypatch.setattr(spatial, "EXACT_SLICE", 1_000)
    assert np.array_equal(exact_km(lat1, lon1, lat2, lon2), at_once)


def test_the_scalar_fallback_gives_the_same_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a machine whose numpy rounds sine differently, distances are measured one by one instead."""
    libraries, care = _random_sites(3, 200, 900)
    expected = nearby_pairs(libraries, care, 8.0)
    monkeypatch.setattr(spatial, "vector_matches_scalar", lambda: False)
    assert nearby_pairs(libraries, care, 8.0) == expected


def test_distances_stay_bit_for_bit_on_a_cpu_whose_numpy_computes_arcsin_its_own_way(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Regression: on a CPU with AVX-512, numpy's arcsin differed from the C library's in the last bit for about one
    value in twelve, so the array distances were given up for slow scalar ones (and a test failed there). Only the
    function that differs is now taken from the C library; the rest stays on arrays."""

    def last_bit_off(x: np.ndarray) -> np.ndarray:
        return np.nextafter(np.arcsin(x), np.inf)

    monkeypatch.setitem(spatial._NUMPY_NAMES, "asin", last_bit_off)
    spatial._numpy_gives_the_c_librarys.cache_clear()
    spatial.vector_matches_scalar.cache_clear()
    try:
        assert not spatial._numpy_gives_the_c_librarys("asin")
        assert vector_matches_scalar()
        rng = np.random.default_rng(11)
        lat1, lon1 = rng.uniform(50.7, 53.6, 3_000), rng.uniform(3.3, 7.25, 3_000)
        lat2, lon2 = lat1 + rng.normal(0, 0.05, 3_000), lon1 + rng.normal(0, 0.05, 3_000)
        scalar = [haversine_exact(*point) for point in zip(lat1, lon1, lat2, lon2, strict=True)]
        assert exact_km(lat1, lon1, lat2, lon2).tolist() == scalar
    finally:
        spatial._numpy_gives_the_c_librarys.cache_clear()
        spatial.vector_matches_scalar.cache_clear()
