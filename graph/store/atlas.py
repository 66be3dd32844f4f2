"""The atlas as one object: its settings, its store and its named questions, opened once and passed down.

Every read model, command and page takes this one object instead of a store and a query catalogue side by
side; what it may see is decided by the viewer it is also given (see :mod:`graph.model.viewer`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rdflib.term import Identifier

from graph.model.viewer import PrivateRead
from graph.settings import Settings
from graph.store.catalogue import QueryCatalogue
from graph.store.interface import AtlasStore
from graph.store.opening import open_store

if TYPE_CHECKING:
    import pandas as pd

    from graph.store.answers import Solutions


@dataclass(frozen=True)
class Atlas:
    settings: Settings
    store: AtlasStore
    questions: QueryCatalogue = field(repr=False)
    """The named questions of ``queries/`` (and ``queries/internal/``), run with bound values."""

    @classmethod
    def open(cls, settings: Settings) -> Atlas:
        store = open_store(settings.store, settings.server, settings.public_reads)
        return cls(settings, store, QueryCatalogue(settings.queries_dir))

    def answer(
        self,
        name: str,
        values: Mapping[str, str | Identifier | None] | None = None,
        *,
        private: PrivateRead | None = None,
    ) -> pd.DataFrame:
        """The answer to the named question ``name`` with ``values`` bound, from this atlas's store."""
        return self.questions.run(self.store, name, values, private=private)

    def rows(
        self,
        name: str,
        values: Mapping[str, str | Identifier | None] | None = None,
        *,
        private: PrivateRead | None = None,
    ) -> Solutions:
        """The same answer as :meth:`answer` as rows of plain values: for a command that prints a few rows."""
        return self.questions.rows(self.store, name, values, private=private)
