"""Bringing a store to a usable state: the vocabulary, the reference data when available, and the seed data."""

from __future__ import annotations

from pathlib import Path

from graph.intake.importer import ensure_vocabulary, import_path
from graph.intake.reference import has_reference, load_reference
from graph.store.atlas import Atlas


def has_records(atlas: Atlas) -> bool:
    return bool(atlas.answer("internal/organisation-kinds").shape[0])


def prepare(atlas: Atlas) -> list[str]:
    """Load the vocabulary, and the reference data when it is available and not loaded yet."""
    done = []
    if ensure_vocabulary(atlas.store, atlas.settings.data_dir):
        done.append("vocabulaire geladen (vocabulary loaded)")
    if atlas.settings.reference is not None and not has_reference(atlas.store):
        count = load_reference(atlas.store, atlas.settings.reference)
        done.append(f"referentiegegevens: {count} gemeenten (reference data: {count} municipalities)")
    return done


def initialise(atlas: Atlas, seed: Path | None = None) -> list[str]:
    """Bring an empty store to a usable state: vocabulary, reference data (when available) and seed data.

    Returns what it did, one line each; a store that already holds data is left as it is.
    """
    done = prepare(atlas)
    if not has_records(atlas):
        report = import_path(atlas, seed or atlas.settings.data_dir / "seed", agent="seed")
        if not report.ok:
            raise ValueError("\n".join(problem.render() for problem in report.problems))
        done.append(f"voorbeeldgegevens: {len(report.records)} records (seed data)")
    return done
