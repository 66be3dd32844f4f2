"""`export --out` refuses plainly, in Dutch and English with exit code 2, and never leaves half a file."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import TINY, run_cli


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export") / "store"
    assert run_cli("import", str(TINY), store=folder).returncode == 0
    return folder


@pytest.fixture()
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs: a real full disk for an export (needs root, as the test machines run)."""
    folder = tmp_path / "tiny-disk"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def _refused(result: subprocess.CompletedProcess[str], dutch: str, english: str) -> None:
    assert result.returncode == 2, result.stderr
    assert dutch in result.stderr and english in result.stderr
    assert "Traceback" not in result.stderr


def test_export_out_to_a_folder_is_refused(store: Path, tmp_path: Path) -> None:
    for export_format in ("ttl", "xlsx"):
        result = run_cli("export", "--format", export_format, "--out", str(tmp_path), store=store)
        _refused(result, "is een map", "is a folder")


def test_export_out_into_a_folder_that_is_not_there_is_refused_not_made(store: Path, tmp_path: Path) -> None:
    """Regression: `--out /nonexistent/x.ttl` made the folder /nonexistent and said nothing, so a typing error in
    the path went unnoticed. A CSV export still makes its own folder, in a folder that is there."""
    for export_format, target in (("ttl", tmp_path / "typo" / "atlas.ttl"), ("csv", tmp_path / "typo" / "csv")):
        result = run_cli("export", "--format", export_format, "--out", str(target), store=store)
        _refused(result, "deze map bestaat niet", "this folder does not exist")
        assert not (tmp_path / "typo").exists()
    assert run_cli("export", "--format", "csv", "--out", str(tmp_path / "csv"), store=store).returncode == 0
    assert (tmp_path / "csv" / "organisations.csv").is_file()


def test_export_out_existing_file_needs_force(store: Path, tmp_path: Path) -> None:
    target = tmp_path / "atlas.ttl"
    target.write_text("mijn eigen bestand\n", encoding="utf-8")
    _refused(run_cli("export", "--format", "ttl", "--out", str(target), store=store), "bestaat al", "--force")
    assert target.read_text(encoding="utf-8") == "mijn eigen bestand\n"
    assert run_cli("export", "--format", "ttl", "--out", str(target), "--force", store=store).returncode == 0
    assert "Bibliotheek Alfa" in target.read_text(encoding="utf-8")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["atlas.ttl"]  # no temporary file left


def test_export_csv_into_a_folder_with_the_template_needs_force(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("export", "--format", "csv", "--out", str(out), store=store).returncode == 0
    (out / "sites.csv").write_text("bewerkt\n", encoding="utf-8")
    _refused(run_cli("export", "--format", "csv", "--out", str(out), store=store), "sites.csv", "--force")
    assert (out / "sites.csv").read_text(encoding="utf-8") == "bewerkt\n"
    assert run_cli("export", "--format", "csv", "--out", str(out), "--force", store=store).returncode == 0
    assert (out / "sites.csv").read_text(encoding="utf-8").startswith("id,organisation_id")
    file_as_folder = tmp_path / "a-file"
    file_as_folder.write_text("x", encoding="utf-8")
    result = run_cli("export", "--format", "csv", "--out", str(file_as_folder), store=store)
    _refused(result, "is een bestand", "is a file")


def test_export_out_to_a_device_is_refused(store: Path) -> None:
    for force in ([], ["--force"]):
        result = run_cli("export", "--format", "nt", "--out", "/dev/full", *force, store=store)
        _refused(result, "geen gewoon bestand", "not a regular file")
    assert Path("/dev/full").is_char_device()


def test_export_out_on_a_full_disk_says_so_and_leaves_nothing(store: Path, tiny_disk: Path) -> None:
    (tiny_disk / "filler").write_bytes(b"x" * 15 * 4096)  # one 4 KiB page of the 64 KiB left
    target = tiny_disk / "atlas.nt"
    _refused(run_cli("export", "--format", "nt", "--out", str(target), store=store), "schijf is vol", "disk is full")
    assert sorted(path.name for path in tiny_disk.iterdir()) == ["filler"]
    old = b"an earlier export\n"
    target.write_bytes(old)
    result = run_cli("export", "--format", "nt", "--out", str(target), "--force", store=store)
    _refused(result, "schijf is vol", "disk is full")
    assert target.read_bytes() == old  # the earlier file is whole, not half replaced
    assert sorted(path.name for path in tiny_disk.iterdir()) == ["atlas.nt", "filler"]
    csv_result = run_cli("export", "--format", "csv", "--out", str(tiny_disk / "template"), store=store)
    _refused(csv_result, "schijf is vol", "disk is full")
    assert not list((tiny_disk / "template").glob("*"))
