"""Every named query on demo data: asked of the app's in-memory public copy, read back from its saved answer
(the default read path once it has been asked at the store's generation), Oxigraph on disk, and rdflib's
in-memory store as the baseline (in a separate process, with a time cap)."""

from __future__ import annotations

import multiprocessing
from functools import partial
from typing import Any

import pyoxigraph as ox

from graph.settings import REPO_ROOT
from graph.store.atlas import Atlas
from graph.store.catalogue import NamedQuery, QueryCatalogue
from graph.store.oxigraph_reader import OxigraphReader

from .common import WORK, Row, best_of, demo_atlas, table

RDFLIB_CAP_S = 60.0
BASELINE = "rdflib Memory"


def _rdflib_worker(path: str, texts: list[str], queue: Any) -> None:
    """Parse once, then time each query in turn; the parent stops this process when one runs too long."""
    import time

    from rdflib import Dataset

    dataset = Dataset(default_union=True)
    dataset.parse(path, format="nquads")
    queue.put(("ready", None))
    for index, text in enumerate(texts):
        started = time.perf_counter()
        list(dataset.query(text))
        queue.put((index, time.perf_counter() - started))


def rdflib_seconds(nquads: str, texts: list[str]) -> list[float | None]:
    """rdflib's time for each query, None where it did not finish within the cap."""
    context = multiprocessing.get_context("spawn")
    results: list[float | None] = [None] * len(texts)
    start = 0
    while start < len(texts):
        queue = context.Queue()
        process = context.Process(target=_rdflib_worker, args=(nquads, texts[start:], queue))
        process.start()
        queue.get(timeout=1800)  # parsed
        index = start
        while index < len(texts):
            try:
                _, seconds = queue.get(timeout=RDFLIB_CAP_S)
            except Exception:  # the cap: stop this query, go on with the next one in a new process
                break
            results[index] = seconds
            index += 1
        process.kill()
        process.join()
        start = index + 1
    return results


def run(scales: list[float], with_rdflib: bool = True) -> str:
    rows: list[Row] = []
    catalogue = QueryCatalogue(REPO_ROOT / "queries")
    for scale in scales:
        rows.extend(_scale(catalogue, scale, with_rdflib))
    return table("Named queries", rows, baseline="Oxigraph on disk")


def _scale(catalogue: QueryCatalogue, scale: float, with_rdflib: bool) -> list[Row]:
    atlas = demo_atlas(scale)
    store_path = atlas.store.location  # the embedded store's folder
    nquads = WORK / f"queries-{scale:g}.nq"
    nquads.write_bytes(atlas.store.dump())
    atlas.store.count()  # build the public copy before timing
    disk = ox.Store.read_only(str(store_path))
    queries = catalogue.public()
    # rdflib needs minutes to parse scale 10 and most questions pass the cap at scale 1 already.
    with_rdflib = with_rdflib and scale <= 1
    baseline = rdflib_seconds(str(nquads), [q.text for q in queries]) if with_rdflib else [None] * len(queries)
    rows = []
    for query, seconds in zip(queries, baseline, strict=True):
        group = f"{query.name} @ scale {scale:g}"
        rows.append(Row(group, "embedded, asked of the in-memory public copy", best_of(partial(_asked, atlas, query))))
        atlas.answer(query.name)  # saved, if it has no value bound
        rows.append(Row(group, "embedded, as the app reads it", best_of(partial(atlas.answer, query.name))))
        rows.append(Row(group, "Oxigraph on disk", best_of(partial(_on_disk, disk, query))))
        if with_rdflib:
            rows.append(Row(group, BASELINE, seconds, "" if seconds is not None else f"stopped at {RDFLIB_CAP_S:g} s"))
    return rows


def _asked(atlas: Atlas, query: NamedQuery) -> None:
    """The engine's answer as a table, past any saved answer (what the first reader after a write waits for)."""
    OxigraphReader._plain(atlas.store, query.text, query.bindings(), None).table()  # type: ignore[arg-type]


def _on_disk(disk: ox.Store, query: NamedQuery) -> None:
    list(disk.query(query.text, use_default_graph_as_union=True))  # type: ignore[arg-type]  # a SELECT
