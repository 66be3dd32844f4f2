"""Whole-country answers saved in the embedded store's folder (graph/store/saved_answers.py): the same answers
as the engine's, never stale after a write by another process, never private, never with values bound, gone
with an erasure, and never in a reader's way."""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path

import pandas as pd
import pytest
from rdflib import Literal, URIRef

from graph.analysis.suggest import suggest
from graph.model.viewer import COMMAND_LINE
from graph.model.vocab import SDO, private_graph, public_graph
from graph.settings import PublicReads
from graph.store.atlas import Atlas
from graph.store.embedded import EmbeddedStore
from graph.store.interface import Change
from graph.store.saved_answers import FOLDER
from graph.views.organisation_names import named_suggestion_input

from .conftest import EVERYTHING, run_cli

THING = URIRef("https://w3id.org/passendwerk/id/test/thing")
EVERY_VALUE = "SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o"


def _saved(store: EmbeddedStore) -> list[Path]:
    folder = store.path / FOLDER
    return sorted(folder.iterdir()) if folder.exists() else []


def _another_process(atlas: Atlas) -> Atlas:
    """The same folder as a process that starts now sees it: a store object with no copy of its own yet."""
    return Atlas(atlas.settings, EmbeddedStore(Path(atlas.store.location)), atlas.questions)


def _write(store: EmbeddedStore, text: str, graph: URIRef | None = None) -> None:
    store.apply(Change(add=[(THING, SDO.name, Literal(text), graph or public_graph("test"))]))


def test_every_whole_country_question_answers_the_same_from_its_saved_answer(seed_atlas: Atlas) -> None:
    names = [name for name in seed_atlas.questions.names(include_internal=True) if not name.startswith("store/")]
    asked = {name: seed_atlas.answer(name) for name in names}  # the engine's answers, each saved as it is read
    assert len(_saved(seed_atlas.store)) >= len(names) - 1  # type: ignore[arg-type]

    later = _another_process(seed_atlas)
    for name in names:
        pd.testing.assert_frame_equal(later.answer(name), asked[name], obj=name)  # the same values and types
    assert later.store._public is None  # type: ignore[attr-defined]  # it needed no public copy for them


def test_the_suggestions_of_a_new_process_are_the_same_from_saved_answers(seed_atlas: Atlas) -> None:
    first = suggest(named_suggestion_input(seed_atlas, COMMAND_LINE), 50)
    again = suggest(named_suggestion_input(_another_process(seed_atlas), COMMAND_LINE), 50)
    assert not first.empty
    pd.testing.assert_frame_equal(again, first)


def test_a_write_by_another_process_is_seen_at_once_and_removes_every_saved_answer(empty_atlas: Atlas) -> None:
    store = empty_atlas.store
    assert isinstance(store, EmbeddedStore)
    _write(store, "eerst")
    assert list(store.select(EVERY_VALUE)["o"]) == ["eerst"]
    assert len(_saved(store)) == 1

    writer = EmbeddedStore(store.path)
    writer.apply(Change(add=[(THING, SDO.description, Literal("daarna"), public_graph("test"))]))

    assert _saved(store) == []
    assert list(EmbeddedStore(store.path).select(EVERY_VALUE)["o"]) == ["daarna", "eerst"]
    assert list(store.select(EVERY_VALUE)["o"]) == ["daarna", "eerst"]


def test_a_private_read_a_question_with_values_and_a_console_read_are_never_saved(empty_atlas: Atlas) -> None:
    store = empty_atlas.store
    assert isinstance(store, EmbeddedStore)
    _write(store, "geheim", private_graph("test"))

    assert list(store.select(EVERY_VALUE, private=EVERYTHING)["o"]) == ["geheim"]
    store.select("SELECT ?s ?o WHERE { ?s ?p ?o }", {"s": THING})
    store.select(EVERY_VALUE, max_rows=10)
    assert _saved(store) == []
    assert list(store.select(EVERY_VALUE)["o"]) == []  # the public answer, saved, holds nothing private
    assert all(b"geheim" not in path.read_bytes() for path in _saved(store))


def test_a_command_reading_from_the_folder_saves_nothing(seed_atlas: Atlas) -> None:
    result = run_cli("query", "coverage", store=seed_atlas.store.location, check=True)
    assert "GM" in result.stdout
    assert _saved(seed_atlas.store) == []  # type: ignore[arg-type]
    assert EmbeddedStore(Path(seed_atlas.store.location), PublicReads.DISK).select(EVERY_VALUE) is not None


def test_a_command_reading_from_the_folder_answers_from_the_saved_answers_without_the_engine(
    seed_atlas: Atlas, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: a command (which reads the folder, not a copy) asked the engine even when the app had saved
    the answer: `query site-overview` took 1.6 s of its 2.3 s there at demo scale 1. It now reads the saved
    answer, the same as the engine's, and after a write by another process it asks the folder again."""
    names = [question.name for question in seed_atlas.questions.public()]
    asked = {name: seed_atlas.answer(name) for name in names}  # the app's process saves them
    command = Atlas(seed_atlas.settings, EmbeddedStore(Path(seed_atlas.store.location), PublicReads.DISK),
                    seed_atlas.questions)  # fmt: skip
    opened: list[bool] = []
    disk = command.store._disk  # type: ignore[attr-defined]
    monkeypatch.setattr(command.store, "_disk", lambda **named: opened.append(True) or disk(**named))
    for name in names:
        pd.testing.assert_frame_equal(command.answer(name), asked[name], obj=name)
    assert opened == []  # not one question went to the folder

    _write(EmbeddedStore(Path(seed_atlas.store.location)), "na het opslaan")  # another process writes
    assert "na het opslaan" in set(command.store.select(EVERY_VALUE)["o"])
    assert opened and _saved(command.store) == []  # type: ignore[arg-type]  # asked anew, and nothing saved


def test_a_saved_answer_cut_short_or_changed_by_hand_is_asked_anew(empty_atlas: Atlas) -> None:
    store = empty_atlas.store
    assert isinstance(store, EmbeddedStore)
    _write(store, "echt")
    store.select(EVERY_VALUE)
    (saved,) = _saved(store)
    text = saved.read_text(encoding="utf-8")

    saved.write_text(text[: len(text) // 2], encoding="utf-8")
    assert list(EmbeddedStore(store.path).select(EVERY_VALUE)["o"]) == ["echt"]

    changed = json.loads(text)
    changed["rows"] = [["verzonnen"], ["erbij"]]  # its count says one row
    saved.write_text(json.dumps(changed), encoding="utf-8")
    assert list(EmbeddedStore(store.path).select(EVERY_VALUE)["o"]) == ["echt"]

    changed["rows"], changed["count"] = [[{"een": "object"}]], 1
    saved.write_text(json.dumps(changed), encoding="utf-8")
    assert list(EmbeddedStore(store.path).select(EVERY_VALUE)["o"]) == ["echt"]


def test_a_reader_does_not_wait_to_save_while_a_writer_holds_the_lock(empty_atlas: Atlas) -> None:
    store = empty_atlas.store
    assert isinstance(store, EmbeddedStore)
    _write(store, "openbaar")
    store.count()  # its copy is made: what follows needs no lock to read
    with open(store._lock_path, "a+b") as writer:  # another process's writer, mid-way
        fcntl.flock(writer, fcntl.LOCK_EX)
        assert list(store.select(EVERY_VALUE)["o"]) == ["openbaar"]
        fcntl.flock(writer, fcntl.LOCK_UN)
    assert _saved(store) == []  # not saved this time; asked again next time
    store.select(EVERY_VALUE)
    assert len(_saved(store)) == 1


def test_a_restore_leaves_no_saved_answer_of_the_data_it_replaced(empty_atlas: Atlas, tmp_path: Path) -> None:
    store = empty_atlas.store
    assert isinstance(store, EmbeddedStore)
    _write(store, "in de back-up")
    store.backup(tmp_path / "backup")
    _write(store, "na de back-up")
    assert "na de back-up" in list(store.select(EVERY_VALUE)["o"])
    assert _saved(store)

    store.restore(tmp_path / "backup")

    assert _saved(store) == []
    assert list(EmbeddedStore(store.path).select(EVERY_VALUE)["o"]) == ["in de back-up"]


def _saved_once(atlas: Atlas) -> tuple[EmbeddedStore, Path]:
    store = atlas.store
    assert isinstance(store, EmbeddedStore)
    _write(store, "echt")
    store.select(EVERY_VALUE)
    (saved,) = _saved(store)
    return store, saved


@pytest.mark.parametrize("put_there", ["deep brackets", "a link to /dev/zero", "a named pipe", "rows as text"])
def test_a_saved_answer_put_there_by_hand_gives_the_stores_answer_not_a_traceback_or_a_hang(
    empty_atlas: Atlas, put_there: str
) -> None:
    """Regression: brackets nested 200,000 deep raised RecursionError, a link to /dev/zero MemoryError, a named
    pipe made the reader wait for ever, and rows written as strings were read as rows of characters."""
    store, saved = _saved_once(empty_atlas)
    content = json.loads(saved.read_text(encoding="utf-8"))
    saved.unlink()
    if put_there == "deep brackets":
        saved.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    elif put_there == "a link to /dev/zero":
        saved.symlink_to("/dev/zero")
    elif put_there == "a named pipe":
        os.mkfifo(saved)
    else:
        saved.write_text(json.dumps({**content, "columns": ["o"], "rows": ["e"]}), encoding="utf-8")
        assert json.loads(saved.read_text(encoding="utf-8"))["count"] == 1

    assert list(EmbeddedStore(store.path).select(EVERY_VALUE)["o"]) == ["echt"]


def test_a_link_in_place_of_the_answers_folder_is_neither_written_through_nor_emptied(
    empty_atlas: Atlas, tmp_path: Path
) -> None:
    """Regression: with the folder a link to another folder, answers were saved there, and the next write
    removed every file in that other folder."""
    store = empty_atlas.store
    assert isinstance(store, EmbeddedStore)
    _write(store, "echt")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "notes.txt").write_text("kostbaar", encoding="utf-8")
    (store.path / FOLDER).symlink_to(elsewhere)

    assert list(EmbeddedStore(store.path).select(EVERY_VALUE)["o"]) == ["echt"]
    assert sorted(path.name for path in elsewhere.iterdir()) == ["notes.txt"]
    _write(store, "daarna", URIRef("https://w3id.org/passendwerk/id/test/graph"))

    assert (elsewhere / "notes.txt").read_text(encoding="utf-8") == "kostbaar"
    assert not (store.path / FOLDER).is_symlink()


def test_tidy_removes_an_answer_a_stopped_process_was_saving_and_keeps_the_saved_ones(empty_atlas: Atlas) -> None:
    """Regression: a process stopped while saving left its half-written file until the next write."""
    store, saved = _saved_once(empty_atlas)
    half = saved.with_name(saved.name + ".4242-1")
    half.write_text(saved.read_text(encoding="utf-8")[:20], encoding="utf-8")

    tidied = run_cli("tidy", store=store.location, check=True)

    assert str(half) in tidied.stdout and "1 onafgemaakte kopie(ën) verwijderd" in tidied.stdout
    assert not half.exists() and saved.exists()
