"""The embedded store next to an Oxigraph server on this machine, on the same data in the same run:
writing the data, every named question, and suggestions. The embedded store is the baseline.

Scale 1 and 10 are the validated demo stores of the other benchmarks. Scale 100 is ten copies of scale 10,
each with its own IRIs and its sites moved by about a kilometre, written as ten successive changes (ten
imports of scale-10 size), because the import pipeline itself would need hours (SHACL); the pipeline is
measured at scale 1 on both stores.

Above scale 10 a question gets at most ``LIMIT_S`` seconds on each store (the server stops it too); one that
needs longer is reported as "> cap". Every row is printed as soon as it is measured, so a run that is stopped
keeps what it measured. Each row carries the peak resident memory so far of the process that answered: this
process for the embedded store (its in-memory public copy included), the server's process for the server.
"""

from __future__ import annotations

import re
import shutil
import statistics
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox
from rdflib import URIRef

from devtools.local_server import start
from graph.analysis.suggest import load_input, suggest
from graph.intake.importer import import_path
from graph.intake.mapping import RECORDS_GRAPH
from graph.intake.setup import prepare
from graph.model.terms import from_ox
from graph.model.viewer import COMMAND_LINE
from graph.settings import DEFAULT_REFERENCE, REPO_ROOT, ServerAccess, Settings
from graph.store.atlas import Atlas
from graph.store.catalogue import QueryCatalogue
from graph.store.interface import AtlasStore, Change, StoreError

from .common import WORK, Row, demo_atlas, demo_folder, machine, peak_mb, process_peak_mb, table

T = TypeVar("T")
BASELINE = "embedded"
SERVER = "Oxigraph server (HTTP, on disk)"
RADIUS_KM = 5.0
LIMIT_S = 60
_RENAMED = re.compile(rb"(https://w3id\.org/passendwerk/id/(?:organisation|site|collaboration)/[^/>]+)")
_IDENTIFIER = re.compile(rb'(<http://purl\.org/dc/terms/identifier> "[^"]+)"')
_COORDINATE = re.compile(rb'(<http://www\.w3\.org/2003/01/geo/wgs84_pos#(lat|long)> ")([0-9.]+)"')
_POINT = re.compile(rb"POINT\(([0-9.]+) ([0-9.]+)\)")


def run(scales: list[float], reuse: bool = False, server_only: bool = False) -> str:
    """``reuse`` keeps stores a previous run wrote completely and times only the reading (its log has the writes).

    ``server_only`` measures the server alone, each question at the smallest scale of the run being the baseline
    of the larger ones: how the server grows with the data, in half the time (the embedded store is not written).
    """
    rows: list[Row] = []
    folder = WORK / "server"
    if not reuse:
        shutil.rmtree(folder, ignore_errors=True)
    if 1 in scales and not server_only and not (reuse and (folder / "pipeline").exists()):
        shutil.rmtree(folder / "pipeline", ignore_errors=True)
        rows.extend(_pipeline(folder / "pipeline"))
    for scale in scales:
        rows.extend(_scale(scale, folder / f"scale-{scale:g}", reuse, server_only))
        if server_only:
            print(growth_table(rows, scales), flush=True)
        else:
            print(table(f"(so far, up to scale {scale:g})", rows, baseline=BASELINE), flush=True)
    if server_only:
        return growth_table(rows, scales)
    return table("Embedded store and Oxigraph server", rows, baseline=BASELINE)


def growth_table(rows: list[Row], scales: list[float]) -> str:
    """The server's time per question at each scale, as a multiple of its time at the run's smallest scale."""
    times: dict[str, dict[float, float | None]] = {}
    for row in rows:
        name, _, at = row.group.partition(" @ scale ")
        times.setdefault(name, {})[float(at.split(" ")[0])] = row.seconds
    smallest = min(scales)
    header = " | ".join(f"scale {scale:g}" for scale in scales)
    lines = [
        f"### {SERVER}: growth with the data",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine()}. Each time is also given as a multiple "
        f"of the same question's time at scale {smallest:g} in this run (the baseline); > cap: past {LIMIT_S} s.",
        "",
        f"| question | {header} |",
        "| --- |" + " ---: |" * len(scales),
    ]
    for name, per_scale in times.items():
        base = per_scale.get(smallest)
        cells = []
        for scale in scales:
            if scale not in per_scale:
                cells.append("–")
                continue
            seconds = per_scale[scale]
            if seconds is None:
                cells.append("> cap")
            elif scale == smallest or not base:
                cells.append(f"{seconds:.3f} s")
            else:
                cells.append(f"{seconds:.3f} s ({seconds / base:.1f}×)")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _pipeline(folder: Path) -> list[Row]:
    """The whole validated import (read, check rows, SHACL, write) of demo scale 1 into each store."""
    rows = []
    with start("oxigraph", folder / "oxigraph") as server:
        for case, location in ((BASELINE, str(folder / "embedded")), (SERVER, server.query_url)):
            atlas = Atlas.open(Settings(store=location, reference=DEFAULT_REFERENCE))
            prepare(atlas)
            started = time.perf_counter()
            report = import_path(atlas, demo_folder(1), agent="bench")
            assert report.ok, report.problems[:3]
            rows.append(Row("import pipeline @ scale 1", case, time.perf_counter() - started, "incl. SHACL"))
    return rows


class _Rows(list[Row]):
    """Rows printed as they are measured, each with its process's peak memory so far (``peaks``, per case)."""

    peaks: dict[str, Callable[[], float | None]]

    def append(self, row: Row) -> None:
        if row.peak_mb is None and row.case in getattr(self, "peaks", {}):
            row.peak_mb = self.peaks[row.case]()
        super().append(row)
        seconds = "> cap" if row.seconds is None else f"{row.seconds:.4f}"
        peak = "" if row.peak_mb is None else f" | {row.peak_mb:,.0f} MB"
        print(f"measured: {row.group} | {row.case} | {seconds}{peak} | {row.note}", flush=True)

    def extend(self, rows: Iterable[Row]) -> None:
        for row in rows:
            self.append(row)


def _timed(action: Callable[[], T], repeat: int, once_past_s: float | None = None) -> tuple[T | None, float | None]:
    """The answer of the first run and the median time of ``repeat`` runs; (None, None) past the time limit.

    A run that took longer than ``once_past_s`` is not repeated: at scale 100 the listings take about a minute each.
    """
    times = []
    answer: T | None = None
    for attempt in range(repeat):
        started = time.perf_counter()
        try:
            result = action()
        except StoreError:
            return None, None
        times.append(time.perf_counter() - started)
        if attempt == 0:
            answer = result
        if once_past_s is not None and times[-1] > once_past_s:
            break
    return answer, statistics.median(times)


def _scale(scale: float, folder: Path, reuse: bool, server_only: bool = False) -> list[Row]:
    rows = _Rows()
    written = folder / "written"
    if not (reuse and written.exists()):
        shutil.rmtree(folder, ignore_errors=True)
    limit_s = 3600 if scale <= 10 else LIMIT_S
    with start("oxigraph", folder / "oxigraph", timeout_s=limit_s) as server:
        access = ServerAccess(timeout_s=limit_s + 30)
        atlases = {SERVER: Atlas.open(Settings(store=server.query_url, reference=None, server=access))}
        if not server_only:
            atlases[BASELINE] = Atlas.open(Settings(store=str(folder / "embedded"), reference=None))
        stores: dict[str, AtlasStore] = {case: atlas.store for case, atlas in atlases.items()}
        rows.peaks = {BASELINE: peak_mb, SERVER: partial(process_peak_mb, server.process.pid)}
        fresh = not written.exists()
        if fresh:
            # Writing is not a question: a change of scale-10 size takes about 80 s on the server, past the cap.
            writer = Atlas.open(Settings(store=server.query_url, reference=None, server=ServerAccess(timeout_s=3600)))
            rows.extend(_write(scale, {**stores, SERVER: writer.store}))
            written.touch()
        for case, store in stores.items():
            started = time.perf_counter()
            store.count()
            first_read = "first read after writing" if fresh else "first read after opening"
            rows.append(Row(f"{first_read} @ scale {scale:g}", case, time.perf_counter() - started))
        catalogue = QueryCatalogue(REPO_ROOT / "queries")
        # The server alone is asked as often at every scale, so that its growth compares like with like (once at
        # scale 100 against the median of three at scale 10 compared a cold first asking with warm ones). Beside
        # the embedded store, scale 100 is asked once: its listings take up to a minute each there.
        repeat = 3 if scale <= 10 or server_only else 1
        once_past_s = 20.0 if scale > 10 else None
        for query in catalogue.public():
            answers = {}
            for case, store in stores.items():
                answers[case], seconds = _timed(partial(catalogue.run, store, query.name), repeat, once_past_s)
                shown = answers.get(BASELINE) if answers.get(BASELINE) is not None else answers[case]
                note = "" if shown is None else f"{len(shown):,} rows"
                rows.append(Row(f"{query.name} @ scale {scale:g}", case, seconds, note))
            embedded, served = answers.get(BASELINE), answers[SERVER]
            if embedded is not None and served is not None:
                assert embedded.shape == served.shape, (query.name, embedded.shape, served.shape)
        for case, atlas in atlases.items():
            _, reading = _timed(partial(load_input, atlas, COMMAND_LINE), repeat, once_past_s)
            rows.append(Row(f"suggestion input @ scale {scale:g}", case, reading))
        if server_only:
            return rows
        # suggest() itself runs on the same in-memory tables whichever store they came from: timed once
        data = load_input(atlases[BASELINE], COMMAND_LINE)
        started = time.perf_counter()
        found = suggest(data, RADIUS_KM)
        rows.append(
            Row(
                f"suggest() {RADIUS_KM:g} km @ scale {scale:g}",
                BASELINE,
                time.perf_counter() - started,
                f"{len(found):,} found",
            )
        )
    return rows


def _write(scale: float, stores: dict[str, AtlasStore]) -> list[Row]:
    writing = dict.fromkeys(stores, 0.0)
    quads = 0
    for change in _changes(scale):  # one at a time: scale 100 does not fit in memory as one list
        quads += len(change.add)
        for case, store in stores.items():
            started = time.perf_counter()
            store.apply(change)
            writing[case] += time.perf_counter() - started
    return [Row(f"write @ scale {scale:g} ({quads:,} quads)", case, seconds) for case, seconds in writing.items()]


def _changes(scale: float) -> Iterator[Change]:
    """The demo data at this scale as changes: one per copy of the scale-10 data at scale 100."""
    base = 10 if scale > 10 else scale
    nquads = WORK / f"queries-{base:g}.nq"
    if not nquads.exists():
        nquads.write_bytes(demo_atlas(base).store.dump())
    copies = max(1, round(scale / base))
    data = nquads.read_bytes()
    for copy in range(copies):
        yield _change(data if copy == 0 else _copy(data, copy), skip_shared=copy > 0)


def _change(nquads: bytes, skip_shared: bool) -> Change:
    change = Change()
    for quad in ox.parse(nquads, ox.RdfFormat.N_QUADS):
        graph = quad.graph_name.value
        if skip_shared and graph != str(RECORDS_GRAPH):
            continue  # vocabulary and reference data are there once
        change.add.append((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object), URIRef(graph)))
    return change


def _copy(nquads: bytes, copy: int) -> bytes:
    """Another organisation landscape: new IRIs and identifiers, every site about a kilometre away."""
    suffix = b"-x%d" % copy
    dlat, dlon = ((copy % 3) - 1) * 0.009, ((copy // 3 % 3) - 1) * 0.014 + 0.007
    text = _RENAMED.sub(lambda m: m.group(1) + suffix, nquads)
    text = _IDENTIFIER.sub(lambda m: m.group(1) + suffix + b'"', text)
    text = _COORDINATE.sub(
        lambda m: m.group(1) + b"%.5f" % (float(m.group(3)) + (dlat if m.group(2) == b"lat" else dlon)) + b'"', text
    )
    return _POINT.sub(lambda m: b"POINT(%.5f %.5f)" % (float(m.group(1)) + dlon, float(m.group(2)) + dlat), text)
