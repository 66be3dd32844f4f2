"""The last in-memory public copy, saved beside the embedded store, so that a new process need not read the
public graphs out of the folder again.

Reading the 165,000 public quads of demo scale 1 out of the on-disk store takes about 1.4 s; loading the same
quads from this file takes about 0.4 s. A process that makes its copy from the folder saves it here, together
with the generation and the journal position it stands at. A process that starts later loads it and applies
the journal's entries since then, exactly as it would bring its own copy up to date (:mod:`graph.store.journal`);
when no chain of entries leads from the saved generation to the store's, it copies from the folder instead.

The copy belongs to one folder: saving it puts a random token in a file inside the store's folder and in the
copy's first line, and a copy whose token the folder does not hold is not used. A store removed and made anew,
or a folder replaced by a backup (a backup holds only the database's own files), never starts from the old
copy. The last line counts the quads, so a copy cut short is not used either. Like the journal, the file only
ever holds quads of public graphs (it is written from the copy, and a file that names any other graph is not
used). It is written and removed with the store's lock held, and removed whenever the journal is started
afresh for an erasure or a restore, so an erased value does not outlive its erasure here.
"""

from __future__ import annotations

import glob
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graph.store.journal import Position, is_public

_MARK = "# passendwerk public copy"
_END = "# end of public copy"
#: The file inside the store's folder that names the copy saved from it (the database leaves other files alone).
TOKEN_FILE = "PUBLIC-COPY-TOKEN"
_LARGEST_OFFSET = 2**63 - 1


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
    token = secrets.token_hex(16)
    where = "-" if position is None else f"{position.inode} {position.offset}"
    temporary = target.with_name(f"{target.name}.{os.getpid()}")
    try:
        with open(temporary, "wb") as handle:
            handle.write(f"{_MARK} {token} {generation} {where}\n".encode("ascii"))
            copy.dump(output=handle, format=ox.RdfFormat.N_QUADS)
            handle.write(f"{_END} {len(copy)}\n".encode("ascii"))
            handle.flush()
            os.fsync(handle.fileno())
        _write_token(store_path, token)
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
            handle.seek(max(0, os.fstat(handle.fileno()).st_size - 64))
            ending = handle.read().decode("ascii", "replace").rstrip("\n").rsplit("\n", 1)[-1]
    except OSError:
        return None
    token = _token(store_path)
    if len(header) not in (7, 8) or " ".join(header[:4]) != _MARK or token is None or header[4] != token:
        return None
    if not ending.startswith(_END + " "):
        return None
    generation, where = header[5], header[6:]
    try:
        position = None if where == ["-"] else Position(*(_offset(number) for number in where))
        expected = int(ending[len(_END) + 1 :])
        copy = ox.Store()
        # lenient: the file is this module's own serialisation of terms that were checked when first written.
        copy.load(path=str(target), format=ox.RdfFormat.N_QUADS, lenient=True)
    except (OSError, SyntaxError, ValueError, TypeError):
        return None
    if len(copy) != expected:
        return None
    if any(not (isinstance(graph, ox.NamedNode) and is_public(graph.value)) for graph in copy.named_graphs()):
        return None
    if next(iter(copy.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None:
        return None
    return Snapshot(copy, generation, position)


def _offset(text: str) -> int:
    number = int(text)
    if not 0 <= number <= _LARGEST_OFFSET:
        raise ValueError(f"not a file position: {text}")
    return number


def _write_token(store_path: Path, token: str) -> None:
    target = store_path / TOKEN_FILE
    temporary = target.with_name(f"{TOKEN_FILE}.{os.getpid()}")
    temporary.write_text(token + "\n", encoding="ascii")
    os.replace(temporary, target)


def _token(store_path: Path) -> str | None:
    try:
        words = (store_path / TOKEN_FILE).read_text(encoding="ascii").split()
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
    unfinished = sorted(target.parent.glob(glob.escape(target.name) + ".*"))
    for path in unfinished:
        if path.is_file() or path.is_symlink():
            path.unlink(missing_ok=True)
    return unfinished
