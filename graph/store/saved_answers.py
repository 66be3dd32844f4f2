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
import threading
from collections.abc import Callable
from pathlib import Path

from graph.store.answers import Solutions

#: The folder inside the store's folder (the database leaves other files alone, as with the public copy's token).
FOLDER = "SAVED-ANSWERS"
_FORMAT = "passendwerk saved answer 1"
_PLAIN = (str, int, float, bool, type(None))


def _folder(store_path: Path) -> Path:
    return Path(store_path) / FOLDER


def _file(store_path: Path, query: str) -> Path:
    return _folder(store_path) / (hashlib.sha256(query.encode("utf-8")).hexdigest() + ".json")


def read_saved(store_path: Path, query: str, generation: str) -> Solutions | None:
    """The answer saved for ``query`` at ``generation``, or None: none saved, another generation's, or a file
    that is not whole (a file that cannot be read is only a question asked anew)."""
    try:
        with open(_file(store_path, query), encoding="utf-8") as handle:
            saved = json.load(handle)
        if saved["format"] != _FORMAT or saved["generation"] != generation or saved["query"] != query:
            return None
        columns, rows = saved["columns"], saved["rows"]
        if len(rows) != saved["count"] or not all(isinstance(column, str) for column in columns):
            return None
        answer = Solutions(columns, [tuple(row) for row in rows])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if any(len(row) != len(columns) or not all(isinstance(value, _PLAIN) for value in row) for row in answer.rows):
        return None
    return answer


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
    """Remove every saved answer, and any a stopped process left half-written (the caller holds the lock)."""
    folder = _folder(store_path)
    try:
        paths = list(folder.iterdir())
    except OSError:
        return
    for path in paths:
        if path.is_file() or path.is_symlink():
            path.unlink(missing_ok=True)
