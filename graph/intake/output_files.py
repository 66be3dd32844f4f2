"""Writing what the atlas exports to a path a user named: refused plainly, never half-written.

Every file is written to a temporary file beside its target and moved into place in one step, so a full disk
or an interrupted run leaves the old file (or nothing) and no partial export. An existing file is replaced
only when the user asked for it (``--force``).
"""

from __future__ import annotations

import errno
import os
from collections.abc import Mapping
from pathlib import Path


class OutputError(ValueError):
    """The output cannot be written where the user asked; the message names the path, in Dutch and English."""


def _explain(path: Path, error: OSError) -> OutputError:
    if error.errno == errno.ENOSPC:
        return OutputError(f"{path}: de schijf is vol; er is niets geschreven (the disk is full; nothing was written)")
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return OutputError(f"{path}: geen toestemming om hier te schrijven (no permission to write here)")
    if error.errno == errno.EISDIR:
        return OutputError(f"{path}: is een map, geef een bestandsnaam (is a folder, give a file name)")
    if error.errno == errno.ENOTDIR:
        return OutputError(f"{path}: een deel van het pad is geen map (part of the path is not a folder)")
    reason = error.strerror or type(error).__name__
    return OutputError(f"{path}: kan niet schrijven ({reason}); er is niets geschreven (cannot write; nothing written)")


def _refuse_missing_folder(folder: Path) -> None:
    """A folder that is not there is a typing error more often than a wish: it is never made on the way."""
    if not folder.is_dir():
        raise OutputError(
            f"{folder}: deze map bestaat niet; maak haar eerst of kies een andere "
            "(this folder does not exist; make it first or choose another)"
        )


def check_file_target(path: Path, force: bool) -> None:
    """Refuse a folder, a file in a folder that is not there, or an existing file without ``force``, before any work
    is done."""
    _refuse_missing_folder(path.parent)
    if path.is_dir():
        raise OutputError(f"{path}: is een map, geef een bestandsnaam (is a folder, give a file name)")
    if path.exists() and not path.is_file():  # a device such as /dev/full: never replaced by a file
        raise OutputError(f"{path}: is geen gewoon bestand (is not a regular file)")
    if path.exists() and not force:
        raise OutputError(
            f"{path}: bestaat al; gebruik --force om het te vervangen (already exists; use --force to replace it)"
        )


def check_folder_target(folder: Path, names: list[str], force: bool) -> None:
    """Refuse a path that is a file, a folder in a folder that is not there, or a folder that already holds one of
    ``names`` without ``force``. The folder itself is made when it is not there yet."""
    _refuse_missing_folder(folder.parent)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: is een bestand, geef een map (is a file, give a folder)")
    existing = [name for name in names if (folder / name).exists()]
    if existing and not force:
        raise OutputError(
            f"{folder}: bevat al {', '.join(existing)}; gebruik --force om te vervangen "
            f"(already holds {', '.join(existing)}; use --force to replace)"
        )
    for name in existing:
        if not (folder / name).is_file():
            raise OutputError(f"{folder / name}: is geen gewoon bestand (is not a regular file)")


def _write_temporary(target: Path, content: bytes) -> Path:
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise _explain(target, error) from error
    return temporary


def write_files(targets: Mapping[Path, bytes]) -> None:
    """Write every file completely beside its target first, then move them all into place.

    When any file cannot be written, nothing is moved and every temporary file is removed.
    """
    written: dict[Path, Path] = {}
    try:
        for target, content in targets.items():
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise _explain(target.parent, error) from error
            written[target] = _write_temporary(target, content)
        for target, temporary in written.items():
            try:
                os.replace(temporary, target)
            except OSError as error:
                raise _explain(target, error) from error
    finally:
        for temporary in written.values():
            temporary.unlink(missing_ok=True)
