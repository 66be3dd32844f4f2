"""The embedded store: Oxigraph in a local folder, the atlas's default.

Public reads go where no query can see private data, whatever the query says:

- in a long-running process (the app), to an in-memory copy that only ever receives quads of public graphs.
  The copy is made once per process; after that a write by any process reaches it as that write's public
  part, read from the journal beside the store (see :mod:`graph.store.journal`), not as a new copy. A
  generation token beside the store tells readers that something changed. The copy also keeps aggregate
  queries fast: Oxigraph answers them several times faster from memory than from disk;
- in a one-off command, to the folder itself through a view of only its public graphs
  (:mod:`graph.store.public_graphs`), which answers at once where the copy takes seconds to make.

A whole-country public question (one without bound values) read through the copy is also saved in the folder
for the store's generation (:mod:`graph.store.saved_answers`), so the next process that asks it needs no copy.

Writes hold an exclusive file lock, open the on-disk store, apply one transaction and close it again, so
that several processes (the app, the CLI, workers) can share one folder.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pyoxigraph as ox
from rdflib.term import Identifier

from graph.model.viewer import PrivateRead, reads_private
from graph.model.vocab import PUBLIC_GRAPH_BASE
from graph.settings import PublicReads, ServerAccess
from graph.store.answers import Solutions
from graph.store.files import (
    _OpenStore,
    copy_beside,
    drop_unfinished_copy,
    finish_interrupted_rewrite,
    put_in_place,
    rewrite_folder,
    swap_in,
    write_beside,
)
from graph.store.interface import Change, StoreError
from graph.store.journal import Journal, Position
from graph.store.oxigraph_reader import OxigraphReader
from graph.store.public_graphs import PublicGraphs
from graph.store.public_snapshot import drop_snapshot, drop_unfinished_snapshots, load_snapshot, save_snapshot
from graph.store.removals import removals as stored_removals
from graph.store.saved_answers import drop_saved_answers, drop_unfinished_answers, read_saved, save
from graph.store.sparql_text import ox_quad, update_text

#: A change that adds at least this many quads is written into a copy of the store beside it, outside a
#: transaction, and the copy then takes the store's place: one transaction of 163,000 quads took 2.9 s and one
#: of 1.6 M quads 66 s, against 1.8 s and 15 s this way.
BESIDE_WRITE_QUADS = 50_000
#: A process that brought the saved public copy up to date with more of the journal than this saves it again.
RESAVE_AFTER_JOURNAL_BYTES = 4 * 1024 * 1024


class EmbeddedStore(OxigraphReader):
    """Oxigraph in a local folder, shared safely between threads and processes.

    ``public_reads`` says where public reads are answered from: an in-memory copy (a long-running process) or
    the folder itself, through a view of only its public graphs (a one-off command)."""

    def __init__(self, path: Path, public_reads: PublicReads = PublicReads.COPY) -> None:
        self.path = Path(path)
        self.public_reads = PublicReads(public_reads)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock_path = self.path.with_name(self.path.name + ".lock")
        self._generation_path = self.path.with_name(self.path.name + ".generation")
        self._thread_lock = threading.RLock()
        self._journal = Journal(self.path.with_name(self.path.name + ".journal"))
        self._public: ox.Store | None = None
        self._public_generation: str | None = None
        self._public_position: Position | None = None
        self._public_lock = threading.Lock()

    @property
    def location(self) -> str:
        return str(self.path)

    @property
    def access(self) -> ServerAccess | None:
        return None

    def tidy(self, older_than: timedelta, unregistered: bool = False) -> list[str]:
        """The copy a large write was making beside the store when its process stopped, if any (the store never
        saw it: the write was not committed), and a public copy or an answer a process was saving for the next one.
        Any other write here is one transaction and leaves nothing."""
        with self._locked():
            finish_interrupted_rewrite(self.path)
            dropped = drop_unfinished_copy(self.path)
            unfinished = drop_unfinished_snapshots(self.path) + drop_unfinished_answers(self.path)
        return ([str(dropped)] if dropped else []) + [str(path) for path in unfinished]

    # ------------------------------------------------------------------ locking and opening
    @contextmanager
    def _locked(self) -> Iterator[None]:
        """The store's folder, exclusively (threads and processes), for the duration of the block."""
        with self._thread_lock, open(self._lock_path, "a+b") as lock_file:
            fcntl.flock(lock_file, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock_file, fcntl.LOCK_UN)

    @contextmanager
    def _disk(self, read_only: bool = False) -> Iterator[ox.Store]:
        """The on-disk store, exclusively, for the duration of the block."""
        with self._locked(), self._opened(read_only) as disk:
            yield disk

    @contextmanager
    def _opened(self, read_only: bool = False) -> Iterator[ox.Store]:
        """The on-disk store, while the caller holds the lock.

        ``read_only`` opens it without taking RocksDB's own lock or preparing to write, in about a third of the
        time (18 against 45 ms at demo scale 1, closing included): what a one-off command pays per question.
        That is safe only because the caller holds the store's lock, so no writer is at work meanwhile. A folder
        that was never opened as a store (no ``CURRENT`` file yet) is made one first, as any reader found it."""
        finish_interrupted_rewrite(self.path)
        read_only = read_only and (self.path / "CURRENT").exists()
        try:
            handle = _OpenStore(ox.Store.read_only(str(self.path)) if read_only else ox.Store(str(self.path)))
        except OSError as error:
            raise StoreError(
                f"De opslag in {self.path} kan niet worden geopend / the store cannot be opened: {error}"
            ) from error
        try:
            yield handle  # type: ignore[misc]
            if not read_only:
                handle.flush()
        finally:
            # The database closes when its last reference goes: drop ours before another process may open it.
            handle.close()

    def generation(self) -> str:
        try:
            return self._generation_path.read_text(encoding="ascii").strip()
        except FileNotFoundError:
            return "0"

    def _set_generation(self, token: str) -> None:
        temporary = self._generation_path.with_name(self._generation_path.name + f".{os.getpid()}")
        temporary.write_text(token + "\n", encoding="ascii")
        os.replace(temporary, self._generation_path)
        drop_saved_answers(self.path)  # each was read at the generation before

    def _bump_generation(self) -> None:
        """A new token that no journal entry leads to, so every reader copies anew (called with the lock held,
        before what it announces is done: a reader that sees it must take the lock, so it reads the result)."""
        self._journal.start_afresh()
        drop_snapshot(self.path)
        self._set_generation(_new_token("fresh"))

    def _public_copy(self) -> ox.Store:
        with self._public_lock:
            if self._public is not None and self._caught_up(self.generation()):
                return self._public
            # A write is under way, the journal was started afresh, or this is the first read: behind the lock
            # the journal is complete, and if it has no way from our copy to now, the copy is made anew.
            with self._locked():
                if self._public is None or not self._caught_up(self.generation()):
                    self._copy_anew()
            assert self._public is not None
            return self._public

    def _caught_up(self, generation: str) -> bool:
        """Apply the journal's entries from the copy's generation to ``generation``; whether it got there.

        Nothing is applied unless the whole way is there: the entry of a write still under way is in the
        journal before its transaction commits, but no generation token leads to it until then."""
        if generation == self._public_generation:
            return True
        if self._public is None or self._public_position is None:
            return False
        way, current = [], self._public_generation
        for entry in self._journal.entries(self._public_position) or []:
            if entry.previous != current:
                return False
            way.append(entry)
            current = entry.generation
            if current == generation:
                break
        else:
            return False
        try:
            for entry in way:
                entry.apply(self._public)
        except (SyntaxError, ValueError, OSError):
            # An entry that cannot be applied (a journal damaged by hand) is no way forward: the copy, perhaps
            # half brought forward, is dropped and made anew, instead of failing every read from now on.
            self._public, self._public_generation, self._public_position = None, None, None
            return False
        self._public_generation, self._public_position = generation, Position(self._public_position.inode, way[-1].end)
        return True

    def _copy_anew(self) -> None:
        """A new copy of the public graphs (the lock is held): the saved copy brought up to date if the journal
        leads from it to now, else one read from the folder, which is then saved for the next process."""
        # Without a generation file every state of the store reads "0": a saved copy could not tell them apart.
        trusted = self._generation_path.exists()
        saved = load_snapshot(self.path) if trusted else None
        if saved is not None:
            self._public, self._public_generation, self._public_position = saved.copy, saved.generation, saved.position
            if self._caught_up(self.generation()):
                # Saved again once the journal since has grown, so a later process has less to apply.
                if (
                    saved.position
                    and self._public_position
                    and (self._public_position.offset - saved.position.offset > RESAVE_AFTER_JOURNAL_BYTES)
                ):
                    save_snapshot(self.path, self._public, self._public_generation, self._public_position)
                return
        copy = ox.Store()
        with self._opened(read_only=True) as disk:
            for graph in disk.named_graphs():
                if isinstance(graph, ox.NamedNode) and graph.value.startswith(PUBLIC_GRAPH_BASE):
                    copy.load(
                        disk.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph),
                        format=ox.RdfFormat.N_TRIPLES,
                        to_graph=graph,
                    )
        self._public, self._public_generation = copy, self.generation()
        self._public_position = self._journal.position()
        if trusted:
            save_snapshot(self.path, copy, self._public_generation, self._public_position)

    def _plain(
        self,
        query: str,
        bindings: Mapping[str, Identifier] | None,
        private: PrivateRead | None,
        max_rows: int | None = None,
        prefixes: Mapping[str, str] | None = None,
    ) -> Solutions:
        """A whole-country public question is answered from its saved answer when the store still stands where
        it was read (:mod:`graph.store.saved_answers`), and saved when read through the public copy; any other
        question is asked. A command reading the folder reads saved answers too (a listing of every site took it
        1.6 s from the folder at demo scale 1), but saves none: only an answer read through the public copy is saved."""
        if bindings or private is not None or max_rows is not None or prefixes is not None:
            return super()._plain(query, bindings, private, max_rows, prefixes)
        if not self._generation_path.exists():
            return super()._plain(query, bindings, private)
        generation = self.generation()
        saved = read_saved(self.path, query, generation)
        if saved is not None:
            return saved
        answer = super()._plain(query, bindings, private)
        if self.public_reads is not PublicReads.COPY:
            return answer
        # The copy stood at ``generation`` when asked: a copy is only ever brought forward, and a token that
        # returns (a change undone) returns to the same data. A copy being made anew holds the lock meanwhile,
        # so a save, which takes the lock, cannot see it half-made.
        if self._public_generation == generation:
            save(self.path, self._lock_path, query, generation, answer, self.generation)
        return answer

    @contextmanager
    def _reading(self, private: PrivateRead | None) -> Iterator[ox.Store | PublicGraphs]:
        # The one gate to the private graphs on disk: a real PrivateRead or nothing (see graph/model/viewer.py).
        if reads_private(private):
            with self._disk(read_only=True) as disk:
                yield disk
        elif self.public_reads is PublicReads.DISK:
            with self._disk(read_only=True) as disk:
                yield PublicGraphs(disk)
        else:
            yield self._public_copy()

    # ------------------------------------------------------------------ writing
    def apply(self, change: Change) -> None:
        """Write one change atomically: in one transaction, or for a large change beside the store, swapped in."""
        if change.is_empty():
            return
        with self._locked():
            if change.compact:  # an erasure: the saved copy goes now, not only when the folder is rewritten
                drop_snapshot(self.path)
            with self._opened() as disk:
                removals = stored_removals(disk, change)
                additions = [ox_quad(q) for q in change.add]
                previous, generation = self.generation(), _new_token("write")
                if previous.startswith("pending-"):
                    # A writer died mid-way: its entry may or may not have been committed, so nobody may apply it.
                    self._journal.start_afresh()
                journal_size = self._journal.append(previous, generation, removals, additions, change.remove_graphs)
                # Until the change is committed the token leads nowhere: a reader takes the lock and waits, and
                # if this process dies mid-way every reader copies the store anew.
                self._set_generation(_new_token("pending"))
                try:
                    beside = None
                    if len(additions) >= BESIDE_WRITE_QUADS:
                        beside = copy_beside(disk, self.path)
                    elif not removals and not change.remove_graphs:
                        disk.extend(additions)
                    else:
                        disk.update(update_text(removals, additions, change.remove_graphs))
                except BaseException:
                    self._undo(previous, journal_size)
                    raise
            if beside is not None:  # the store is closed now: the copy beside it can take its place
                try:
                    write_beside(beside, update_text(removals, [], change.remove_graphs), additions)
                except BaseException:
                    self._undo(previous, journal_size)
                    raise
                try:
                    put_in_place(beside, self.path)
                except BaseException:
                    # Between the renames the change counts as made (the next opening finishes it): whatever
                    # happened, every reader copies the store anew.
                    self._bump_generation()
                    raise
            self._set_generation(generation if journal_size is not None else _new_token("fresh"))
        if change.compact:
            self._rewrite()

    def _undo(self, previous: str, journal_size: int | None) -> None:
        """A change that was not committed: its journal entry goes, and the generation it followed returns."""
        if journal_size is not None:
            self._journal.cut_back(journal_size)
        self._set_generation(previous)

    def _rewrite(self) -> None:
        with self._locked():
            self._bump_generation()
            rewrite_folder(self.path)

    # ------------------------------------------------------------------ backup
    def backup(self, target: Path) -> None:
        target = Path(target)
        if target.exists():
            raise StoreError(f"{target} bestaat al / already exists: kies een nieuwe map / choose a new folder")
        with self._disk() as disk:
            disk.backup(str(target))

    def restore(self, source: Path) -> None:
        source = Path(source)
        try:
            ox.Store.read_only(str(source))
        except OSError as error:
            raise StoreError(f"{source} is geen back-up van de opslag / is not a store backup: {error}") from error
        with self._locked():
            self._bump_generation()
            swap_in(source, self.path)


def _new_token(kind: str) -> str:
    return f"{kind}-{time.time_ns()}-{os.getpid()}"
