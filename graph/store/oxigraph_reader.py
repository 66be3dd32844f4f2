"""Reading Oxigraph: the questions, quad patterns and dumps that every Oxigraph-backed store answers alike.

A subclass says where public and private reads go (:meth:`OxigraphReader._reading`): the embedded store to
its public copy, its folder or, with a private capability, its whole folder; an RDF file being imported to
itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Identifier

from graph.model.terms import from_ox, to_ox
from graph.model.viewer import PrivateRead
from graph.store.answers import Solutions, _materialise, graph_of
from graph.store.interface import Quad
from graph.store.public_graphs import PublicGraphs

if TYPE_CHECKING:
    import pandas as pd


class OxigraphReader:
    """Read access to Oxigraph; subclasses say where the public and the private data are."""

    @contextmanager
    def _reading(self, private: PrivateRead | None) -> Iterator[ox.Store | PublicGraphs]:
        raise NotImplementedError
        yield  # pragma: no cover

    def _execute(
        self,
        query: str,
        bindings: Mapping[str, Identifier] | None,
        private: PrivateRead | None,
        max_rows: int | None = None,
        prefixes: Mapping[str, str] | None = None,
    ) -> Any:
        substitutions = {ox.Variable(name): to_ox(value) for name, value in (bindings or {}).items()}
        # The default graph is the union of the graphs read (the public ones, or all): the dataset that every
        # query file's header describes. Prefixes are only those the caller offers (the console's); query
        # files declare their own.
        with self._reading(private) as store:
            answer = _materialise(
                store.query(
                    query, prefixes=dict(prefixes or {}), use_default_graph_as_union=True, substitutions=substitutions
                ),
                max_rows,
            )
        return answer

    def select(
        self,
        query: str,
        bindings: Mapping[str, Identifier] | None = None,
        *,
        private: PrivateRead | None = None,
        max_rows: int | None = None,
        prefixes: Mapping[str, str] | None = None,
    ) -> pd.DataFrame:
        """The answer to a SELECT query as a table of plain values (IRIs as text, numbers as numbers)."""
        return self._plain(query, bindings, private, max_rows, prefixes).table()

    def rows(
        self, query: str, bindings: Mapping[str, Identifier] | None = None, *, private: PrivateRead | None = None
    ) -> Solutions:
        """The answer to a SELECT query as rows of plain values, without making a table of them."""
        return self._plain(query, bindings, private)

    def _plain(
        self,
        query: str,
        bindings: Mapping[str, Identifier] | None,
        private: PrivateRead | None,
        max_rows: int | None = None,
        prefixes: Mapping[str, str] | None = None,
    ) -> Solutions:
        return self._solutions(query, bindings, private, max_rows, prefixes).plain()

    def _solutions(
        self,
        query: str,
        bindings: Mapping[str, Identifier] | None,
        private: PrivateRead | None,
        max_rows: int | None = None,
        prefixes: Mapping[str, str] | None = None,
    ) -> Solutions:
        result = self._execute(query, bindings, private, max_rows, prefixes)
        if not isinstance(result, Solutions):
            raise TypeError("not a SELECT query")
        return result

    def ask(
        self,
        query: str,
        bindings: Mapping[str, Identifier] | None = None,
        *,
        private: PrivateRead | None = None,
        prefixes: Mapping[str, str] | None = None,
    ) -> bool:
        return bool(self._execute(query, bindings, private, prefixes=prefixes))

    def construct(
        self,
        query: str,
        bindings: Mapping[str, Identifier] | None = None,
        *,
        private: PrivateRead | None = None,
        prefixes: Mapping[str, str] | None = None,
        max_triples: int | None = None,
    ) -> Graph:
        """The answer to a CONSTRUCT or DESCRIBE query; with ``max_triples``, reading stops after that many."""
        return graph_of(self._execute(query, bindings, private, max_triples, prefixes))

    def quads(
        self,
        subject: URIRef | None = None,
        predicate: URIRef | None = None,
        obj: Identifier | None = None,
        graph: URIRef | None = None,
        *,
        private: PrivateRead | None = None,
    ) -> list[Quad]:
        pattern = [None if term is None else to_ox(term) for term in (subject, predicate, obj, graph)]
        with self._reading(private) as store:
            found = list(store.quads_for_pattern(*pattern))
        return [
            (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), URIRef(q.graph_name.value))
            for q in found
            if isinstance(q.graph_name, ox.NamedNode)
        ]

    def named_graphs(self, *, private: PrivateRead | None = None) -> list[str]:
        with self._reading(private) as store:
            return sorted(g.value for g in store.named_graphs())

    def count(self, *, private: PrivateRead | None = None) -> int:
        with self._reading(private) as store:
            return len(store)

    def dump(self, *, private: PrivateRead | None = None) -> bytes:
        """Every quad as N-Quads: the public graphs, or with ``private`` everything."""
        with self._reading(private) as store:
            return store.dump(format=ox.RdfFormat.N_QUADS) or b""


class MemoryStore(OxigraphReader):
    """An in-memory Oxigraph store whose whole content counts as public (an RDF file being imported)."""

    def __init__(self, store: ox.Store | None = None) -> None:
        self.store = store if store is not None else ox.Store()

    @contextmanager
    def _reading(self, private: PrivateRead | None) -> Iterator[ox.Store | PublicGraphs]:
        yield self.store
