"""The atlas on a SPARQL 1.1 server (Oxigraph server, Virtuoso, Fuseki, GraphDB …), through the standard protocol.

Everything goes through two URLs: the query endpoint and the update endpoint. Nothing here is specific to
one engine except where an engine is known to bend the standard, and each such place says so.

Public and private data stay apart the same way as in the embedded store, but by the protocol instead of by a
separate copy: every public read names its dataset (``default-graph-uri`` and ``named-graph-uri``) as exactly
the public graphs, so a query, however it is written, cannot reach a private graph. Queries that name their
own dataset (``FROM``) are refused, because some engines (Virtuoso) add those graphs to the protocol's ones
instead of letting the protocol win.

Each change is one SPARQL Update request, which a conforming server applies atomically. Large additions are
first written in chunks into private staging graphs and then moved into place by that one request, so a
reader never sees half of an import. A version token in a private graph, replaced by every change, lets every
app replica notice that something changed.
"""

from __future__ import annotations

import secrets
import threading
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Identifier
from requests import Response

from graph.model.terms import from_ox, to_ox
from graph.model.viewer import PrivateRead
from graph.model.vocab import PUBLIC_GRAPH_BASE
from graph.settings import ServerAccess, graph_store_url_for, update_url_for
from graph.store.answers import Solutions, graph_of
from graph.store.interface import Change, Quad, StoreError
from graph.store.server.answers import NTRIPLES, RESULTS_JSON, answer, answer_triples
from graph.store.server.http import ServerConnection
from graph.store.server.registry import ServerGraphs
from graph.store.server.updates import (
    GRAPH_STORE_CHUNK,
    INLINE_QUADS,
    REMOVE_MARK,
    STATE_GRAPH,
    change_text,
    chunks_keeping_blank_nodes_together,
    graph_value,
    pattern_triples,
    staging_run,
)
from graph.store.sparql_policy import names_own_dataset
from graph.store.sparql_text import inline_values, joined, ox_quad, prologue, quad_block, with_values
from graph.store.store_queries import store_query

if TYPE_CHECKING:
    import pandas as pd


class SparqlServerStore(ServerGraphs):
    """The atlas's store interface over the SPARQL 1.1 Protocol."""

    def __init__(self, query_url: str, access: ServerAccess | None = None) -> None:
        self.access = access or ServerAccess()
        self.query_url = query_url
        self.update_url = self.access.update_url or update_url_for(query_url)
        self.graph_store_url = self.access.graph_store_url or graph_store_url_for(query_url)
        self._http = ServerConnection(self.access)
        # Public reads go, where the server has one, to an endpoint whose account may not update or read private
        # graphs: a second wall behind the request's dataset and the console's checks.
        self.public_query_url = self.access.public_query_url or query_url
        self._public_http = (
            ServerConnection(ServerAccess(timeout_s=self.access.timeout_s))
            if self.access.public_query_url
            else self._http
        )
        self._graphs: tuple[str, list[str]] | None = None
        self._graphs_lock = threading.Lock()

    @property
    def location(self) -> str:
        return self.query_url

    # ------------------------------------------------------------------ protocol
    def _query(self, text: str, dataset: list[str], accept: str, public: bool = False) -> Response:
        # An empty list would mean "the server's default dataset" (in Virtuoso: every graph, its own included).
        graphs = dataset or [str(STATE_GRAPH) + "/none"]
        response = (self._public_http if public else self._http).post(
            self.public_query_url if public else self.query_url,
            {"query": text, "default-graph-uri": graphs, "named-graph-uri": graphs},
            accept,
            read_only=True,
        )
        # Virtuoso cuts answers at its ResultSetMaxRows without an error and says so only in this header.
        if "X-SPARQL-MaxRows" in response.headers:
            raise StoreError(
                "De SPARQL-server gaf een afgekapt antwoord (ResultSetMaxRows = "
                f"{response.headers['X-SPARQL-MaxRows']}); verhoog die grens in de server / the SPARQL server "
                "truncated the answer (ResultSetMaxRows): raise that limit in the server's configuration"
            )
        return response

    def _update(self, text: str) -> None:
        self._http.write(self.update_url, {"update": text})

    # ------------------------------------------------------------------ reading
    def _execute(
        self,
        query: str,
        bindings: Mapping[str, Identifier] | None,
        private: PrivateRead | None,
        accept: str,
        max_rows: int | None = None,
        table: bool = False,
        prefixes: Mapping[str, str] | None = None,
    ) -> Any:
        if names_own_dataset(query):
            raise StoreError(
                "Een vraag mag geen eigen dataset (FROM) kiezen / a query may not choose its own dataset (FROM)"
            )
        # A SELECT's bound values are joined here, on the answer (see _joined); other forms get a VALUES clause.
        text = prologue(prefixes or {}) + (query if table else with_values(query, bindings or {}))
        response = self._query(text, self._dataset(private), accept, public=not private)
        if accept == NTRIPLES:
            found = answer_triples(response)
            return found[:max_rows] if max_rows is not None else found
        result = answer(response)
        if isinstance(result, bool):
            return result
        columns, rows = result[0], [tuple(solution) for solution in result[1]]
        rows = joined(rows, columns, bindings or {}) if table else rows
        return Solutions(columns, rows[:max_rows] if max_rows is not None else rows)

    def select(
        self,
        query: str,
        bindings: Mapping[str, Identifier] | None = None,
        *,
        private: PrivateRead | None = None,
        max_rows: int | None = None,
        prefixes: Mapping[str, str] | None = None,
    ) -> pd.DataFrame:
        return self._solutions(query, bindings, private, max_rows, prefixes).plain().table()

    def rows(
        self, query: str, bindings: Mapping[str, Identifier] | None = None, *, private: PrivateRead | None = None
    ) -> Solutions:
        return self._solutions(query, bindings, private).plain()

    def _solutions(
        self,
        query: str,
        bindings: Mapping[str, Identifier] | None,
        private: PrivateRead | None,
        max_rows: int | None = None,
        prefixes: Mapping[str, str] | None = None,
    ) -> Solutions:
        result = self._execute(query, bindings, private, RESULTS_JSON, max_rows, table=True, prefixes=prefixes)
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
        return bool(self._execute(query, bindings, private, RESULTS_JSON, prefixes=prefixes))

    def construct(
        self,
        query: str,
        bindings: Mapping[str, Identifier] | None = None,
        *,
        private: PrivateRead | None = None,
        prefixes: Mapping[str, str] | None = None,
        max_triples: int | None = None,
    ) -> Graph:
        return graph_of(self._execute(query, bindings, private, NTRIPLES, max_triples, prefixes=prefixes))

    def quads(
        self,
        subject: URIRef | None = None,
        predicate: URIRef | None = None,
        obj: Identifier | None = None,
        graph: URIRef | None = None,
        *,
        private: PrivateRead | None = None,
    ) -> list[Quad]:
        pattern = "GRAPH ?g { ?s ?p ?o }"
        bound = {"s": subject, "p": predicate, "o": obj, "g": graph}
        text = "SELECT ?s ?p ?o ?g WHERE { " + inline_values(bound) + pattern + " }"
        result = self._execute(text, None, private, RESULTS_JSON, table=True)
        return [(from_ox(s), from_ox(p), from_ox(o), URIRef(g.value)) for s, p, o, g in result.rows]

    def named_graphs(self, *, private: PrivateRead | None = None) -> list[str]:
        return list(self._dataset(private))

    def count(self, *, private: PrivateRead | None = None) -> int:
        return int(self.rows(store_query("count"), private=private).rows[0][0])

    def dump(self, *, private: PrivateRead | None = None) -> bytes:
        """Every quad as N-Quads, one graph at a time (a whole store in one answer would hit server limits)."""
        return self._dump_graphs(self._dataset(private))

    def _dump_graphs(self, graphs: list[str]) -> bytes:
        chunks = []
        for graph in graphs:
            response = self._query(
                store_query("graph-content"),
                [graph],
                NTRIPLES,
                public=graph.startswith(str(PUBLIC_GRAPH_BASE)),
            )
            target = ox.NamedNode(graph)
            for triple in answer_triples(response):
                chunks.append(str(ox.Quad(triple.subject, triple.predicate, triple.object, target)) + " .\n")
        return "".join(chunks).encode()

    # ------------------------------------------------------------------ writing
    def apply(self, change: Change) -> None:
        """Write one change as one update request; large parts are written beforehand where nobody reads."""
        if change.is_empty():
            return
        self._adopt_existing_graphs()
        additions = [ox_quad(quad) for quad in change.add]
        run = staging_run(datetime.now(UTC))
        moves: dict[str, str] = {}
        fresh: set[str] = set()
        removal_list: str | None = None
        pattern_list: str | None = None
        committed = False
        try:
            if len(additions) > INLINE_QUADS:
                moves, fresh, left_behind = self._stage_additions(additions, run)
                additions = []
                change = replace(change, remove_graphs=change.remove_graphs | {URIRef(g) for g in left_behind})
            if len(change.remove_subjects) > INLINE_QUADS:
                removal_list = run + "subjects"
                self._write_graph(
                    removal_list,
                    [ox.Triple(to_ox(subject), REMOVE_MARK, REMOVE_MARK) for subject in change.remove_subjects],
                )
            if len(change.remove_matching) > INLINE_QUADS:
                pattern_list = run + "patterns"
                self._write_graph(pattern_list, pattern_triples(change.remove_matching))
            token = secrets.token_hex(8)
            self._update(change_text(change, additions, moves, fresh, removal_list, token, pattern_list))
            committed = True
        finally:
            lists = [graph for graph in (removal_list, pattern_list) if graph]
            leftovers = [*moves.values(), *lists, *([] if committed else fresh)]
            if leftovers:
                self._drop(leftovers)

    def _stage_additions(self, additions: list[ox.Quad], run: str) -> tuple[dict[str, str], set[str], set[str]]:
        """Write additions before the change's request. A graph new to the atlas is written in place when it
        is empty: it is invisible until the request registers it. Additions to an existing graph go to a
        staging graph, which the request adds to it; so does a new graph that holds what a writer that died
        left behind, which the request drops first. Returns (target → staging graph, graphs written in place,
        graphs left behind)."""
        by_graph: dict[str, list[ox.Triple]] = defaultdict(list)
        for quad in additions:
            by_graph[graph_value(quad)].append(ox.Triple(quad.subject, quad.predicate, quad.object))
        known = set(self._all_graphs()) | {str(STATE_GRAPH)}
        new = {graph for graph in by_graph if graph not in known}
        left_behind = {graph for graph in new if self._holds_data(graph)}
        fresh = new - left_behind
        moves = {target: run + str(index) for index, target in enumerate(sorted(set(by_graph) - fresh))}
        for target, triples in by_graph.items():
            self._write_graph(moves.get(target, target), triples)
        return moves, fresh, left_behind

    def _write_graph(self, graph: str, triples: list[ox.Triple]) -> None:
        """Add triples to a graph: by the Graph Store Protocol when the server has one, else by INSERT DATA."""
        target = ox.NamedNode(graph)
        chunk_size = GRAPH_STORE_CHUNK if self.graph_store_url else INLINE_QUADS
        for chunk in chunks_keeping_blank_nodes_together(triples, chunk_size):
            if self.graph_store_url:
                body = "".join(str(triple) + " .\n" for triple in chunk).encode()
                self._http.write(
                    self.graph_store_url, body, params={"graph": graph}, content_type="application/n-triples"
                )
            else:
                quads = [ox.Quad(t.subject, t.predicate, t.object, target) for t in chunk]
                self._update("INSERT DATA {\n" + quad_block(quads) + "\n}")

    # ------------------------------------------------------------------ backup
    def backup(self, target: Path) -> None:
        """Everything, private graphs included, into one N-Quads file (the server's own backup is better)."""
        target = Path(target)
        if target.exists():
            raise StoreError(f"{target} bestaat al / already exists: kies een nieuwe naam / choose a new name")
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(target.name + ".partial")
        temporary.write_bytes(self._dump_graphs(self._all_graphs()))
        temporary.replace(target)

    def restore(self, source: Path) -> None:
        """Replace every atlas graph on the server by the content of an N-Quads backup, in one request."""
        try:
            quads = list(ox.parse(path=str(source), format=ox.RdfFormat.N_QUADS))
        except (OSError, SyntaxError, ValueError) as error:
            raise StoreError(f"{source} is geen back-up van de opslag / is not a store backup: {error}") from error
        change = Change(remove_graphs={URIRef(graph) for graph in self._all_graphs()})
        change.add = [
            (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), URIRef(graph_value(q))) for q in quads
        ]
        self.apply(change)
