"""Import of demo data: the full pipeline into the embedded store, its shapes check next to pySHACL validating
the same records (the previous path, the baseline), and loading the same triples into Oxigraph in memory and on
disk (the floor: no checks at all)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pyoxigraph as ox

from graph.intake.exporter import rdf_bytes
from graph.intake.importer import import_path, shape_inputs, validation_context
from graph.intake.setup import prepare
from graph.intake.shacl import compiled_report, pyshacl_report
from graph.intake.tables import read_input
from graph.intake.validate import validate_tables
from graph.settings import DEFAULT_REFERENCE, Settings
from graph.store.atlas import Atlas

from .common import WORK, Row, best_of, demo_folder, table

BASELINE = "shapes check: pySHACL on everything (previous path)"
# pySHACL took 12 minutes on scale 10: above this scale it is not run again.
PYSHACL_UP_TO_SCALE = 1.0


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
    # The shapes check alone, on what the import checks: its records, the vocabulary, what they refer to.
    context = validation_context(atlas)
    records, problems = validate_tables(read_input(folder), context)
    assert not problems, problems[:3]
    inputs = shape_inputs(atlas, records, context)
    started = time.perf_counter()
    compiled = compiled_report(inputs)
    compiled_seconds = time.perf_counter() - started
    assert not compiled, list(compiled)[:3]
    rows = []
    group = f"scale {scale:g}"
    if scale <= PYSHACL_UP_TO_SCALE:
        started = time.perf_counter()
        assert pyshacl_report(inputs) == compiled
        rows.append(Row(group, BASELINE, time.perf_counter() - started, "the same verdict asserted"))
    rows.append(Row(group, "shapes check: compiled rules (graph.intake.shape_check)", compiled_seconds))
    started = time.perf_counter()
    report = import_path(atlas, folder, agent="bench")
    elapsed = time.perf_counter() - started
    assert report.ok, report.problems[:3]
    quads = atlas.store.count()
    rows.append(
        Row(group, "import pipeline → Oxigraph on disk", elapsed, f"{quads:,} public quads: read, rows, shapes, write")
    )
    ntriples = WORK / f"demo-{scale:g}.nt"
    ntriples.write_bytes(_as_ntriples(atlas))
    disk = WORK / "disk-load"
    rows.append(Row(group, "Oxigraph memory: load N-Triples (no checks)", best_of(lambda: _load_memory(ntriples))))
    rows.append(
        Row(group, "Oxigraph disk: bulk load N-Triples (no checks)", best_of(lambda: _load_disk(ntriples, disk)))
    )
    return rows


def _load_memory(ntriples: Path) -> None:
    ox.Store().load(path=str(ntriples), format=ox.RdfFormat.N_TRIPLES)


def _load_disk(ntriples: Path, disk: Path) -> None:
    shutil.rmtree(disk, ignore_errors=True)
    store = ox.Store(str(disk))
    store.bulk_load(path=str(ntriples), format=ox.RdfFormat.N_TRIPLES)
    store.flush()


def _as_ntriples(atlas: Atlas) -> bytes:
    return rdf_bytes(atlas.store, "nt")
