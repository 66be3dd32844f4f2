"""The atlas as one object: its settings, its store and its named questions, opened once and passed down.

Every read model, command and page takes this one object instead of a store and a query catalogue side by
side; what it may see is decided by the viewer it is also given (see :mod:`graph.model.viewer`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd
from rdflib.term import Identifier

from graph.model.viewer import PrivateRead
from graph.settings import Settings
from graph.store.catalogue import QueryCatalogue
from graph.store.interface import AtlasStore
from graph.store.opening import open_store


@dataclass(frozen=True)
class Atlas:
    settings: Settings
    store: AtlasStore
    questions: QueryCatalogue = field(repr=False)
    """The named questions of ``queries/`` (and ``queries/internal/``), run with bound values."""

    @classmethod
    def open(cls, settings: Settings) -> Atlas:
        return cls(settings, open_store(settings.store, settings.server), QueryCatalogue(settings.queries_dir))

    def answer(
        self,
        name: str,
        values: Mapping[str, str | Identifier | None] | None = None,
        *,
        private: PrivateRead | None = None,
    ) -> pd.DataFrame:
        """The answer to the named question ``name`` with ``values`` bound, from this atlas's store."""
        return self.questions.run(self.store, name, values, private=private)
