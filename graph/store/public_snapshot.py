"""The last in-memory public copy, saved beside the embedded store, so that a new process need not read the
public graphs out of the folder again.

Reading the 165,000 public quads of demo scale 1 out of the on-disk store takes about 1.4 s; loading the same
quads from this file takes about 0.4 s. A process that makes its copy from the folder saves it here, together
with the generation and the journal position it stands at. A process that starts later loads it and applies
the journal's entries since then, exactly as it would bring its own copy up to date (:mod:`graph.store.journal`);
when no chain of entries leads from the saved generation to the store's, it copies from the folder instead.

The file names the folder's database by its identity (RocksDB's IDENTITY file), so a store that was removed and
made anew under the same name never starts from the old one's copy. Like the journal, the file only ever holds
quads of public graphs (it is written from the copy, and a file that names any other graph is not used). It is
written and removed with the store's lock held, and removed whenever the journal is started afresh for an
erasure or a restore, so an erased value does not outlive its erasure here. The folder is replaced only by the
atlas's own commands (``restore``), which do the same.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graph.store.journal import Position, is_public

_MARK = "# passendwerk public copy"


@dataclass(frozen=True)
class Snapshot:
    copy: ox.Store
    generation: str
    position: Position | None


def snapshot_path(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".public-copy.nq")


def save_snapshot(store_path: Path, copy: ox.Store, generation: str, position: Position | None) -> None:
    """Save ``copy`` as it stands at ``generation`` and ``position`` (the caller holds the store's lock)."""
    target = snapshot_path(store_path)
    identity = _identity(store_path)
    if identity is None:
        return
    where = "-" if position is None else f"{position.inode} {position.offset}"
    temporary = target.with_name(f"{target.name}.{os.getpid()}")
    try:
        with open(temporary, "wb") as handle:
            handle.write(f"{_MARK} {identity} {generation} {where}\n".encode("ascii"))
            copy.dump(output=handle, format=ox.RdfFormat.N_QUADS)
        os.replace(temporary, target)
    except OSError:
        # A copy that cannot be saved (a full disk, a read-only folder) only makes the next start slower.
        temporary.unlink(missing_ok=True)


def load_snapshot(store_path: Path) -> Snapshot | None:
    """The saved copy, or None when there is none or it cannot be used (the caller holds the store's lock)."""
    target = snapshot_path(store_path)
    try:
        with open(target, "rb") as handle:
            header = handle.readline().decode("ascii", "replace").split()
    except FileNotFoundError:
        return None
    if len(header) not in (7, 8) or " ".join(header[:4]) != _MARK or header[4] != _identity(store_path):
        return None
    generation, where = header[5], header[6:]
    try:
        position = None if where == ["-"] else Position(int(where[0]), int(where[1]))
        copy = ox.Store()
        # lenient: the file is this module's own serialisation of terms that were checked when first written.
        copy.load(path=str(target), format=ox.RdfFormat.N_QUADS, lenient=True)
    except (OSError, SyntaxError, ValueError, IndexError):
        return None
    if any(not (isinstance(graph, ox.NamedNode) and is_public(graph.value)) for graph in copy.named_graphs()):
        return None
    if next(iter(copy.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None:
        return None
    return Snapshot(copy, generation, position)


def _identity(store_path: Path) -> str | None:
    """The database's own id, made when the folder was created (one word, or None without one)."""
    try:
        words = (store_path / "IDENTITY").read_text(encoding="ascii").split()
    except (OSError, UnicodeDecodeError):
        return None
    return words[0] if len(words) == 1 else None


def drop_snapshot(store_path: Path) -> None:
    """Remove the saved copy and any a stopped process left half-written (the caller holds the store's lock)."""
    snapshot_path(store_path).unlink(missing_ok=True)
    drop_unfinished_snapshots(store_path)


def drop_unfinished_snapshots(store_path: Path) -> list[Path]:
    """The copies a process was saving when it stopped, removed (the caller holds the store's lock)."""
    target = snapshot_path(store_path)
    unfinished = sorted(target.parent.glob(target.name + ".*"))
    for path in unfinished:
        path.unlink(missing_ok=True)
    return unfinished
