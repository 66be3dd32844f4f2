"""Named questions on an Oxigraph server when the records are spread over one graph per import (the earlier
layout, the baseline) and after ``python -m graph migrate`` has moved them into the one records graph.

A server request names every public graph of the atlas, and Oxigraph answers over a list of graphs far slower
than over one; the earlier layout added a graph with every import and every approved submission. The demo data
of the scale is written as if it came from ``--imports`` imports (each record in the graph of one of them), the
questions are timed, the store is migrated (timed too) and the questions are timed again, with the same answers
asserted.
"""

from __future__ import annotations

import shutil
import statistics
import time
import zlib

import pandas as pd
import pyoxigraph as ox
from rdflib import URIRef

from devtools.local_server import start
from graph.intake.mapping import RECORDS_GRAPH
from graph.intake.migrate import migrate
from graph.model.terms import from_ox
from graph.model.vocab import public_graph
from graph.settings import ServerAccess, Settings
from graph.store.atlas import Atlas
from graph.store.interface import Change

from .common import WORK, Row, demo_atlas, table

BASELINE = "one graph per import (earlier)"
KEPT = "one records graph (after migrate)"


def run(scales: list[float], imports: int = 10) -> str:
    rows: list[Row] = []
    for scale in scales:
        rows.extend(_scale(scale, imports))
    return table(f"Named questions on an Oxigraph server: {imports} import graphs or one", rows, baseline=BASELINE)


def _scale(scale: float, imports: int) -> list[Row]:
    nquads = demo_atlas(scale).store.dump()
    folder = WORK / f"graphs-{scale:g}"
    shutil.rmtree(folder, ignore_errors=True)
    rows: list[Row] = []
    with start("oxigraph", folder) as server:
        atlas = Atlas.open(Settings(store=server.query_url, reference=None, server=ServerAccess(timeout_s=900)))
        atlas.store.apply(_per_import(nquads, imports))
        before = _answers(atlas, scale, BASELINE, rows)
        started = time.perf_counter()
        migrate(atlas)
        rows.append(Row(f"migrate @ scale {scale:g}", KEPT, time.perf_counter() - started, "one change"))
        print(f"measured: migrate @ {scale:g} | {rows[-1].seconds:.3f}", flush=True)
        after = _answers(atlas, scale, KEPT, rows)
    for name, frame in before.items():
        pd.testing.assert_frame_equal(after[name], frame, check_dtype=False, obj=name)
    return rows


def _per_import(nquads: bytes, imports: int) -> Change:
    """The records as the earlier layout kept them: each subject in the graph of one of ``imports`` imports."""
    change = Change()
    for quad in ox.parse(nquads, ox.RdfFormat.N_QUADS):
        graph = URIRef(quad.graph_name.value)
        if graph == RECORDS_GRAPH:
            graph = public_graph(f"import/{zlib.crc32(str(quad.subject).encode()) % imports}")
        change.add.append((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object), graph))
    return change


def _parts_sorted(value: object) -> object:
    if not isinstance(value, str):
        return value
    separator = ";" if ";" in value else ", "
    return separator.join(sorted(value.split(separator)))


def _answers(atlas: Atlas, scale: float, case: str, rows: list[Row]) -> dict[str, pd.DataFrame]:
    answers = {}
    for question in atlas.questions.public():
        times = []
        for _ in range(2):
            started = time.perf_counter()
            frame = atlas.answer(question.name)
            times.append(time.perf_counter() - started)
        # GROUP_CONCAT's parts come in the engine's order, which SPARQL leaves open and the layout may change.
        frame = frame.map(_parts_sorted)
        answers[question.name] = frame.sort_values(list(frame.columns), ignore_index=True)
        rows.append(Row(f"{question.name} @ scale {scale:g}", case, statistics.median(times), f"{len(frame):,} rows"))
        print(f"measured: {question.name} @ {scale:g} | {case} | {statistics.median(times):.3f}", flush=True)
    return answers
