"""Pair generation for the whole country: the spatial index next to brute force, in the same run."""

from __future__ import annotations

import time

from graph.spatial import Sites, nearby_pairs, nearby_pairs_brute_force
from graph.suggest import load_input, suggest
from graph.viewer import COMMAND_LINE

from .common import Row, best_of, demo_atlas, table

BASELINE = "brute force (all pairs)"


def run(scales: list[float]) -> str:
    rows: list[Row] = []
    for scale in scales:
        rows.extend(_scale(scale))
    return table("Suggestions", rows, baseline=BASELINE)


def _scale(scale: float) -> list[Row]:
    atlas = demo_atlas(scale)
    data = load_input(atlas.store, atlas.library, COMMAND_LINE)
    sites = data.sites
    libraries = _sites(sites[sites.kind == "library"])
    care = _sites(sites[sites.kind == "care"])
    rows = []
    for radius in (5.0, 15.0, 30.0):
        group = f"scale {scale:g} ({len(libraries):,} × {len(care):,} sites), {radius:g} km"
        started = time.perf_counter()
        expected = nearby_pairs_brute_force(libraries, care, radius)
        brute = time.perf_counter() - started
        assert nearby_pairs(libraries, care, radius) == expected, "index and brute force disagree"
        rows.append(Row(group, BASELINE, brute, f"{len(expected):,} pairs"))
        rows.append(Row(group, "k-d tree (scipy cKDTree)", best_of(lambda r=radius: nearby_pairs(libraries, care, r))))
        rows.append(Row(group, "whole suggest(): pairs, ranking, reasons", best_of(lambda r=radius: suggest(data, r))))
    return rows


def _sites(frame):  # type: ignore[no-untyped-def]
    return Sites.of(list(zip(frame.site_id, frame.organisation_id, frame.lat, frame.lon, strict=True)))
