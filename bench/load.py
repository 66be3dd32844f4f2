"""Import of demo data: the full pipeline into the embedded store, and loading the same triples into
rdflib's in-memory store (baseline) and into Oxigraph in memory and on disk."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from graph.intake.exporter import rdf_bytes
from graph.intake.importer import import_path
from graph.intake.setup import prepare
from graph.settings import DEFAULT_REFERENCE, Settings
from graph.store.atlas import Atlas

from .common import WORK, Row, best_of, demo_folder, table

BASELINE = "rdflib Memory: parse N-Triples"


def run(scales: list[float]) -> str:
    rows: list[Row] = []
    for scale in scales:
        rows.extend(_scale(scale))
    return table("Load", rows, baseline=BASELINE)


def _scale(scale: float) -> list[Row]:
    folder = demo_folder(scale)
    store_path = WORK / f"store-load-{scale:g}"
    shutil.rmtree(store_path, ignore_errors=True)
    atlas = Atlas.open(Settings(store=str(store_path), reference=DEFAULT_REFERENCE))
    prepare(atlas)
    started = time.perf_counter()
    report = import_path(atlas, folder, agent="bench")
    elapsed = time.perf_counter() - started
    assert report.ok, report.problems[:3]
    group = f"scale {scale:g} ({atlas.store.count():,} public quads)"
    ntriples = WORK / f"demo-{scale:g}.nt"
    ntriples.write_bytes(_as_ntriples(atlas))
    disk = WORK / "disk-load"
    return [
        Row(group, "import pipeline → Oxigraph on disk", elapsed, "read, check rows, SHACL, one transaction"),
        Row(group, BASELINE, best_of(lambda: Graph().parse(ntriples, format="nt"), 1)),
        Row(group, "Oxigraph memory: load N-Triples", best_of(lambda: _load_memory(ntriples))),
        Row(group, "Oxigraph disk: bulk load N-Triples", best_of(lambda: _load_disk(ntriples, disk))),
    ]


def _load_memory(ntriples: Path) -> None:
    ox.Store().load(path=str(ntriples), format=ox.RdfFormat.N_TRIPLES)


def _load_disk(ntriples: Path, disk: Path) -> None:
    shutil.rmtree(disk, ignore_errors=True)
    store = ox.Store(str(disk))
    store.bulk_load(path=str(ntriples), format=ox.RdfFormat.N_TRIPLES)
    store.flush()


def _as_ntriples(atlas: Atlas) -> bytes:
    return rdf_bytes(atlas.store, "nt")
