"""The public part of every committed write to the embedded store, in order, in a file beside it.

Each process answers public reads from an in-memory copy of the public graphs. After another process writes,
the copy is brought up to date by applying that write's public part from here, instead of being copied anew
from disk (27 s at demo scale 10). Only quads of public graphs are ever written here, so a copy fed from this
file can hold nothing private, whatever a change contained.

An entry names the generation it follows and the one it makes; a reader applies the entries that lead from the
generation its copy has to the store's current one, and copies the store anew when there is no such chain
(the journal was started afresh after an erasure, a restore or a very large write).

An entry is one SPARQL Update, or, for a write that only adds quads (a first import), the quads as N-Quads: written
in one call of pyoxigraph's serialiser and loaded in one transaction. For the 161,000 quads of demo scale 1 the
update's text took 0.3 s of the import to write, the N-Quads take 0.04 s, and a reader loads them in about half
the time it took to apply the update.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from graph.model.vocab import PUBLIC_GRAPH_BASE
from graph.store.sparql_text import update_text

#: A write whose public part is larger than this is not journalled: readers copy the store anew, which then
#: costs about what applying it would.
MAX_ENTRY_QUADS = 200_000
#: The journal is started afresh when it grows past this, so it never holds more than a few writes' worth.
MAX_JOURNAL_BYTES = 64 * 1024 * 1024
_HEADER = b"@ "
#: The header's last word for an entry of added quads as N-Quads (an entry without it is a SPARQL Update).
_ADDED_ONLY = "nquads"


@dataclass(frozen=True)
class Position:
    """Where a copy stands in the journal: the file (its inode) and the end of the last entry applied."""

    inode: int
    offset: int


@dataclass(frozen=True)
class Entry:
    previous: str
    generation: str
    body: str
    """The entry's public change as one SPARQL Update, or its added quads as N-Quads (``added_only``)."""
    end: int
    added_only: bool = False

    def apply(self, store: ox.Store) -> None:
        """Apply the entry to an in-memory copy, in one transaction (a query running beside it sees all or none)."""
        if not self.body:
            return
        if self.added_only:
            store.load(self.body, format=ox.RdfFormat.N_QUADS)
        else:
            store.update(self.body)


def is_public(graph_name: str) -> bool:
    return graph_name.startswith(PUBLIC_GRAPH_BASE)


class Journal:
    def __init__(self, path: Path) -> None:
        self.path = path

    def position(self) -> Position | None:
        """The end of the journal as it is now (the writer's lock is held), or None without a journal."""
        try:
            status = os.stat(self.path)
        except FileNotFoundError:
            return None
        return Position(status.st_ino, status.st_size)

    def start_afresh(self) -> None:
        """An empty journal in a new file: every reader's position becomes invalid, so each copies anew.
        Called with the writer's lock held; also forgets erased values that earlier entries held."""
        temporary = self.path.with_name(self.path.name + f".{os.getpid()}")
        temporary.write_bytes(b"")
        os.replace(temporary, self.path)

    def append(
        self,
        previous: str,
        generation: str,
        removals: Iterable[ox.Quad],
        additions: Iterable[ox.Quad],
        dropped: Iterable[URIRef],
    ) -> int | None:
        """Write the public part of a change (the writer's lock is held); returns the journal's size before,
        to cut it back to if the change fails, or None when the change is too large and the journal was
        started afresh instead."""
        public_removals = [q for q in removals if _in_public_graph(q)]
        public_additions = [q for q in additions if _in_public_graph(q)]
        public_dropped = {graph for graph in dropped if is_public(str(graph))}
        before = self.position()
        too_large = len(public_removals) + len(public_additions) > MAX_ENTRY_QUADS
        if before is None or too_large or before.offset > MAX_JOURNAL_BYTES:
            self.start_afresh()
            if too_large:
                return None
            before = self.position()
            assert before is not None
        added_only = not (public_removals or public_dropped)
        if added_only:
            body = ox.serialize(public_additions, format=ox.RdfFormat.N_QUADS) or b""
        else:
            body = update_text(public_removals, public_additions, public_dropped).encode()
        kind = f" {_ADDED_ONLY}" if added_only else ""
        header = _HEADER + f"{previous} {generation} {len(body)}{kind}\n".encode("ascii")
        with open(self.path, "ab") as handle:
            handle.write(header + body + b"\n")
        return before.offset

    def cut_back(self, size: int) -> None:
        """Forget an entry whose change was not committed."""
        with open(self.path, "r+b") as handle:
            handle.truncate(size)

    def entries(self, since: Position) -> list[Entry] | None:
        """The complete entries after ``since``; None when the journal is no longer the file ``since`` was in.
        Safe without the lock: an entry being appended is incomplete and left out."""
        try:
            with open(self.path, "rb") as handle:
                if os.fstat(handle.fileno()).st_ino != since.inode:
                    return None
                handle.seek(since.offset)
                data = handle.read()
        except (OSError, ValueError, OverflowError):
            return None
        found: list[Entry] = []
        cursor = 0
        while True:
            line_end = data.find(b"\n", cursor)
            if line_end < 0 or not data.startswith(_HEADER, cursor):
                return found
            try:  # a position in the middle of an entry (a saved copy's, say) reads as no way forward
                previous, generation, length, *kind = data[cursor + len(_HEADER) : line_end].decode("ascii").split(" ")
                if kind not in ([], [_ADDED_ONLY]):
                    return None
                body_end = line_end + 1 + int(length)
                if body_end + 1 > len(data):
                    return found
                body = data[line_end + 1 : body_end].decode()
            except (UnicodeDecodeError, ValueError):
                return None
            cursor = body_end + 1
            found.append(Entry(previous, generation, body, since.offset + cursor, added_only=bool(kind)))


def _in_public_graph(quad: ox.Quad) -> bool:
    return isinstance(quad.graph_name, ox.NamedNode) and is_public(quad.graph_name.value)
