"""The public copy saved beside the embedded store for the next process (graph/store/public_snapshot.py): never
private, never stale, never a crash, and gone with an erasure; each regression test is named after what an
attack on it found."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from graph.model.vocab import SDO, private_graph, public_graph
from graph.store import embedded
from graph.store.atlas import Atlas
from graph.store.embedded import EmbeddedStore
from graph.store.interface import Change
from graph.store.public_snapshot import snapshot_path

from .conftest import run_cli

THING = URIRef("https://w3id.org/passendwerk/id/test/thing")


def _values(store: EmbeddedStore) -> list[str]:
    return sorted(store.select("SELECT ?o WHERE { ?s ?p ?o }")["o"])


def _write(store: EmbeddedStore, text: str, subject: URIRef = THING) -> None:
    store.apply(Change(add=[(subject, SDO.name, Literal(text), public_graph("test"))]))


def _saved_copy_of(atlas: Atlas, text: str) -> tuple[EmbeddedStore, Path]:
    """A store holding one public ``text``, read once, so that its public copy is saved beside it."""
    store = atlas.store
    assert isinstance(store, EmbeddedStore)
    _write(store, text)
    store.count()
    saved = snapshot_path(store.path)
    assert saved.exists()
    return store, saved


def test_a_saved_public_copy_is_not_used_when_it_names_a_private_graph(empty_atlas: Atlas) -> None:
    store, saved = _saved_copy_of(empty_atlas, "openbaar")
    secret = f'<{THING}> <{SDO.name}> "geheim" <{private_graph("test")}> .\n'
    with open(saved, "a", encoding="utf-8") as handle:
        handle.write(secret)

    reader = EmbeddedStore(store.path)

    assert list(reader.select("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }")["o"]) == ["openbaar"]
    assert b"geheim" not in saved.read_bytes()  # it copied from the folder and saved that copy instead


def test_a_store_made_anew_under_the_same_name_does_not_start_from_the_old_ones_copy(empty_atlas: Atlas) -> None:
    store, _ = _saved_copy_of(empty_atlas, "oude opslag")
    shutil.rmtree(store.path)  # the folder removed by hand; its generation, journal and saved copy stay beside it

    made_anew = EmbeddedStore(store.path)

    assert made_anew.count() == 0
    made_anew.apply(Change(add=[(THING, SDO.name, Literal("nieuwe opslag"), public_graph("test"))]))
    assert list(EmbeddedStore(store.path).select("SELECT ?o WHERE { ?s ?p ?o }")["o"]) == ["nieuwe opslag"]


def test_tidy_removes_a_public_copy_a_stopped_process_was_saving_and_keeps_the_saved_one(empty_atlas: Atlas) -> None:
    store, saved = _saved_copy_of(empty_atlas, "openbaar")
    half = saved.with_name(saved.name + ".4242")  # what a process stopped while saving leaves
    half.write_bytes(saved.read_bytes()[:100])

    tidied = run_cli("tidy", store=store.location, check=True)

    assert str(half) in tidied.stdout and "1 onafgemaakte kopie(ën) verwijderd" in tidied.stdout
    assert not half.exists() and saved.exists()


def test_a_process_that_applied_much_of_the_journal_to_the_saved_copy_saves_it_again(
    empty_atlas: Atlas, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, saved = _saved_copy_of(empty_atlas, "eerst")
    first = saved.read_bytes()
    monkeypatch.setattr(embedded, "RESAVE_AFTER_JOURNAL_BYTES", 10)
    store.apply(Change(add=[(THING, SDO.name, Literal("daarna"), public_graph("test"))]))

    assert sorted(EmbeddedStore(store.path).select("SELECT ?o WHERE { ?s ?p ?o }")["o"]) == ["daarna", "eerst"]
    assert saved.read_bytes() != first and b"daarna" in saved.read_bytes()


def test_a_store_without_a_generation_file_never_starts_from_a_saved_copy(empty_atlas: Atlas) -> None:
    """A new store reads generation "0" until its first write; so does a store whose file went missing."""
    store = empty_atlas.store
    assert isinstance(store, EmbeddedStore)
    store.count()  # the first read of a store that was never written
    _write(store, "later")
    store.path.with_name(store.path.name + ".generation").unlink()

    assert _values(EmbeddedStore(store.path)) == ["later"]


def test_a_folder_replaced_by_its_own_backup_does_not_start_from_the_replaced_stores_copy(
    empty_atlas: Atlas, tmp_path: Path
) -> None:
    store, _ = _saved_copy_of(empty_atlas, "at backup time")
    backup = tmp_path / "backup"
    store.backup(backup)
    opened = ox.Store(str(backup))  # opened once, the backup names the same database as the store again
    del opened
    _write(store, "after backup", URIRef(f"{THING}/2"))
    assert _values(EmbeddedStore(store.path)) == ["after backup", "at backup time"]
    shutil.rmtree(store.path)
    shutil.copytree(backup, store.path)  # by hand, not with `restore`

    assert _values(EmbeddedStore(store.path)) == ["at backup time"]


@pytest.mark.parametrize("kept_lines", [1, 2])
def test_a_saved_copy_cut_short_is_not_used(empty_atlas: Atlas, kept_lines: int) -> None:
    store, saved = _saved_copy_of(empty_atlas, "one")
    _write(store, "two", URIRef(f"{THING}/2"))
    _write(store, "three", URIRef(f"{THING}/3"))
    saved.unlink()
    EmbeddedStore(store.path).count()  # saved again, now with all three
    lines = saved.read_bytes().splitlines(keepends=True)
    saved.write_bytes(b"".join(lines[:kept_lines]))  # the header alone, or the header and one quad

    assert _values(EmbeddedStore(store.path)) == ["one", "three", "two"]


@pytest.mark.parametrize("where", ["JOURNAL -1", "JOURNAL 99999999999999999999", "-1 0", "JOURNAL x", "7"])
def test_a_saved_copy_with_an_impossible_journal_position_is_not_used_and_nothing_fails(
    empty_atlas: Atlas, where: str
) -> None:
    store, saved = _saved_copy_of(empty_atlas, "openbaar")
    inode = store.path.with_name(store.path.name + ".journal").stat().st_ino
    header, rest = saved.read_bytes().split(b"\n", 1)
    words = header.decode().split()
    position = where.replace("JOURNAL", str(inode)).split()
    saved.write_bytes(" ".join(words[:6] + position).encode() + b"\n" + rest)
    _write(store, "daarna", URIRef(f"{THING}/2"))  # so that a new process looks in the journal from there

    assert _values(EmbeddedStore(store.path)) == ["daarna", "openbaar"]


def test_a_directory_where_the_saved_copy_should_be_is_no_failure(empty_atlas: Atlas) -> None:
    store, saved = _saved_copy_of(empty_atlas, "openbaar")
    saved.unlink()
    saved.mkdir()

    assert _values(EmbeddedStore(store.path)) == ["openbaar"]


def test_tidy_removes_half_saved_copies_of_a_store_whose_name_holds_glob_characters(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store[1]")
    _write(store, "openbaar")
    store.count()
    saved = snapshot_path(store.path)
    half = saved.with_name(saved.name + ".4242")
    half.write_bytes(b"half")

    assert store.tidy(older_than=embedded.timedelta(0)) == [str(half)]
    assert not half.exists() and saved.exists()


def test_an_erasure_stopped_before_the_folder_is_rewritten_leaves_no_saved_copy(
    empty_atlas: Atlas, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, saved = _saved_copy_of(empty_atlas, "Piet Prive")

    def stopped() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(store, "_rewrite", stopped)
    with pytest.raises(KeyboardInterrupt):
        store.apply(Change(remove_subjects={THING}, compact=True))

    assert not saved.exists()
    half_saved = list(store.path.parent.glob(saved.name + ".*"))
    assert half_saved == []  # the journal and the folder still hold the value until the rewrite: README
