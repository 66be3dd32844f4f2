"""What the rest of the atlas needs from a store, whatever the engine: the interface, one change, the errors.

Public and private data live apart by construction. Every named graph under ``graph/public/`` is public;
everything else (pending submissions, contacts without consent, review logs) is private; a private graph is
read only with a :class:`~graph.model.viewer.PrivateRead`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from rdflib import Graph, URIRef
from rdflib.term import Identifier, Node

from graph.model.viewer import PrivateRead

if TYPE_CHECKING:
    import pandas as pd

    from graph.settings import ServerAccess
    from graph.store.answers import Solutions

Quad = tuple[Node, Node, Node, URIRef]


class StoreError(RuntimeError):
    """The store could not be opened or written; the message says why, in Dutch and English."""


class QueryTooSlow(StoreError):
    """The engine stopped a query, or refused to start it, because of its time limit."""


@dataclass
class Change:
    """One atomic change: everything in it is written, or nothing is."""

    remove_subjects: set[URIRef] = field(default_factory=set)
    """Every quad with one of these subjects, in any graph, is removed."""
    remove_incoming: set[tuple[URIRef, URIRef]] = field(default_factory=set)
    """(predicate, object) pairs: every quad ``?s predicate object`` is removed."""
    preserve_predicates: set[URIRef] = field(default_factory=set)
    """Quads with these predicates are kept when their subject is removed (they belong to the object)."""
    remove_matching: set[tuple[URIRef | None, URIRef, URIRef | None]] = field(default_factory=set)
    """(subject, predicate, object) patterns, ``None`` for any: every quad that matches one is removed, in any
    graph, also when its predicate is preserved (for links whose owner depends on the subject)."""
    remove_graphs: set[URIRef] = field(default_factory=set)
    remove_quads: list[Quad] = field(default_factory=list)
    add: list[Quad] = field(default_factory=list)
    compact: bool = False
    """Make the store's own files forget what was removed (an erasure): the embedded store writes itself
    anew afterwards. A server keeps its own files; see the README on erasure there."""

    def add_graph(self, graph: Graph, graph_iri: URIRef) -> None:
        self.add.extend((s, p, o, graph_iri) for s, p, o in graph)

    def is_empty(self) -> bool:
        return not (
            self.remove_subjects
            or self.remove_incoming
            or self.remove_matching
            or self.remove_graphs
            or self.remove_quads
            or self.add
        )


class ReadableStore(Protocol):
    """Enough of a store to answer a SELECT query: a store, or an RDF file being imported."""

    def select(
        self,
        query: str,
        bindings: Mapping[str, Identifier] | None = None,
        *,
        private: PrivateRead | None = None,
        max_rows: int | None = None,
        prefixes: Mapping[str, str] | None = None,
    ) -> pd.DataFrame: ...

    def rows(
        self, query: str, bindings: Mapping[str, Identifier] | None = None, *, private: PrivateRead | None = None
    ) -> Solutions:
        """The same answer as :meth:`select` as rows of plain values, without a table (nor pandas)."""
        ...


class AtlasStore(ReadableStore, Protocol):
    """What the rest of the atlas needs from a store: the embedded one or a SPARQL server."""

    @property
    def location(self) -> str: ...

    @property
    def access(self) -> ServerAccess | None:
        """How to reach a server (address, accounts, time limits); ``None`` for the embedded store."""
        ...

    def generation(self) -> str:
        """A token that changes with every committed write, in any process or replica."""
        ...

    def ask(
        self,
        query: str,
        bindings: Mapping[str, Identifier] | None = None,
        *,
        private: PrivateRead | None = None,
        prefixes: Mapping[str, str] | None = None,
    ) -> bool: ...

    def construct(
        self,
        query: str,
        bindings: Mapping[str, Identifier] | None = None,
        *,
        private: PrivateRead | None = None,
        prefixes: Mapping[str, str] | None = None,
        max_triples: int | None = None,
    ) -> Graph: ...

    def quads(
        self,
        subject: URIRef | None = None,
        predicate: URIRef | None = None,
        obj: Identifier | None = None,
        graph: URIRef | None = None,
        *,
        private: PrivateRead | None = None,
    ) -> list[Quad]: ...

    def named_graphs(self, *, private: PrivateRead | None = None) -> list[str]: ...

    def count(self, *, private: PrivateRead | None = None) -> int: ...

    def dump(self, *, private: PrivateRead | None = None) -> bytes: ...

    def apply(self, change: Change) -> None: ...

    def backup(self, target: Path) -> None: ...

    def restore(self, source: Path) -> None: ...

    def tidy(self, older_than: timedelta, unregistered: bool = False) -> list[str]:
        """Drop what an interrupted write left behind, older than ``older_than``; the graphs dropped."""
        ...
