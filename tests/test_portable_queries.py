"""Every query file runs as it is on a plain SPARQL engine: the ``oxigraph`` command line over an N-Triples
export, with no project code in between (no prefixes added, nothing bound, the export as the default graph)."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from graph.intake.exporter import export
from graph.intake.importer import import_path
from graph.settings import REPO_ROOT
from graph.store.atlas import Atlas
from graph.store.catalogue import QueryCatalogue, parameter_problems

LIBRARY = QueryCatalogue(REPO_ROOT / "queries")
OXIGRAPH = Path(sys.executable).with_name("oxigraph")
# Files that read named graphs (GRAPH ?graph): an export has none, so only their running is checked.
READS_NAMED_GRAPHS = {"internal/person-contacts"}


@pytest.fixture(scope="module")
def exported_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, tuple[list[str], int]]]:
    """An Oxigraph folder loaded by the command line from the tiny data's N-Triples export, and the columns
    and number of rows each query file gives inside the atlas."""
    from graph.intake.importer import ensure_vocabulary
    from graph.intake.reference import load_reference
    from graph.settings import Settings

    from .conftest import TINY, reference_dir

    folder = tmp_path_factory.mktemp("portable")
    atlas = Atlas.open(Settings(store=str(folder / "atlas"), reference=reference_dir()))
    ensure_vocabulary(atlas.store, atlas.settings.data_dir)
    load_reference(atlas.store, reference_dir())
    assert import_path(atlas, TINY, agent="test").ok
    export(atlas, "nt", folder / "atlas.nt")
    subprocess.run(
        [str(OXIGRAPH), "load", "--location", str(folder / "plain"), "--file", str(folder / "atlas.nt")],
        check=True,
        capture_output=True,
        timeout=300,
    )
    expected = {}
    for name in LIBRARY.names(include_internal=True):
        answer = LIBRARY.run(atlas.store, name)
        expected[name] = ([str(column) for column in answer.columns], len(answer))
    return folder / "plain", expected


@pytest.mark.parametrize("name", LIBRARY.names(include_internal=True))
def test_every_query_file_runs_unchanged_on_a_plain_engine_over_an_export(
    name: str, exported_store: tuple[Path, dict[str, tuple[list[str], int]]]
) -> None:
    location, expected = exported_store
    path = LIBRARY.get(name).path
    result = subprocess.run(
        [str(OXIGRAPH), "query", "--location", str(location), "--query-file", str(path), "--results-format", "csv"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    header, *rows = list(csv.reader(io.StringIO(result.stdout)))
    columns, count = expected[name]
    assert header == columns
    if name not in READS_NAMED_GRAPHS:
        # the same answer as inside the atlas, where the union of the public graphs is the default graph
        assert len(rows) == count


def test_the_runner_adds_no_prefixes_to_a_query_file(tmp_path: Path, empty_atlas: Atlas) -> None:
    """A file that leaves out a PREFIX fails inside the atlas too, so a file that runs here runs elsewhere."""
    folder = tmp_path / "queries"
    folder.mkdir()
    (folder / "bare.rq").write_text(
        "# title-nl: Locaties\n# title-en: Sites\n# description-nl: Alle locaties.\n# description-en: All sites.\n"
        "# default-graph: de openbare grafen samen / the union of the public graphs\n"
        "SELECT ?site WHERE { ?site a org:Site }\n",
        encoding="utf-8",
    )
    bare = QueryCatalogue(folder)
    with pytest.raises(SyntaxError, match="Prefix not found"):
        bare.run(empty_atlas.store, "bare")
    assert "Prefix not found" in " ".join(parameter_problems(bare.get("bare")))
