"""Every named query on demo data: the default read path (in-memory public copy), Oxigraph on disk, and
rdflib's in-memory store as the baseline (in a separate process, with a time cap)."""

from __future__ import annotations

import multiprocessing
import shutil

import pyoxigraph as ox

from graph.atlas import Atlas
from graph.queries import QueryLibrary
from graph.settings import DEFAULT_REFERENCE, REPO_ROOT, Settings
from graph.vocab import PREFIXES

from .common import WORK, Row, best_of, demo_folder, table

RDFLIB_CAP_S = 60.0


def _rdflib_time(path: str, text: str, bindings: dict[str, str], queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    import time

    from rdflib import Dataset, Literal

    dataset = Dataset(default_union=True)
    dataset.parse(path, format="nquads")
    started = time.perf_counter()
    list(dataset.query(text, initNs=PREFIXES, initBindings={k: Literal(v) for k, v in bindings.items()}))
    queue.put(time.perf_counter() - started)


def rdflib_seconds(nquads: str, text: str) -> float | None:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_rdflib_time, args=(nquads, text, {}, queue))
    process.start()
    process.join(RDFLIB_CAP_S + 60)
    if process.is_alive():
        process.kill()
        process.join()
        return None
    seconds = queue.get() if not queue.empty() else None
    return seconds if seconds is not None and seconds <= RDFLIB_CAP_S else None


def run(scales: list[float], with_rdflib: bool = True) -> str:
    rows: list[Row] = []
    library = QueryLibrary(REPO_ROOT / "queries")
    for scale in scales:
        store_path = WORK / f"store-queries-{scale:g}"
        if not store_path.exists():
            atlas = Atlas.open(Settings(store=str(store_path), reference=DEFAULT_REFERENCE))
            atlas.initialise(seed=demo_folder(scale))
        atlas = Atlas.open(Settings(store=str(store_path), reference=DEFAULT_REFERENCE))
        nquads = WORK / f"queries-{scale:g}.nq"
        nquads.write_bytes(atlas.store.dump())
        disk = ox.Store.read_only(str(store_path))
        atlas.store.count()  # build the public copy before timing
        for query in library.public():
            group = f"{query.name} @ scale {scale:g}"
            rows.append(Row(group, "embedded (in-memory public copy)", best_of(lambda q=query: library.run(atlas.store, q.name))))
            rows.append(
                Row(group, "Oxigraph on disk", best_of(lambda q=query: list(disk.query(q.text, prefixes=PREFIXES, use_default_graph_as_union=True))))
            )
            if with_rdflib:
                seconds = rdflib_seconds(str(nquads), query.text)
                rows.append(Row(group, "rdflib Memory", seconds, "" if seconds is not None else f"stopped at {RDFLIB_CAP_S:g} s"))
        del disk
    shutil.rmtree(WORK / "unused", ignore_errors=True)
    return table("Named queries", rows, baseline="rdflib Memory")
