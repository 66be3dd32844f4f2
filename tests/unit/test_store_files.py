"""Restoring swaps folders: nothing is lost, however quickly restores follow each other."""

from __future__ import annotations

from pathlib import Path

from graph.store.files import swap_in


def _folder(path: Path, text: str) -> Path:
    path.mkdir()
    (path / "data").write_text(text, encoding="utf-8")
    return path


def test_two_restores_in_the_same_second_keep_both_replaced_stores(tmp_path: Path) -> None:
    # Regression: the second restore within one second renamed the store onto the first one's kept copy and
    # stopped with "Directory not empty".
    store = _folder(tmp_path / "store", "now")
    backup = _folder(tmp_path / "backup", "then")
    first = swap_in(backup, store)
    second = swap_in(backup, store)
    assert first != second
    assert (first / "data").read_text(encoding="utf-8") == "now"
    assert (second / "data").read_text(encoding="utf-8") == "then"
    assert (store / "data").read_text(encoding="utf-8") == "then"
    assert not (tmp_path / "store.restoring").exists()
