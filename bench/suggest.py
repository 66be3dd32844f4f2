"""Suggestions for the whole country: the blocked array search next to brute force, in the same run.

Every measurement runs in a process of its own (:mod:`bench.suggest_probe`), so its peak memory column is
its own: reading the demo tables plus the work. The data is the demo generator's (scale 100 takes about
2.5 minutes to generate, once), read straight from its CSV files: see ``demo_suggestion_input``. Brute force
and the search must give the same answer (compared by digest); above scale 10 brute force is not run
(4·10¹⁰ site pairs at scale 100), and scale 100 is measured at 5 km only, once per case. The last group
times the command line from a cold process on the demo store of scale 1: through a public copy made from the
folder (the baseline), through the copy saved beside the store, and as each command reads by default (for
``suggest``: its whole-country answers saved in the store's folder by the run before).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from graph.settings import REPO_ROOT
from graph.store.public_snapshot import snapshot_path
from graph.store.saved_answers import drop_saved_answers

from .common import Row, demo_atlas, demo_suggestion_input, table

BASELINE = "brute force (all site pairs)"
RADII = (5.0, 15.0, 30.0)
BRUTE_FORCE_UP_TO_SCALE = 10.0
# From this scale on, only the first radius is measured, once per case (the aim there is memory).
NATIONAL_SCALE = 100.0
CLI_RADIUS_KM = 50.0
CLI_REPEAT = 5
COLD_BASELINE = "through a public copy made from the folder (the app's way; every command's before)"
COLD_SAVED = "through a public copy from the saved copy beside the store"


def run(scales: list[float]) -> str:
    rows: list[Row] = []
    for scale in scales:
        rows.extend(_scale(scale))
    tables = table("Suggestions", rows, baseline=BASELINE)
    if 1.0 in scales:
        tables += "\n" + table("Cold command line", _cold_cli(), baseline=COLD_BASELINE)
    return tables


def _probe(scale: float, radius: float, case: str, repeat: int) -> dict[str, float | str]:
    command = [sys.executable, "-m", "bench.suggest_probe", f"{scale:g}", f"{radius:g}", case, str(repeat)]
    done = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, check=True)
    result: dict[str, float | str] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _scale(scale: float) -> list[Row]:
    sites = demo_suggestion_input(scale).sites  # generates the demo tables on first use
    libraries, care = int((sites.kind == "library").sum()), int((sites.kind == "care").sum())
    rows = []
    national = scale >= NATIONAL_SCALE
    repeat = 1 if national else 3
    for radius in RADII[:1] if national else RADII:
        group = f"scale {scale:g} ({libraries:,} × {care:,} sites), {radius:g} km"
        blocks = _probe(scale, radius, "blocks", repeat)
        if scale <= BRUTE_FORCE_UP_TO_SCALE:
            brute = _probe(scale, radius, "brute", 1)
            assert brute["digest"] == blocks["digest"], f"{group}: search and brute force disagree"
            rows.append(Row(group, BASELINE, float(brute["seconds"]), f"{int(brute['rows']):,} pairs", _mb(brute)))
        note = f"{int(blocks['rows']):,} pairs" + (", same as brute force" if scale <= BRUTE_FORCE_UP_TO_SCALE else "")
        rows.append(Row(group, "blocked search (closest_pairs)", float(blocks["seconds"]), note, _mb(blocks)))
        top = _probe(scale, radius, "top", repeat)
        note = f"of {int(blocks['rows']):,} pairs; " + _input_note(top)
        rows.append(Row(group, "suggest(limit=100): best rows, scored in parts", float(top["seconds"]), note, _mb(top)))
        if national:  # millions of rows, each with its reasons: more than a table anyone reads
            rows.append(
                Row(
                    group,
                    "suggest(), every row with its reasons",
                    None,
                    "not measured: millions of rows, past 3.9 GB when tried",
                )
            )
            continue
        every = _probe(scale, radius, "all", repeat)
        note = f"{int(every['rows']):,} rows; " + _input_note(every)
        rows.append(Row(group, "suggest(), every row with its reasons", float(every["seconds"]), note, _mb(every)))
    return rows


def _mb(result: dict[str, float | str]) -> float:
    return float(result["peak_mb"])


def _input_note(result: dict[str, float | str]) -> str:
    return f"{float(result['input_mb']):,.0f} MB after reading the data"


# The command reports its own peak: the kernel's peak for a child (wait4's ru_maxrss) starts from the memory of
# the process that started it, which here is the benchmark itself with a whole store loaded.
_PEAK_REPORTED = (
    "import atexit, re, runpy, sys\n"
    "def peak():\n"
    "    status = open('/proc/self/status').read()\n"
    "    print('peak-kb', re.search(r'VmHWM:\\s+(\\d+)', status).group(1), file=sys.stderr)\n"
    "atexit.register(peak)\n"
    "sys.argv = ['graph', *sys.argv[1:]]\n"
    "runpy.run_module('graph', run_name='__main__')\n"
)


def _cold(
    arguments: list[str],
    store: str,
    public_reads: str | None = None,
    *,
    without_saved_copy: bool,
    without_answers: bool,
) -> tuple[float, float]:
    """Median wall time and the largest peak memory of ``CLI_REPEAT`` cold runs of the command line;
    ``without_saved_copy`` removes the saved public copy before each run (what every process did before it), and
    ``without_answers`` the whole-country answers saved in the store's folder (what every process did before
    them; no writer is at work meanwhile)."""
    environment = dict(os.environ, PASSENDWERK_STORE=store)
    environment.pop("PASSENDWERK_PUBLIC_READS", None)
    if public_reads:
        environment["PASSENDWERK_PUBLIC_READS"] = public_reads
    times, peaks = [], []
    for _ in range(CLI_REPEAT):
        if without_saved_copy:
            snapshot_path(Path(store)).unlink(missing_ok=True)
        if without_answers:
            drop_saved_answers(Path(store))
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", _PEAK_REPORTED, *arguments],
            cwd=REPO_ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        times.append(time.perf_counter() - started)
        assert done.returncode == 0, f"{arguments} failed: {done.stderr}"
        peaks.append(int(done.stderr.rsplit("peak-kb", 1)[1].split()[0]) / 1024)
    return statistics.median(times), max(peaks)


def _cold_cli() -> list[Row]:
    """The commands as they read by default, against the same commands reading through an in-memory public copy
    (as the app does, and as every command did before: the baseline)."""
    store = str(demo_atlas(1.0).store.location)
    suggest = ["suggest", "--radius-km", f"{CLI_RADIUS_KM:g}", "--format", "csv"]
    rows = []
    for name, arguments in (("stats", ["stats"]), (f"suggest --radius-km {CLI_RADIUS_KM:g}", suggest)):
        group = f"`{name}`, demo scale 1, median of {CLI_REPEAT}"
        cases = (
            ("copy", True, True, COLD_BASELINE),
            ("copy", False, True, COLD_SAVED),
            (None, False, False, "as it reads by default"),
        )
        for reads, without_saved_copy, without_answers, case in cases:
            seconds, peak = _cold(
                arguments, store, reads, without_saved_copy=without_saved_copy, without_answers=without_answers
            )
            rows.append(Row(group, case, seconds, "largest peak of the runs", peak))
    return rows
