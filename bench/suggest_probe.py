"""One suggestion measurement in a process of its own, so that its peak memory is its own.

python -m bench.suggest_probe SCALE RADIUS CASE REPEAT  → one JSON line: seconds (median), peak_mb,
input_mb (peak after reading the data, before the measured work), rows and a digest of the answer.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time

import numpy as np
import pandas as pd

from graph.analysis.spatial import ClosestPairs, Sites, closest_pairs_brute_force
from graph.analysis.spatial_blocks import closest_pairs
from graph.analysis.suggest import suggest

from .common import best_of, demo_suggestion_input, peak_mb

TOP = 100


def _digest(answer: object) -> tuple[int, str]:
    if isinstance(answer, ClosestPairs):
        digest = hashlib.sha256()
        for part in (answer.library_index, answer.care_index, answer.distance_km):
            digest.update(np.ascontiguousarray(part).data)  # the same bytes, without copies
        return len(answer), digest.hexdigest()
    hashed = pd.util.hash_pandas_object(answer, index=False).to_numpy()  # type: ignore[arg-type]
    return len(answer), hashlib.sha256(hashed.tobytes()).hexdigest()  # type: ignore[arg-type]


def main() -> None:
    scale, radius, case, repeat = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    data = demo_suggestion_input(scale)
    sites = data.sites

    def of(kind: str) -> Sites:
        frame = sites[sites.kind == kind]
        return Sites.from_columns(frame.site_id, frame.organisation_id, frame.lat, frame.lon)

    # The searches are given the sites as arrays; suggest() makes its own, so it is not charged for these.
    searches = {"brute": closest_pairs_brute_force, "blocks": closest_pairs}
    if case in searches:
        search, libraries, care = searches[case], of("library"), of("care")

        def action() -> object:
            return search(libraries, care, radius)
    else:
        limit = TOP if case == "top" else None

        def action() -> object:
            return suggest(data, radius, limit=limit)

    input_mb = peak_mb()
    started = time.perf_counter()
    answer = action()
    seconds = time.perf_counter() - started
    if repeat > 1:  # the median of further runs (the brute force is run once: it takes minutes)
        seconds = best_of(action, repeat)
    peak = peak_mb()  # the work's own peak, before the answer is hashed for the comparison
    rows, digest = _digest(answer)
    result = {"seconds": seconds, "peak_mb": peak, "input_mb": input_mb, "rows": rows, "digest": digest}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
