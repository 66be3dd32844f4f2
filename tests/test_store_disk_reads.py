"""Public reads straight from the store's folder, as a one-off command makes them: the same answers as the
in-memory copy that the app keeps, the same privacy, and a cold `stats` that loads neither pandas nor shapely."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from graph.model.vocab import SDO, private_graph, public_graph
from graph.settings import REPO_ROOT, PublicReads, settings_from_environment
from graph.store.atlas import Atlas
from graph.store.embedded import EmbeddedStore
from graph.store.interface import Change

from .conftest import EVERYTHING, run_cli
from .test_store_scale import assert_same_answers, public_answers

THING = URIRef("https://w3id.org/passendwerk/id/test/thing")
SECRET = "geheim-0612345678"


def reading_from_disk(atlas: Atlas) -> Atlas:
    settings = atlas.settings.with_(public_reads=PublicReads.DISK)
    return Atlas(settings, EmbeddedStore(Path(atlas.store.location), PublicReads.DISK), atlas.questions)


def test_reads_from_disk_give_the_same_answers_as_the_copy(seed_atlas: Atlas) -> None:
    from_disk = reading_from_disk(seed_atlas)
    assert_same_answers(public_answers(from_disk), public_answers(seed_atlas))
    for name in ("internal/suggestion-sites", "internal/collaboration-pairs", "internal/area-boundaries"):
        assert len(from_disk.answer(name)) == len(seed_atlas.answer(name)) > 0, name
    assert from_disk.store.count() == seed_atlas.store.count()
    assert from_disk.store.named_graphs() == seed_atlas.store.named_graphs()
    assert sorted(from_disk.store.dump().splitlines()) == sorted(seed_atlas.store.dump().splitlines())


def test_private_graphs_never_reach_a_read_from_disk(empty_atlas: Atlas) -> None:
    change = Change()
    change.add.append((THING, SDO.name, Literal("openbaar"), public_graph("test")))
    change.add.append((THING, SDO.description, Literal(SECRET), private_graph("test")))
    empty_atlas.store.apply(change)
    store = reading_from_disk(empty_atlas).store
    secret_graph = private_graph("test")

    for query in (
        "SELECT ?o WHERE { ?s ?p ?o }",
        "SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
        # a query that names the private graph itself, in its dataset or in GRAPH, still reads only public ones
        f"SELECT ?o FROM <{secret_graph}> WHERE {{ ?s ?p ?o }}",  # noqa: S608 (our own test IRI)
        f"SELECT ?o FROM NAMED <{secret_graph}> WHERE {{ GRAPH <{secret_graph}> {{ ?s ?p ?o }} }}",  # noqa: S608
        f"SELECT ?o WHERE {{ GRAPH <{secret_graph}> {{ ?s ?p ?o }} }}",
    ):
        assert SECRET not in set(store.select(query)["o"]), query
    assert not store.ask(f"ASK {{ GRAPH <{secret_graph}> {{ ?s ?p ?o }} }}")
    assert SECRET not in store.construct("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }").serialize()
    assert store.quads(graph=secret_graph) == []
    assert [str(q[2]) for q in store.quads(subject=THING)] == ["openbaar"]
    assert store.named_graphs() == [str(public_graph("test"))]
    assert store.count() == 1
    assert SECRET.encode() not in store.dump()
    # the capability still reads everything, from the same folder
    assert SECRET in set(store.select("SELECT ?o WHERE { ?s ?p ?o }", private=EVERYTHING)["o"])


def test_a_command_sees_a_write_made_just_before(empty_atlas: Atlas) -> None:
    store = reading_from_disk(empty_atlas).store
    assert store.count() == 0
    change = Change()
    change.add.append((THING, SDO.name, Literal("nieuw"), public_graph("test")))
    empty_atlas.store.apply(change)
    assert list(store.select("SELECT ?o WHERE { ?s ?p ?o }")["o"]) == ["nieuw"]


def _files_of(folder: Path) -> dict[str, tuple[int, int]]:
    return {path.name: (path.stat().st_size, path.stat().st_mtime_ns) for path in folder.iterdir()}


def test_a_command_that_only_reads_leaves_the_store_folder_as_it_was(seed_atlas: Atlas) -> None:
    """A regression test for the cold `stats` that opened the database for writing three times (about 45 ms
    each, a new log and options file each time): it now opens it read-only, under the store's lock."""
    folder = Path(seed_atlas.store.location)
    before = _files_of(folder)
    # public questions, and a private read (the submissions, as a coordinator's command reads them)
    for command in (
        ("stats",),
        ("query", "coverage"),
        ("query", "gaps", "--param", "province_code=PV31"),
        ("submissions", "list"),
    ):
        run_cli(*command, store=folder, check=True)
        assert _files_of(folder) == before, command
    # a write still opens it for writing, and a read after it sees the write
    change = Change()
    change.add.append((THING, SDO.name, Literal("nieuw"), public_graph("test")))
    reading_from_disk(seed_atlas).store.apply(change)
    assert _files_of(folder) != before
    assert "nieuw" in set(reading_from_disk(seed_atlas).store.select("SELECT ?o WHERE { ?s ?p ?o }")["o"])


def test_a_cold_stats_command_loads_neither_pandas_nor_shapely(seed_atlas: Atlas) -> None:
    """A regression test for the cold `stats` of 2.45 s: pandas alone took 0.44 s to load, the copy 1.6 s."""
    program = (
        "import sys\n"
        "from graph.cli.main import main\n"
        f"code = main(['--store', {seed_atlas.store.location!r}, 'stats', '--format', 'csv'])\n"
        "heavy = sorted({'pandas', 'numpy', 'shapely'} & set(sys.modules))\n"
        "print('loaded:', heavy, file=sys.stderr)\n"
        "sys.exit(code or (3 if heavy else 0))\n"
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, cwd=REPO_ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "collaborations_active,5" in result.stdout
    assert "reference_loaded,1" in result.stdout
    # the same figures as a command that makes a table with pandas
    tables = run_cli("query", "stats", "--format", "csv", store=seed_atlas.store.location, check=True).stdout
    assert tables.strip() in result.stdout


@pytest.mark.parametrize("output_format", ["table", "csv", "json"])
def test_stats_prints_as_every_other_table(
    seed_atlas: Atlas, output_format: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from graph.cli.output import print_frame, print_rows

    figures = seed_atlas.rows("stats")
    print_rows(figures.columns, figures.rows, output_format)
    plain = capsys.readouterr().out
    print_frame(seed_atlas.answer("stats"), output_format)
    assert plain == capsys.readouterr().out


def test_an_operator_chooses_how_public_data_is_read(seed_atlas: Atlas) -> None:
    location = seed_atlas.store.location
    default = run_cli("stats", "--format", "csv", store=location, check=True).stdout
    through_a_copy = run_cli("stats", "--format", "csv", store=location, env={"PASSENDWERK_PUBLIC_READS": "copy"})
    assert through_a_copy.returncode == 0 and through_a_copy.stdout == default
    wrong = run_cli("stats", store=location, env={"PASSENDWERK_PUBLIC_READS": "memory"})
    assert wrong.returncode == 2 and "PASSENDWERK_PUBLIC_READS" in wrong.stderr and "Traceback" not in wrong.stderr
    assert settings_from_environment(environ={}).public_reads is PublicReads.COPY
    assert settings_from_environment(environ={"PASSENDWERK_PUBLIC_READS": "DISK"}).public_reads is PublicReads.DISK
    command = settings_from_environment(environ={}, public_reads=PublicReads.DISK)
    assert command.public_reads is PublicReads.DISK
