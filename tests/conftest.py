"""Shared fixtures: real stores in temporary folders, the real reference data, the real seed data."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graph.atlas import Atlas
from graph.settings import DEFAULT_REFERENCE, REPO_ROOT, Settings

TESTS = Path(__file__).resolve().parent
TINY = TESTS / "data" / "tiny"
SEED = REPO_ROOT / "data" / "seed"


def reference_dir() -> Path:
    if not (DEFAULT_REFERENCE / "gemeenten_2025.csv").exists():
        pytest.skip("reference data (../shared/data) is not available")
    return DEFAULT_REFERENCE


@pytest.fixture
def empty_atlas(tmp_path: Path) -> Atlas:
    """A store with nothing in it, not even the vocabulary."""
    return Atlas.open(Settings(store=str(tmp_path / "store"), reference=None))


@pytest.fixture(scope="session")
def _reference_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the vocabulary and the reference data, built once and copied per test."""
    from graph.importer import ensure_vocabulary
    from graph.reference import load_reference

    folder = tmp_path_factory.mktemp("reference") / "store"
    atlas = Atlas.open(Settings(store=str(folder), reference=reference_dir()))
    ensure_vocabulary(atlas.store, atlas.settings.data_dir)
    load_reference(atlas.store, reference_dir())
    return folder


def _copy_store(source: Path, target: Path) -> None:
    shutil.copytree(source, target)
    generation = source.with_name(source.name + ".generation")
    if generation.exists():
        shutil.copy(generation, target.with_name(target.name + ".generation"))


@pytest.fixture
def reference_atlas(tmp_path: Path, _reference_store: Path) -> Atlas:
    """Vocabulary and CBS reference data, no records."""
    target = tmp_path / "store"
    _copy_store(_reference_store, target)
    return Atlas.open(Settings(store=str(target), reference=reference_dir()))


@pytest.fixture
def seed_atlas(reference_atlas: Atlas) -> Atlas:
    report = reference_atlas.import_path(SEED, agent="test")
    assert report.ok, [p.render() for p in report.problems]
    return reference_atlas


@pytest.fixture
def tiny_atlas(reference_atlas: Atlas) -> Atlas:
    report = reference_atlas.import_path(TINY, agent="test")
    assert report.ok, [p.render() for p in report.problems]
    return reference_atlas


def run_cli(
    *args: str, store: Path | str, check: bool = False, env: dict[str, str] | None = None, input_text: str | None = None
) -> subprocess.CompletedProcess[str]:
    """The real command line in a separate process."""
    import os

    environment = {**os.environ, **(env or {})}
    if DEFAULT_REFERENCE.is_dir():
        environment.setdefault("PASSENDWERK_REFERENCE", str(DEFAULT_REFERENCE))
    return subprocess.run(
        [sys.executable, "-m", "graph", "--store", str(store), *args],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env=environment,
        check=check,
        timeout=300,
        input=input_text,
    )
