"""The embedded store's folder as files: writing it anew, writing a large change beside it, and putting a backup
in its place.

Callers hold the store's write lock; nothing here opens the folder while another handle is open.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox


def rewrite_folder(path: Path) -> None:
    """Write the database anew into a fresh folder and delete the old one, so that its files hold only what
    it holds now. Compaction is not enough: Oxigraph never removes a long literal from its string table
    (measured: a deleted 100-character literal stayed in an .sst file after ``optimize()`` and reopening),
    and its write-ahead log and MANIFEST keep short ones until the database is opened again."""
    fresh = path.with_name(path.name + ".rewriting")
    shutil.rmtree(fresh, ignore_errors=True)
    old = ox.Store(str(path))
    everything = old.dump(format=ox.RdfFormat.N_QUADS) or b""
    del old  # the database closes when its last reference goes
    new = ox.Store(str(fresh))
    new.load(everything, format=ox.RdfFormat.N_QUADS)
    new.flush()
    new.optimize()
    del new
    put_in_place(fresh, path)


def copy_beside(disk: ox.Store, path: Path) -> Path:
    """A copy of the open store in a fresh folder beside ``path`` (a checkpoint: its files are shared by hard
    links until either changes), for a large change to be written into before it takes the store's place."""
    fresh = path.with_name(path.name + ".rewriting")
    shutil.rmtree(fresh, ignore_errors=True)  # what a writer that died before its renames left behind
    disk.backup(str(fresh))
    return fresh


def write_beside(fresh: Path, removal: str, additions: list[ox.Quad]) -> None:
    """Apply a change to the copy beside the store: its removals as one update, its additions in bulk, outside
    a transaction (nobody reads the copy until :func:`put_in_place`), then close it."""
    copy = ox.Store(str(fresh))
    if removal:
        copy.update(removal)
    copy.bulk_extend(additions)
    copy.flush()
    del copy  # the database closes when its last reference goes


def put_in_place(fresh: Path, path: Path) -> None:
    """The complete, closed copy takes the store's place (the store is closed). A stop between the two renames
    is finished the next time the store is opened (:func:`finish_interrupted_rewrite`)."""
    retired = path.with_name(path.name + ".erased")
    os.replace(path, retired)
    os.replace(fresh, path)
    shutil.rmtree(retired)


def drop_unfinished_copy(path: Path) -> Path | None:
    """Delete a copy that a writer was still making beside the store when it stopped; the copy's folder, if
    there was one. With the store in place the copy cannot be a finished one waiting for its rename."""
    fresh = path.with_name(path.name + ".rewriting")
    if not path.exists() or not fresh.exists():
        return None
    shutil.rmtree(fresh)
    return fresh


def is_there(path: Path) -> bool:
    """Whether a store is at ``path``, counting one that a writer is putting in place: between the renames of
    a large write, a rewrite or a restore the folder is briefly (or, after a crash, until the next opening)
    under another name beside it."""
    return any(path.with_name(path.name + suffix).exists() for suffix in ("", ".rewriting", ".erased", ".restoring"))


def finish_interrupted_rewrite(path: Path) -> None:
    """A rewrite, a large write or a restore stopped between its two renames leaves no database at ``path``:
    put the complete new one there (it was closed before the first rename), or else the old one back."""
    if path.exists():
        return
    retired = path.with_name(path.name + ".erased")
    for fresh in (path.with_name(path.name + ".rewriting"), path.with_name(path.name + ".restoring"), retired):
        if fresh.exists():
            os.replace(fresh, path)
            break
    shutil.rmtree(retired, ignore_errors=True)


def swap_in(source: Path, path: Path) -> Path:
    """Put a copy of the backup folder ``source`` in the place of ``path``; returns where the old one went."""
    staging = path.with_name(path.name + ".restoring")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(source, staging)
    stamp = time.strftime("%Y%m%d%H%M%S")
    previous = path.with_name(path.name + f".before-restore-{stamp}")
    serial = 1
    while previous.exists():  # a second restore within the same second keeps both earlier stores
        serial += 1
        previous = path.with_name(path.name + f".before-restore-{stamp}-{serial}")
    if path.exists():
        os.replace(path, previous)
    os.replace(staging, path)
    return previous


class _OpenStore:
    """The on-disk store for the duration of one locked block; closing drops the only reference to it."""

    def __init__(self, store: ox.Store) -> None:
        self._store: ox.Store | None = store

    def __getattr__(self, name: str) -> Any:
        if self._store is None:
            raise RuntimeError("de opslag is al gesloten / the store is closed")
        return getattr(self._store, name)

    def __len__(self) -> int:
        return len(self._store) if self._store is not None else 0

    def close(self) -> None:
        self._store = None
