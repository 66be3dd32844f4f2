"""Answers to the whole-country questions, saved in the embedded store's folder for the state the store is in,
so that a new process answers them without first making its public copy.

A one-off command that goes through the whole atlas (``suggest`` at demo scale 1) spent about 0.3 s loading the
saved public copy and 0.3 s asking its questions of it, every time, for answers that only a write changes. Here
each such answer is kept once, and a later process reads it back in milliseconds.

What is kept, and for how long:

- Only answers read from the public graphs, to a question with no bound values: at most one file per query
  text (one per query file), so the folder does not grow with use. Answers with values bound (a province, a
  municipality) are asked anew.
- Plain values only (text, numbers, booleans, nothing), written as JSON: reading a file runs no code.
- An answer counts only for the generation it was read at (:meth:`EmbeddedStore.generation`). Every write,
  erasure or restore sets a new generation and removes every saved answer, with the store's lock held; an
  answer is saved with that lock held too, and only if the store still stands at its generation. So no answer
  outlives the data it was read from, and an erased value does not outlive its erasure here.
- The files live inside the store's folder: a folder removed, or replaced by a backup or a restore, takes them
  along.

Saving never waits: when a writer holds the lock, the answer is simply not saved this time.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import stat
import threading
from collections.abc import Callable
from pathlib import Path

from graph.store.answers import Solutions

#: The folder inside the store's folder (the database leaves other files alone, as with the public copy's token).
FOLDER = "SAVED-ANSWERS"
_FORMAT = "passendwerk saved answer 1"
_PLAIN = (str, int, float, bool, type(None))
#: No saved answer is larger (demo scale 1's largest is 0.8 MB): a larger file is not read, only asked anew.
LARGEST_FILE_BYTES = 256 * 1024 * 1024


def _folder(store_path: Path) -> Path:
    return Path(store_path) / FOLDER


def _file(store_path: Path, query: str) -> Path:
    return _folder(store_path) / (hashlib.sha256(query.encode("utf-8")).hexdigest() + ".json")


def read_saved(store_path: Path, query: str, generation: str) -> Solutions | None:
    """The answer saved for ``query`` at ``generation``, or None: none saved, another generation's, or a file
    that is not whole (a file that cannot be read is only a question asked anew).

    Only a regular file of a bounded size in a real folder is read, without following a link and without
    waiting: a link to ``/dev/zero`` or a named pipe put there was read without end."""
    if not _real_folder(store_path):
        return None
    try:
        descriptor = os.open(_file(store_path, query), os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        with open(descriptor, encoding="utf-8", closefd=True) as handle:
            status = os.fstat(handle.fileno())
            if not stat.S_ISREG(status.st_mode) or status.st_size > LARGEST_FILE_BYTES:
                return None
            saved = json.load(handle)
        if saved["format"] != _FORMAT or saved["generation"] != generation or saved["query"] != query:
            return None
        columns, rows = saved["columns"], saved["rows"]
        if not isinstance(columns, list) or not isinstance(rows, list) or len(rows) != saved["count"]:
            return None
        if not all(isinstance(column, str) for column in columns):
            return None
        if not all(isinstance(row, list) and len(row) == len(columns) for row in rows):
            return None
        if not all(isinstance(value, _PLAIN) for row in rows for value in row):
            return None
    except (OSError, ValueError, KeyError, TypeError, RecursionError, MemoryError):
        # RecursionError: brackets nested deeper than the JSON reader goes; never what this module writes.
        return None
    return Solutions(columns, [tuple(row) for row in rows])


def _real_folder(store_path: Path) -> bool:
    """Whether the answers' folder is a folder of its own, not a link to one elsewhere."""
    try:
        return stat.S_ISDIR(os.lstat(_folder(store_path)).st_mode)
    except OSError:
        return False


def save(
    store_path: Path,
    lock_path: Path,
    query: str,
    generation: str,
    answer: Solutions,
    current_generation: Callable[[], str],
) -> None:
    """Keep ``answer`` (plain values) to ``query`` as read at ``generation``, if the store still stands there.

    The store's lock is taken without waiting, on a handle of its own: a write under way (in this process or
    another) means the answer may already be out of date, and a reader should not wait for it."""
    target = _file(store_path, query)
    try:
        with open(lock_path, "a+b") as lock_file:
            try:
                fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return
            try:
                if current_generation() != generation:
                    return
                target.parent.mkdir(exist_ok=True)
                if not _real_folder(store_path):
                    return  # a link put in its place: nothing is written through it
                temporary = target.with_name(f"{target.name}.{os.getpid()}-{threading.get_ident()}")
                content = {
                    "format": _FORMAT,
                    "generation": generation,
                    "query": query,
                    "columns": answer.columns,
                    "count": len(answer.rows),
                    "rows": answer.rows,
                }
                try:
                    with open(temporary, "w", encoding="utf-8") as handle:
                        json.dump(content, handle, ensure_ascii=False, separators=(",", ":"))
                    os.replace(temporary, target)
                finally:
                    temporary.unlink(missing_ok=True)
            finally:
                fcntl.flock(lock_file, fcntl.LOCK_UN)
    except OSError:
        # An answer that cannot be saved (a full disk, a read-only folder) is only asked again next time.
        return


def drop_saved_answers(store_path: Path) -> None:
    """Remove every saved answer, and any a stopped process left half-written (the caller holds the lock).
    A link put in the folder's place is removed itself: the files it points to are not the store's."""
    folder = _folder(store_path)
    if not _real_folder(store_path):
        if folder.is_symlink() or folder.is_file():
            folder.unlink(missing_ok=True)
        return
    for path in _files_in(folder):
        path.unlink(missing_ok=True)


def drop_unfinished_answers(store_path: Path) -> list[Path]:
    """The answers a process was saving when it stopped, removed (the caller holds the store's lock)."""
    if not _real_folder(store_path):
        return []
    unfinished = [path for path in _files_in(_folder(store_path)) if not path.name.endswith(".json")]
    for path in unfinished:
        path.unlink(missing_ok=True)
    return unfinished


def _files_in(folder: Path) -> list[Path]:
    try:
        return sorted(path for path in folder.iterdir() if path.is_file() or path.is_symlink())
    except OSError:
        return []
