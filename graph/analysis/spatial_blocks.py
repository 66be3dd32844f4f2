"""The blocked search, :func:`closest_pairs`: bounded memory, numpy only.

Library sites are cut into grid cells, care sites into (organisation, grid cell) groups. For each cell of
library sites, only the care groups whose bounding spheres can reach within the radius are measured, as one
matrix of dot products of 3-D unit vectors (a chord of the unit sphere grows with great-circle distance). The
matrix is reduced with ``maximum.reduceat`` to the best dot product per (library organisation, care
organisation), and only site pairs within a small slack of that best are proposed for the exact decision in
:func:`graph.analysis.spatial.closest_of`. A cell whose matrix would exceed :data:`BLOCK_ELEMENTS` is measured in
slices of rows, so peak memory does not grow with the country.
"""

from __future__ import annotations

import math

import numpy as np

from graph.analysis.spatial import Candidate, ClosestPairs, Sites, candidates, check_radius, closest_of
from graph.model.geo import EARTH_RADIUS_KM

# Rounding of a dot product of unit vectors is about 1e-15; this slack is far larger, so a proposal is never
# lost to rounding, and far smaller than any real difference (1e-11 is 9 m at distance 0, micrometres at 5 km).
DOT_SLACK = 1e-11
# At most this many site pairs are measured at once (16 MB per float matrix).
BLOCK_ELEMENTS = 1 << 21
# Library organisations are measured in batches of about this many sites; every organisation pair is complete
# within its batch, so memory holds one batch's proposals at a time.
BATCH_SITES = 4_000
# Grid cells hold about this many library sites; never smaller than 1 km, never larger than 50 km.
SITES_PER_CELL = 12
NETHERLANDS_LAND_KM2 = 34_000.0


def cell_km(library_sites: int, radius_km: float) -> float:
    """A cell size that keeps both the per-cell overhead and the measured area around each cell small."""
    by_density = math.sqrt(NETHERLANDS_LAND_KM2 * SITES_PER_CELL / max(1, library_sites))
    return min(50.0, max(1.0, by_density, radius_km / 2.0))


def _cells(vectors: np.ndarray, size_km: float) -> np.ndarray:
    """A cell number per point on a 3-D grid of ``size_km`` (works anywhere on the sphere).

    Each coordinate of the grid lies within ±6,372 (1 km cells), so 21 bits each make one sortable number.
    """
    grid = np.floor(vectors * (EARTH_RADIUS_KM / size_km)).astype(np.int64) + (1 << 20)
    return (grid[:, 0] << 42) | (grid[:, 1] << 21) | grid[:, 2]


MASK_21 = (1 << 21) - 1


def _starts(sorted_codes: np.ndarray) -> np.ndarray:
    """Where each run of equal values begins."""
    change = np.empty(len(sorted_codes), dtype=bool)
    change[:1] = True
    np.not_equal(sorted_codes[1:], sorted_codes[:-1], out=change[1:])
    return np.flatnonzero(change)


def _counts(starts: np.ndarray, total: int) -> np.ndarray:
    """The length of each run, given where the runs begin."""
    return np.diff(starts, append=total)


def _ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The concatenation of ``arange(start, start + count)`` for every pair, without a Python loop."""
    total = int(counts.sum())
    offsets = np.repeat(starts - np.cumsum(counts) + counts, counts)
    return offsets + np.arange(total)


class _CareGroups:
    """Care sites sorted by (organisation, cell), with a bounding sphere per group."""

    def __init__(self, care: Sites, size_km: float) -> None:
        codes = care.organisation_codes
        cells = _cells(care.unit_vectors, size_km)
        self.order = np.lexsort((cells, codes))
        self.vectors = np.ascontiguousarray(care.unit_vectors[self.order])
        self.organisations = codes[self.order]
        sorted_cells = cells[self.order]
        self.starts = np.union1d(_starts(self.organisations), _starts(sorted_cells))
        self.counts = _counts(self.starts, len(self.order))
        self.centres = np.add.reduceat(self.vectors, self.starts, axis=0) / self.counts[:, None]
        spread = np.linalg.norm(self.vectors - np.repeat(self.centres, self.counts, axis=0), axis=1)
        self.extent = np.maximum.reduceat(spread, self.starts)
        self.widest = float(self.extent.max())
        self.size_km = size_km
        # The groups by grid cell, to find the groups near a point by looking up the cells around it.
        group_cells = sorted_cells[self.starts]
        self.by_cell = np.argsort(group_cells, kind="stable")
        self.cells = group_cells[self.by_cell]

    def near(self, centre: np.ndarray, cell: int, reach: float) -> np.ndarray:
        """Positions (in sorted order) of the care sites of every group that can come within ``reach``.

        ``centre`` lies in grid cell ``cell``; a group centre lies in the cell of its sites, so every group
        within reach lies in a cell at most ``span`` cells away along each axis.
        """
        span = math.ceil((reach + self.widest) * EARTH_RADIUS_KM / self.size_km)
        steps = np.arange(-span, span + 1, dtype=np.int64)
        x, y, z = (cell >> 42) + steps, ((cell >> 21) & MASK_21) + steps, (cell & MASK_21) + steps
        around = ((x[:, None, None] << 42) | (y[None, :, None] << 21) | z[None, None, :]).reshape(-1)
        first = np.searchsorted(self.cells, around, side="left")
        found = self.by_cell[_ranges(first, np.searchsorted(self.cells, around, side="right") - first)]
        gap = np.linalg.norm(self.centres[found] - centre, axis=1)
        groups = np.sort(found[gap <= reach + self.extent[found] + 1e-12])
        return _ranges(self.starts[groups], self.counts[groups])


def _propose(
    rows_vectors: np.ndarray,
    rows_codes: np.ndarray,
    cols_vectors: np.ndarray,
    cols_codes: np.ndarray,
    least_dot: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Row and column positions of the site pairs that may be closest for their organisation pair."""
    dots = rows_vectors @ cols_vectors.T
    row_starts, col_starts = _starts(rows_codes), _starts(cols_codes)
    col_counts = _counts(col_starts, len(cols_codes))
    per_row = np.maximum.reduceat(dots, col_starts, axis=1)  # best per (library site, care organisation)
    best = np.maximum.reduceat(per_row, row_starts, axis=0)  # per (library organisation, care organisation)
    bar = np.repeat(best, _counts(row_starts, len(rows_codes)), axis=0)
    rows, organisations = np.nonzero((per_row >= bar - DOT_SLACK) & (bar >= least_dot))
    # Within each chosen (library site, care organisation), the care sites that reach the best.
    counts = col_counts[organisations]
    bars = np.repeat(bar[rows, organisations] - DOT_SLACK, counts)
    cols = _ranges(col_starts[organisations], counts)
    rows = np.repeat(rows, counts)
    keep = dots.ravel()[rows * dots.shape[1] + cols] >= bars
    return rows[keep], cols[keep]


def search(libraries: Sites, care: Sites, radius_km: float) -> ClosestPairs:
    # A product of n×3 by 3×m matrices is too small a task to share: threads only wait for each other (on
    # two busy cores OpenBLAS's threads made the search three times slower).
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        return _search(libraries, care, radius_km)


def _search(libraries: Sites, care: Sites, radius_km: float) -> ClosestPairs:
    none = np.zeros(0, dtype=np.int64)
    if not len(libraries) or not len(care):
        return closest_of(libraries, care, none, none, radius_km)
    chord = 2.0 * math.sin(min(radius_km / (2.0 * EARTH_RADIUS_KM), math.pi / 2))
    least_dot = 1.0 - chord * chord / 2.0 - DOT_SLACK
    reach = math.sqrt(chord * chord + 2 * DOT_SLACK) * (1 + 1e-9) + 1e-12
    size = cell_km(len(libraries), radius_km)
    groups = _CareGroups(care, size)
    cells = _cells(libraries.unit_vectors, size)
    parts = [closest_of(libraries, care, none, none, radius_km)]
    for members in _batches(libraries.organisation_codes, cells):
        found_library, found_care = [none], [none]
        order = members[np.lexsort((libraries.organisation_codes[members], cells[members]))]
        library_vectors = libraries.unit_vectors[order]
        library_codes = libraries.organisation_codes[order]
        sorted_cells = cells[order]
        cell_starts = _starts(sorted_cells)
        for start, end in zip(cell_starts.tolist(), np.append(cell_starts[1:], len(order)).tolist(), strict=True):
            vectors = library_vectors[start:end]
            centre = vectors.mean(axis=0)
            extent = float(np.linalg.norm(vectors - centre, axis=1).max())
            cols = groups.near(centre, int(sorted_cells[start]), extent + reach)
            if not len(cols):
                continue
            cols_vectors, cols_codes = groups.vectors[cols], groups.organisations[cols]
            step = max(1, BLOCK_ELEMENTS // len(cols))
            for first in range(start, end, step):
                last = min(end, first + step)
                rows, positions = _propose(
                    library_vectors[first:last], library_codes[first:last], cols_vectors, cols_codes, least_dot
                )
                found_library.append(order[first + rows])
                found_care.append(groups.order[cols[positions]])
        # Every site of the batch's organisations has been measured: the batch's pairs are final.
        parts.append(closest_of(libraries, care, np.concatenate(found_library), np.concatenate(found_care), radius_km))
    return _in_pair_order(parts, libraries, care)


def _in_pair_order(parts: list[ClosestPairs], libraries: Sites, care: Sites) -> ClosestPairs:
    """The batches' pairs as one answer, ordered by (library organisation, care organisation).

    At national scale the answer holds millions of pairs, so each column is joined, and then put in order, while
    the pieces it was made of are let go: holding every piece and every copy at once was the search's peak.
    """
    library_index = np.concatenate([part.library_index for part in parts])
    care_index = np.concatenate([part.care_index for part in parts])
    distance = np.concatenate([part.distance_km for part in parts])
    parts.clear()
    key = libraries.organisation_codes[library_index] * len(care.organisation_names)
    key += care.organisation_codes[care_index]
    in_order = np.argsort(key, kind="stable")
    del key
    library_index = library_index[in_order]
    care_index = care_index[in_order]
    distance = distance[in_order]
    return ClosestPairs(library_index, care_index, distance)


def _batches(codes: np.ndarray, cells: np.ndarray) -> list[np.ndarray]:
    """Library sites in batches of whole organisations, about :data:`BATCH_SITES` each, near each other.

    Organisations are ordered by the first grid cell of their sites, so a batch covers a band of the country
    and its cells stay as full as those of the whole set.
    """
    first_cell = np.full(int(codes.max()) + 1, np.iinfo(np.int64).max)
    np.minimum.at(first_cell, codes, cells)
    rank = np.empty(len(first_cell), dtype=np.int64)
    rank[np.argsort(first_cell, kind="stable")] = np.arange(len(first_cell))
    by_rank = np.argsort(rank[codes], kind="stable")
    organisation_starts = _starts(rank[codes][by_rank])
    # The organisation in which each multiple of BATCH_SITES falls; past the last organisation's start (its
    # sites reach beyond the next multiple) there is nothing to cut.
    first = np.searchsorted(organisation_starts, np.arange(0, len(codes), BATCH_SITES))
    cut = organisation_starts[np.unique(first[first < len(organisation_starts)])]
    return np.split(by_rank, cut[1:])


def closest_pairs(libraries: Sites, care: Sites, radius_km: float) -> ClosestPairs:
    """Every organisation pair with sites within ``radius_km``, as arrays, found block by block."""
    check_radius(radius_km)
    return search(libraries, care, radius_km)


def nearby_pairs(libraries: Sites, care: Sites, radius_km: float) -> list[Candidate]:
    """:func:`closest_pairs` as a sorted list of :class:`Candidate`."""
    return candidates(libraries, care, closest_pairs(libraries, care, radius_km))
