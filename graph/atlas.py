"""The atlas as one object: settings, the store and the query library, opened once and passed down."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from graph.settings import Settings
from graph.store.catalogue import QueryLibrary
from graph.store.interface import AtlasStore
from graph.store.opening import open_store

if TYPE_CHECKING:
    from graph.intake.importer import ImportReport

# The importer (SHACL, geometry) and the reference loader are imported where they are used: a command that
# only reads should not pay for loading them.


@dataclass
class Atlas:
    settings: Settings
    store: AtlasStore
    library: QueryLibrary = field(repr=False)

    @classmethod
    def open(cls, settings: Settings) -> Atlas:
        return cls(settings, open_store(settings.store, settings.server), QueryLibrary(settings.queries_dir))

    def has_records(self) -> bool:
        return bool(self.library.run(self.store, "internal/organisation-kinds").shape[0])

    def has_reference(self) -> bool:
        from graph.intake.reference import has_reference

        return has_reference(self.store)

    def initialise(self, seed: Path | None = None) -> list[str]:
        """Bring an empty store to a usable state: vocabulary, reference data (when available) and seed data.

        Returns what it did, one line each; a store that already holds data is left as it is.
        """
        done = self.prepare()
        if not self.has_records():
            report = self.import_path(seed or self.settings.data_dir / "seed", agent="seed")
            if not report.ok:
                raise ValueError("\n".join(problem.render() for problem in report.problems))
            done.append(f"voorbeeldgegevens: {len(report.records)} records (seed data)")
        return done

    def prepare(self) -> list[str]:
        """Load the vocabulary, and the reference data when it is available and not loaded yet."""
        from graph.intake.importer import ensure_vocabulary
        from graph.intake.reference import load_reference

        done = []
        if ensure_vocabulary(self.store, self.settings.data_dir):
            done.append("vocabulaire geladen (vocabulary loaded)")
        if self.settings.reference is not None and not self.has_reference():
            count = load_reference(self.store, self.settings.reference)
            done.append(f"referentiegegevens: {count} gemeenten (reference data: {count} municipalities)")
        return done

    def import_path(self, path: Path, agent: str = "cli") -> ImportReport:
        from graph.intake.importer import import_path

        return import_path(self.store, self.library, Path(path), self.settings.data_dir, agent)
