"""How soon another process's public reads see a write, per design, on demo data.

- ``full copy``: the earlier design and the baseline. The reader copies every public graph into memory anew,
  then answers.
- ``journal``: the design kept. The reader applies the write's public part from the journal beside the store
  to the copy it has, then answers.
- ``public store on disk``: public and private data as two on-disk Oxigraph stores. The reader opens the
  public one anew (read-only) and answers from disk; it has no copy, so every later question is answered from
  disk as well (the ``no write`` rows).

The write is a small import (the hand-made tiny data: 9 organisations, their sites and collaborations). The
question is ``stats``. Two store objects on one folder stand for two processes: the journal, the generation
token and the lock are files, so they meet exactly as processes do.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time

import pyoxigraph as ox

from graph.intake.importer import import_path
from graph.settings import REPO_ROOT
from graph.store.embedded import EmbeddedStore

from .common import WORK, Row, best_of, demo_atlas, table

BASELINE = "full copy (earlier design)"
TINY = REPO_ROOT / "tests" / "data" / "tiny"
WRITES = 3


def run(scales: list[float]) -> str:
    rows: list[Row] = []
    for scale in scales:
        rows.extend(_scale(scale))
    return table("A write seen by another process", rows, baseline=BASELINE)


def _scale(scale: float) -> list[Row]:
    atlas = demo_atlas(scale)
    store = atlas.store
    assert isinstance(store, EmbeddedStore)
    stats = atlas.questions.get("stats").text
    group = f"write, then `stats` @ scale {scale:g}"
    steady = f"`stats`, no write @ scale {scale:g}"
    rows = [Row(group, BASELINE, best_of(lambda: EmbeddedStore(store.path).select(stats), repeat=2))]

    reader = EmbeddedStore(store.path)
    reader.select(stats)
    seen = []
    for _ in range(WRITES):
        assert import_path(atlas, TINY, agent="bench").written
        started = time.perf_counter()
        reader.select(stats)
        seen.append(time.perf_counter() - started)
    rows.append(Row(group, "journal", sorted(seen)[len(seen) // 2]))
    rows.append(Row(steady, "journal (in-memory copy)", best_of(lambda: reader.select(stats))))

    public_folder = WORK / f"public-only-{scale:g}"
    shutil.rmtree(public_folder, ignore_errors=True)
    public = ox.Store(str(public_folder))
    public.bulk_load(reader.dump(), format=ox.RdfFormat.N_QUADS)
    public.flush()
    del public
    rows.append(Row(group, "public store on disk", best_of(lambda: _on_disk(public_folder, stats, reopen=True))))
    opened = ox.Store.read_only(str(public_folder))
    rows.append(Row(steady, "public store on disk", best_of(lambda: _query(opened, stats))))
    rows.extend(_cold_cli(scale, store.location))
    return rows


def _on_disk(folder: object, text: str, reopen: bool) -> None:
    store = ox.Store.read_only(str(folder))
    _query(store, text)


def _query(store: ox.Store, text: str) -> list[object]:
    """Every row of the answer (a SELECT: the benchmark's question is ``stats``)."""
    return list(store.query(text, use_default_graph_as_union=True))  # type: ignore[arg-type]


def _cold_cli(scale: float, location: str) -> list[Row]:
    """A new process: ``python -m graph stats``, against the same process that only imports the program."""
    group = f"cold process @ scale {scale:g}"

    def command(*args: str) -> None:
        subprocess.run([sys.executable, *args], cwd=REPO_ROOT, check=True, capture_output=True)

    return [
        Row(group, "imports only", best_of(lambda: command("-c", "import graph.cli.main"))),
        Row(group, "python -m graph stats", best_of(lambda: command("-m", "graph", "--store", location, "stats"))),
    ]
