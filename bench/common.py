"""Shared helpers: demo data per scale, timing, and a table with ratios against a named baseline."""

from __future__ import annotations

import csv
import os
import platform
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from devtools.demo import write_demo
from graph.analysis.suggest import SuggestionInput
from graph.intake.setup import initialise
from graph.settings import DEFAULT_REFERENCE, REPO_ROOT, Settings
from graph.store.atlas import Atlas

# Demo data and stores are built once and reused; PASSENDWERK_BENCH_WORK puts them elsewhere (a larger disk).
WORK = Path(os.environ.get("PASSENDWERK_BENCH_WORK", REPO_ROOT / "var" / "bench"))


def demo_folder(scale: float, seed: int = 2026) -> Path:
    folder = WORK / f"demo-{scale:g}"
    if not (folder / "collaborations.csv").exists():
        write_demo(folder, scale, seed, DEFAULT_REFERENCE)
    return folder


def demo_atlas(scale: float) -> Atlas:
    """The shared store with demo data at this scale, built on first use and reused by every benchmark."""
    atlas = Atlas.open(Settings(store=str(WORK / f"store-queries-{scale:g}"), reference=DEFAULT_REFERENCE))
    initialise(atlas, seed=demo_folder(scale))
    return atlas


# Broader activities of the vocabulary (data/vocabulary), as the store's skos:broader* would add them.
BROADER = {code: "werk" for code in ("boeken-terugzetten", "retouren-sorteren", "boeken-repareren", "balie")}
BROADER |= {code: "werk" for code in ("koffiecorner", "activiteiten-voorbereiden", "dagbesteding")}
BROADER |= {code: "ontmoeting" for code in ("voorlezen", "activiteiten-meedoen", "inloop")}


def demo_suggestion_input(scale: float) -> SuggestionInput:
    """What ``load_input`` reads from a store, read straight from the demo tables.

    Importing demo scale 100 into a store takes hours; the ranking needs only the sites, the collaborating
    pairs and the municipalities with an active collaboration, so the benchmark reads those from the CSV files
    (municipality names and provinces from the reference data). No follow-up states, activity codes as labels.
    """
    folder = demo_folder(scale)
    with open(DEFAULT_REFERENCE / "gemeenten_2025.csv", encoding="utf-8-sig", newline="") as handle:
        places = {row["gemeentecode"]: (row["gemeentenaam"], row["provinciecode"]) for row in csv.DictReader(handle)}
    # Only the columns the ranking reads: descriptions and contacts would only take memory.
    organisations = pd.read_csv(
        folder / "organisations.csv", dtype=str, keep_default_na=False, usecols=["id", "name", "kind"]
    )
    site_columns = ["id", "organisation_id", "lat", "lon", "municipality_code"]
    sites = pd.read_csv(folder / "sites.csv", dtype=str, keep_default_na=False, usecols=site_columns)
    sites = sites.merge(
        organisations.rename(columns={"id": "organisation_id", "name": "organisation"})[
            ["organisation_id", "organisation", "kind"]
        ],
        on="organisation_id",
    )
    frame = pd.DataFrame(
        {
            "site_id": sites.id,
            "organisation_id": sites.organisation_id,
            "organisation": sites.organisation,
            "kind": sites.kind,
            "lat": sites.lat.astype(float),
            "lon": sites.lon.astype(float),
            "municipality_code": sites.municipality_code,
            "municipality": [places.get(code, (code, ""))[0] for code in sites.municipality_code],
            "province_code": [places.get(code, ("", ""))[1] for code in sites.municipality_code],
        }
    ).sort_values("site_id", ignore_index=True)
    collaborations = pd.read_csv(
        folder / "collaborations.csv",
        dtype=str,
        keep_default_na=False,
        usecols=["library_site_id", "care_site_id", "activities", "status"],
    )
    organisation_of = dict(zip(sites.id, sites.organisation_id, strict=True))
    place_of = dict(zip(sites.id, sites.municipality_code, strict=True))
    grouped: dict[tuple[str, str], set[str]] = {}
    active_places: set[str] = set()
    for row in collaborations.itertuples():
        codes = {code for code in str(row.activities).split(";") if code}
        codes |= {BROADER[code] for code in codes if code in BROADER}
        key = (organisation_of[str(row.library_site_id)], organisation_of[str(row.care_site_id)])
        grouped.setdefault(key, set()).update(codes)
        if row.status == "active" and place_of[str(row.library_site_id)]:
            active_places.add(place_of[str(row.library_site_id)])
    pairs = pd.DataFrame(
        [(lib, care, ";".join(sorted(codes))) for (lib, care), codes in sorted(grouped.items())],
        columns=["library_org_id", "care_org_id", "activities"],
    )
    return SuggestionInput(frame, pairs, active_places)


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
    peak_mb: float | None = None  # peak resident memory of the process that measured it


def peak_mb() -> float:
    """This process's peak resident memory so far, in MB (Linux reports KB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def process_peak_mb(pid: int) -> float | None:
    """Another process's peak resident memory so far, in MB (a server's), or None where Linux does not say."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return None
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) / 1024 if found else None


def machine() -> str:
    import os

    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def table(title: str, rows: list[Row], baseline: str) -> str:
    """Markdown table; each row's ratio is the baseline's time divided by its own within the same group."""
    memory = any(row.peak_mb is not None for row in rows)
    lines = [
        f"### {title}",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine()}. Ratio = time of `{baseline}` / time.",
        "",
        "| group | case | seconds | ratio |" + (" peak MB |" if memory else "") + " note |",
        "| --- | --- | ---: | ---: |" + (" ---: |" if memory else "") + " --- |",
    ]
    base = {row.group: row.seconds for row in rows if row.case == baseline}
    for row in rows:
        reference = base.get(row.group)
        ratio = f"{reference / row.seconds:.1f}×" if reference and row.seconds else "–"
        seconds = f"{row.seconds:.4f}" if row.seconds is not None else "> cap"
        peak = (f" {row.peak_mb:,.0f} |" if row.peak_mb is not None else " – |") if memory else ""
        lines.append(f"| {row.group} | {row.case} | {seconds} | {ratio} |{peak} {row.note} |")
    return "\n".join(lines) + "\n"
