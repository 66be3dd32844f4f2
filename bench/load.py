"""Import of demo data: the full pipeline into the embedded store, and loading the same triples into
rdflib's in-memory store (baseline) and into Oxigraph in memory and on disk."""

from __future__ import annotations

import shutil
import time

import pyoxigraph as ox
from rdflib import Graph

from graph.atlas import Atlas
from graph.settings import DEFAULT_REFERENCE, Settings

from .common import WORK, Row, best_of, demo_folder, table


def run(scales: list[float]) -> str:
    rows: list[Row] = []
    for scale in scales:
        folder = demo_folder(scale)
        store_path = WORK / f"store-load-{scale:g}"
        shutil.rmtree(store_path, ignore_errors=True)
        atlas = Atlas.open(Settings(store=str(store_path), reference=DEFAULT_REFERENCE))
        atlas.prepare()
        started = time.perf_counter()
        report = atlas.import_path(folder, agent="bench")
        elapsed = time.perf_counter() - started
        assert report.ok, report.problems[:3]
        group = f"scale {scale:g} ({atlas.store.count():,} public quads)"
        rows.append(Row(group, "import pipeline → Oxigraph on disk", elapsed, "read, check, SHACL, write"))
        ntriples = WORK / f"demo-{scale:g}.nt"
        ntriples.write_bytes(_as_ntriples(atlas))
        rows.append(Row(group, "rdflib Memory: parse N-Triples", best_of(lambda: Graph().parse(ntriples, format="nt"), 1)))
        rows.append(Row(group, "Oxigraph memory: load N-Triples", best_of(lambda: ox.Store().load(path=str(ntriples), format=ox.RdfFormat.N_TRIPLES))))
        disk = WORK / "disk-load"

        def load_disk() -> None:
            shutil.rmtree(disk, ignore_errors=True)
            store = ox.Store(str(disk))
            store.bulk_load(path=str(ntriples), format=ox.RdfFormat.N_TRIPLES)
            store.flush()

        rows.append(Row(group, "Oxigraph disk: bulk load N-Triples", best_of(load_disk)))
    return table("Load", rows, baseline="rdflib Memory: parse N-Triples")


def _as_ntriples(atlas: Atlas) -> bytes:
    store = ox.Store()
    store.load(atlas.store.dump(), format=ox.RdfFormat.N_QUADS, to_graph=ox.DefaultGraph())
    flat = ox.Store()
    flat.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in store)
    return flat.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()) or b""
