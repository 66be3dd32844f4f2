"""A large change to the embedded store is written into a copy beside it, outside a transaction, and the copy
then takes the store's place. It must be as atomic as one transaction: the same result, nothing of it when the
writer stops before the swap, all of it when the writer stops between the two renames, and another process sees
it as it sees any write."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import SDO

import graph.store.embedded as embedded
from graph.model.vocab import PUBLIC_GRAPH_BASE
from graph.settings import PublicReads
from graph.store.embedded import EmbeddedStore
from graph.store.interface import Change

from .conftest import run_cli

GRAPH = URIRef(PUBLIC_GRAPH_BASE + "many")
SMALL_THRESHOLD = 100


class Stop(Exception):
    """The writer's process stops here."""


def names(count: int, word: str = "naam") -> Change:
    change = Change()
    change.add = [
        (URIRef(f"https://w3id.org/passendwerk/id/test/{n}"), SDO.name, Literal(f"{word} {n}"), GRAPH)
        for n in range(count)
    ]
    return change


def renamed(count: int) -> Change:
    """Every name replaced: removals and additions in one change."""
    change = names(count, "nieuwe naam")
    change.remove_subjects = {URIRef(f"https://w3id.org/passendwerk/id/test/{n}") for n in range(count)}
    return change


@pytest.fixture
def beside(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embedded, "BESIDE_WRITE_QUADS", SMALL_THRESHOLD)


def test_a_large_change_written_beside_the_store_equals_one_transaction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_place = EmbeddedStore(tmp_path / "in-place")
    for change in (names(500), renamed(500)):
        in_place.apply(change)
    monkeypatch.setattr(embedded, "BESIDE_WRITE_QUADS", SMALL_THRESHOLD)
    swapped = EmbeddedStore(tmp_path / "beside")
    for change in (names(500), renamed(500)):
        swapped.apply(change)
    assert swapped.count() == in_place.count() == 500
    assert sorted(swapped.dump().splitlines()) == sorted(in_place.dump().splitlines())
    assert not (tmp_path / "beside.rewriting").exists() and not (tmp_path / "beside.erased").exists()


def test_a_large_write_that_stops_before_the_swap_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, beside: None
) -> None:
    store = EmbeddedStore(tmp_path / "store")
    store.apply(names(10))
    before, generation = store.dump(), store.generation()

    def stopping(fresh: Path, removal: str, additions: list[object]) -> None:
        real_write_beside(fresh, removal, additions[: len(additions) // 2])  # half of it is in the copy
        raise Stop

    real_write_beside = embedded.write_beside
    monkeypatch.setattr(embedded, "write_beside", stopping)
    with pytest.raises(Stop):
        store.apply(renamed(300))
    assert store.dump() == before and store.generation() == generation
    assert (tmp_path / "store.rewriting").exists()  # the unfinished copy, which the store never saw
    tidied = run_cli("tidy", store=tmp_path / "store", check=True)
    assert str(tmp_path / "store.rewriting") in tidied.stdout and "1 onafgemaakte" in tidied.stdout
    assert not (tmp_path / "store.rewriting").exists()
    assert "0 onafgemaakte" in run_cli("tidy", store=tmp_path / "store", check=True).stdout
    monkeypatch.setattr(embedded, "write_beside", real_write_beside)
    store.apply(renamed(300))  # the next large write is not hindered
    assert store.count() == 300


def test_a_large_write_stopped_between_its_renames_is_whole_when_the_store_is_opened_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, beside: None
) -> None:
    store, reader = EmbeddedStore(tmp_path / "store"), EmbeddedStore(tmp_path / "store")
    store.apply(names(10))
    assert reader.count() == 10  # another process's copy, made before the write

    def first_rename_only(fresh: Path, path: Path) -> None:
        path.rename(path.with_name(path.name + ".erased"))
        raise Stop

    monkeypatch.setattr(embedded, "put_in_place", first_rename_only)
    with pytest.raises(Stop):
        store.apply(renamed(300))
    # Regression: the command line took the store for a mistyped one ("does not exist") and left it unfinished.
    answered = run_cli("stats", "--format", "csv", store=tmp_path / "store")
    assert answered.returncode == 0, answered.stderr
    reopened = EmbeddedStore(tmp_path / "store", PublicReads.DISK)
    assert reopened.count() == 300  # the copy was complete and closed: the change is all there
    assert not (tmp_path / "store.rewriting").exists() and not (tmp_path / "store.erased").exists()
    assert reader.count() == 300 and b"nieuwe naam 299" in reader.dump()


def test_another_process_sees_a_large_write(tmp_path: Path, beside: None) -> None:
    writer, reader = EmbeddedStore(tmp_path / "store"), EmbeddedStore(tmp_path / "store")
    writer.apply(names(10))
    assert reader.count() == 10  # the reader's copy is made
    writer.apply(renamed(300))
    assert reader.count() == 300
    assert b"nieuwe naam 299" in reader.dump()


def test_a_restore_stopped_between_its_renames_is_finished_when_the_store_is_opened(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    store.apply(names(10))
    store.backup(tmp_path / "backup")
    store.apply(names(20))
    # What restore leaves after its first rename: the old store kept aside, the backup's copy staged.
    (tmp_path / "store").rename(tmp_path / "store.before-restore-1")
    shutil.copytree(tmp_path / "backup", tmp_path / "store.restoring")
    answered = run_cli("stats", "--format", "csv", store=tmp_path / "store")
    assert answered.returncode == 0, answered.stderr
    assert EmbeddedStore(tmp_path / "store", PublicReads.DISK).count() == 10
    assert not (tmp_path / "store.restoring").exists()
