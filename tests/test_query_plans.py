"""Every named question joins the records as whole lists, never with a lookup per record.

On a server's on-disk store a lookup per row grows dearer as the store grows: questions that looked up each site
or collaboration in turn took 22–27 times as long at demo scale 100 as at scale 10 (README, *Scale 100 on the
server alone*). Oxigraph says how it evaluates a question (``oxigraph query --explain --stats``): a lookup per row
is a ``Lateral``, a ``ForLoopJoin`` or a ``ForLoopLeftJoin``. Here each of them may run for at most as many rows as
there are municipalities and provinces, the small table that a question may look up row by row; the demo data
holds several times as many sites and collaborations, so a question that looks up each of those fails.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from devtools.demo import write_demo
from graph.intake.importer import import_path
from graph.settings import REPO_ROOT, Settings
from graph.store.atlas import Atlas
from graph.store.catalogue import QueryCatalogue

from .conftest import _copy_store, reference_dir

# The questions read whole at every write, besides the named ones: the input of the suggestions.
WHOLE_COUNTRY_INPUTS = ("internal/suggestion-sites", "internal/collaboration-pairs")
LOOKUP_PER_ROW = ("Lateral", "ForLoopJoin", "ForLoopLeftJoin")
NODE = re.compile(r'^\s*name: "(?P<name>(?:[^"\\]|\\.)*)",$')
RESULTS = re.compile(r"^\s*number of results: (?P<rows>\d+),$")


def _oxigraph() -> str:
    program = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if program is None:
        pytest.skip("the Oxigraph command is not installed: pip install oxigraph")
    return program


@pytest.fixture(scope="module")
def demo_on_disk(tmp_path_factory: pytest.TempPathFactory, _reference_store: Path) -> tuple[Path, int]:
    """An Oxigraph folder with the reference data and demo data, and the number of its municipalities and provinces."""
    folder = tmp_path_factory.mktemp("plans")
    _copy_store(_reference_store, folder / "store")
    atlas = Atlas.open(Settings(store=str(folder / "store"), reference=reference_dir()))
    write_demo(folder / "demo", scale=0.3, seed=7, reference=reference_dir())
    report = import_path(atlas, folder / "demo")
    assert report.ok, [problem.render() for problem in report.problems[:5]]
    stats = atlas.answer("stats")
    counts = dict(zip(stats.measure, stats.value, strict=True))
    areas = len(atlas.answer("areas"))
    assert counts["sites"] > 3 * areas and counts.get("collaborations_active", 0) > areas, counts
    (folder / "atlas.nq").write_bytes(atlas.store.dump())
    subprocess.run(
        [_oxigraph(), "load", "--location", str(folder / "on-disk"), "--file", str(folder / "atlas.nq")],
        check=True,
        capture_output=True,
    )
    return folder / "on-disk", areas


def lookups_per_row(location: Path, query_file: Path) -> list[tuple[str, int]]:
    """Each lookup per row in Oxigraph's evaluation of the query, with the number of rows it gave."""
    explained = subprocess.run(
        [_oxigraph(), "query", "--location", str(location), "--query-file", str(query_file)]
        + ["--union-default-graph", "--results-format", "csv", "--results-file", str(location.with_name("answer.csv"))]
        + ["--explain", "--stats"],
        check=True,
        capture_output=True,
        text=True,
    ).stderr
    found, name = [], None
    for line in explained.splitlines():
        if node := NODE.match(line):
            name = node.group("name")
        elif (results := RESULTS.match(line)) and name is not None:
            if name.startswith(LOOKUP_PER_ROW):
                found.append((name, int(results.group("rows"))))
            name = None
    return found


def _questions() -> list[str]:
    return [query.name for query in QueryCatalogue(REPO_ROOT / "queries").public()] + list(WHOLE_COUNTRY_INPUTS)


@pytest.mark.parametrize("name", _questions())
def test_no_question_looks_up_the_records_one_by_one(demo_on_disk: tuple[Path, int], name: str) -> None:
    location, areas = demo_on_disk
    lookups = lookups_per_row(location, REPO_ROOT / "queries" / f"{name}.rq")
    assert [(node, rows) for node, rows in lookups if rows > areas] == []


def test_the_check_finds_a_lookup_per_record(demo_on_disk: tuple[Path, int], tmp_path: Path) -> None:
    """The way every question was written before: the status looked up for each collaboration found."""
    location, areas = demo_on_disk
    query = tmp_path / "per-row.rq"
    query.write_text(
        "PREFIX org: <http://www.w3.org/ns/org#>\nPREFIX adms: <http://www.w3.org/ns/adms#>\n"
        "SELECT (COUNT(*) AS ?n) WHERE { ?c a org:OrganizationalCollaboration ; adms:status ?status }\n",
        encoding="utf-8",
    )
    assert any(rows > areas for _, rows in lookups_per_row(location, query))
