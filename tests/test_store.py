"""The store, embedded and on SPARQL servers: persistence across processes, atomic writes, public/private
separation, backups."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import ORG

from devtools.demo import write_demo
from graph.intake.exporter import template_tables
from graph.model.vocab import SDO, private_graph, public_graph
from graph.settings import REPO_ROOT
from graph.store.atlas import Atlas
from graph.store.interface import Change, StoreError
from graph.store.opening import open_store

from .conftest import EVERYTHING, reference_dir, run_cli

pytestmark = pytest.mark.backends

THING = URIRef("https://w3id.org/passendwerk/id/test/thing")


def test_data_survives_a_process_restart(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert run_cli("init", store=store).returncode == 0
    result = run_cli("stats", "--format", "csv", store=store)
    assert result.returncode == 0, result.stderr
    assert "collaborations_active,5" in result.stdout
    assert "organisations_library,7" in result.stdout


def test_a_write_in_one_process_is_seen_by_a_reader_in_another(seed_atlas: Atlas) -> None:
    assert len(template_tables(seed_atlas)["organisations"]) == 16
    # another process imports while this one keeps its in-memory read copy
    result = run_cli("import", str(REPO_ROOT / "tests" / "data" / "tiny"), store=seed_atlas.store.location)
    assert result.returncode == 0, result.stderr
    assert len(template_tables(seed_atlas)["organisations"]) == 25


def test_private_graphs_never_reach_the_public_path(empty_atlas: Atlas) -> None:
    store = empty_atlas.store
    change = Change()
    change.add.append((THING, SDO.name, Literal("openbaar"), public_graph("test")))
    change.add.append((THING, SDO.description, Literal("geheim"), private_graph("test")))
    store.apply(change)
    public = store.select("SELECT ?o WHERE { ?s ?p ?o }")
    assert list(public["o"]) == ["openbaar"]
    everything = store.select("SELECT ?o WHERE { ?s ?p ?o }", private=EVERYTHING)
    assert sorted(everything["o"]) == ["geheim", "openbaar"]
    # not even by naming the private graph
    named = store.select("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert list(named["o"]) == ["openbaar"]
    assert b"geheim" not in store.dump()


def test_a_change_with_removals_and_additions_is_one_transaction(empty_atlas: Atlas) -> None:
    store = empty_atlas.store
    first = Change()
    first.add.append((THING, SDO.name, Literal("oud"), public_graph("a")))
    store.apply(first)
    second = Change(remove_subjects={THING})
    second.add.append((THING, SDO.name, Literal('nieuw " } ; DROP ALL'), public_graph("b")))
    store.apply(second)
    assert list(store.select("SELECT ?o WHERE { ?s ?p ?o }")["o"]) == ['nieuw " } ; DROP ALL']


@pytest.mark.parametrize("count", [3, 700], ids=["few", "more-than-one-request-holds"])
def test_removal_by_pattern_takes_exactly_the_matching_quads_even_preserved_ones(
    empty_atlas: Atlas, count: int
) -> None:
    store = empty_atlas.store
    things = [URIRef(f"{THING}/{n}") for n in range(count)]
    keep, other = URIRef(f"{THING}/kept"), URIRef(f"{THING}/other")
    setup = Change()
    for n, thing in enumerate(things):
        setup.add.append((thing, ORG.hasMember, keep, public_graph(f"g{n % 2}")))
        setup.add.append((thing, ORG.hasMember, other, public_graph("g0")))
        setup.add.append((thing, SDO.name, Literal(f"naam {n}"), public_graph("g0")))
    setup.add.append((keep, ORG.hasMember, other, public_graph("g1")))
    store.apply(setup)
    change = Change(preserve_predicates={ORG.hasMember}, remove_subjects=set(things))
    change.remove_matching.update((thing, ORG.hasMember, None) for thing in things[1:])
    change.remove_matching.add((things[0], ORG.hasMember, other))
    change.remove_matching.add((None, ORG.hasMember, URIRef(f"{THING}/nobody")))
    store.apply(change)
    left = {(str(s), str(o)) for s, _, o, _ in store.quads(predicate=ORG.hasMember)}
    assert left == {(str(things[0]), str(keep)), (str(keep), str(other))}
    assert not store.quads(predicate=SDO.name)


def test_backup_and_restore(tiny_atlas: Atlas, tmp_path: Path) -> None:
    backup = tmp_path / "backup"
    tiny_atlas.store.backup(backup)
    with pytest.raises(StoreError, match="bestaat al"):
        tiny_atlas.store.backup(backup)
    change = Change(remove_subjects={URIRef("https://w3id.org/passendwerk/id/organisation/lib-a")})
    tiny_atlas.store.apply(change)
    assert len(template_tables(tiny_atlas)["organisations"]) == 8
    tiny_atlas.store.restore(backup)
    assert len(template_tables(tiny_atlas)["organisations"]) == 9


def test_restore_refuses_a_folder_that_is_no_backup(tiny_atlas: Atlas, tmp_path: Path) -> None:
    (tmp_path / "junk").mkdir()
    (tmp_path / "junk" / "file.txt").write_text("x")
    with pytest.raises(StoreError):
        tiny_atlas.store.restore(tmp_path / "junk")
    assert len(template_tables(tiny_atlas)["organisations"]) == 9


@pytest.mark.slow
def test_an_import_killed_midway_leaves_all_or_nothing(reference_atlas: Atlas, tmp_path: Path) -> None:
    """SIGKILL an import of demo data at random moments; the store must open with all of it or none."""
    demo = tmp_path / "demo"
    write_demo(demo, 0.05, 2026, reference_dir())
    store_path = reference_atlas.store.location
    outcomes = set()
    for delay in (0.5, 1.5, 3.0, 60.0):
        process = subprocess.Popen(
            [sys.executable, "-m", "graph", "--store", str(store_path), "import", str(demo)],
            cwd=REPO_ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + delay
        while process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
        reader = open_store(store_path, reference_atlas.settings.server)
        collaborations = reader.select(
            "SELECT (COUNT(*) AS ?n) WHERE { ?c a <http://www.w3.org/ns/org#OrganizationalCollaboration> }"
        )
        count = int(collaborations["n"][0])
        assert count in (0, 150), count
        outcomes.add(count)
    assert 150 in outcomes
