"""Which graphs are the atlas's on a SPARQL server, and which version of them: the books the server store keeps.

Each change registers the graphs it writes, and replaces a version token, in a private state graph. Reading that
graph says in one round trip what is visible and whether anything changed; listing a server's graphs by
scanning its quads takes seconds on Virtuoso, whose own graphs are large. A scan is only made to adopt data
loaded by other means and to find what writers that died left behind (:meth:`ServerGraphs.tidy`).
"""

from __future__ import annotations

import secrets
import threading
from datetime import UTC, datetime, timedelta

import pyoxigraph as ox
from requests import Response

from graph.model.viewer import PrivateRead, reads_private
from graph.model.vocab import PUBLIC_GRAPH_BASE
from graph.store.interface import Change
from graph.store.server.answers import RESULTS_JSON, answer, solutions
from graph.store.server.http import ServerConnection
from graph.store.server.updates import STAGING_PREFIX, STATE_GRAPH, change_text, staging_started
from graph.store.store_queries import store_query


class ServerGraphs:
    """The registry part of :class:`graph.store.server.store.SparqlServerStore`, which supplies the protocol."""

    query_url: str
    _http: ServerConnection
    _graphs: tuple[str, list[str]] | None
    _graphs_lock: threading.Lock

    def _query(self, text: str, dataset: list[str], accept: str, public: bool = False) -> Response:
        raise NotImplementedError

    def _update(self, text: str) -> None:
        raise NotImplementedError

    def _state(self) -> tuple[str, list[str]]:
        """The version token and the registered graphs, in one round trip."""
        response = self._query(store_query("state"), [str(STATE_GRAPH)], RESULTS_JSON)
        tokens, graphs = [], []
        for token, graph in solutions(response):
            if token is not None:
                tokens.append(str(token.value))
            if graph is not None:
                graphs.append(str(graph.value))
        return "|".join(sorted(tokens)) or "0", sorted(graphs)

    def generation(self) -> str:
        return self._state()[0]

    def _all_graphs(self) -> list[str]:
        """Every atlas graph, as the registry says."""
        with self._graphs_lock:
            generation, graphs = self._state()
            if self._graphs is None or self._graphs[0] != generation:
                # No version token: the atlas never wrote here; take the data as loaded by other means.
                self._graphs = (generation, graphs if generation != "0" else self._scanned_graphs())
            return self._graphs[1]

    def _dataset(self, private: PrivateRead | None) -> list[str]:
        # The one gate to the private graphs: a real PrivateRead or nothing (see graph/model/viewer.py).
        graphs = self._all_graphs()
        return graphs if reads_private(private) else [graph for graph in graphs if graph.startswith(PUBLIC_GRAPH_BASE)]

    def _adopt_existing_graphs(self) -> None:
        """Before the first write: register what is there, so that the registry alone says what is visible
        (a graph written ahead of a change must stay invisible even if that change never arrives)."""
        if self.generation() == "0":
            self._update(change_text(Change(), [], {}, set(self._scanned_graphs()), None, secrets.token_hex(8)))

    def _scanned_graphs(self) -> list[str]:
        return [
            graph
            for graph in self._graphs_on_server()
            if not graph.startswith(str(STAGING_PREFIX)) and graph != str(STATE_GRAPH)
        ]

    def _graphs_on_server(self) -> list[str]:
        """Every graph of the atlas's namespace on the server, registered or not (a scan of every atlas quad)."""
        response = self._http.post(self.query_url, {"query": store_query("graphs")}, RESULTS_JSON)
        return sorted(str(row[0].value) for row in solutions(response))

    def _holds_data(self, graph: str) -> bool:
        return answer(self._query(store_query("graph-holds-data"), [graph], RESULTS_JSON)) is True

    def tidy(self, older_than: timedelta, unregistered: bool = False) -> list[str]:
        """Drop what writers that died left behind, invisible but taking space: staging graphs of changes that
        started longer than ``older_than`` ago and, with ``unregistered``, new graphs a change wrote ahead but
        never registered (only safe while no change is being written). Returns the graphs dropped."""
        now = datetime.now(UTC)
        registered = set(self._all_graphs()) | {str(STATE_GRAPH)}
        leftovers = []
        for graph in self._graphs_on_server():
            if graph.startswith(str(STAGING_PREFIX)):
                started = staging_started(graph)
                if started is None or now - started >= older_than:
                    leftovers.append(graph)
            elif unregistered and graph not in registered:
                leftovers.append(graph)
        if leftovers:
            self._drop(leftovers)
        return leftovers

    def _drop(self, graphs: list[str]) -> None:
        self._update(" ;\n".join("DROP SILENT GRAPH " + str(ox.NamedNode(graph)) for graph in graphs))
