"""Shared helpers: demo data per scale, timing, and a table with ratios against a named baseline."""

from __future__ import annotations

import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from graph.atlas import Atlas
from graph.demo import write_demo
from graph.settings import DEFAULT_REFERENCE, REPO_ROOT, Settings

WORK = REPO_ROOT / "var" / "bench"


def demo_folder(scale: float, seed: int = 2026) -> Path:
    folder = WORK / f"demo-{scale:g}"
    if not (folder / "collaborations.csv").exists():
        write_demo(folder, scale, seed, DEFAULT_REFERENCE)
    return folder


def demo_atlas(scale: float) -> Atlas:
    """The shared store with demo data at this scale, built on first use and reused by every benchmark."""
    atlas = Atlas.open(Settings(store=str(WORK / f"store-queries-{scale:g}"), reference=DEFAULT_REFERENCE))
    atlas.initialise(seed=demo_folder(scale))
    return atlas


def best_of(action: Callable[[], object], repeat: int = 3) -> float:
    """The median wall time of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


@dataclass
class Row:
    group: str
    case: str
    seconds: float | None
    note: str = ""


def machine() -> str:
    import os

    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def table(title: str, rows: list[Row], baseline: str) -> str:
    """Markdown table; each row's ratio is the baseline's time divided by its own within the same group."""
    lines = [
        f"### {title}",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine()}. Ratio = time of `{baseline}` / time.",
        "",
        "| group | case | seconds | ratio | note |",
        "| --- | --- | ---: | ---: | --- |",
    ]
    base = {row.group: row.seconds for row in rows if row.case == baseline}
    for row in rows:
        reference = base.get(row.group)
        ratio = f"{reference / row.seconds:.1f}×" if reference and row.seconds else "–"
        seconds = f"{row.seconds:.4f}" if row.seconds is not None else "> cap"
        lines.append(f"| {row.group} | {row.case} | {seconds} | {ratio} | {row.note} |")
    return "\n".join(lines) + "\n"
