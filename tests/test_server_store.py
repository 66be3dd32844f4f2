"""What only a server store has to get right: endpoints, credentials, result limits, dataset clauses, and what a
writer that dies leaves behind."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from graph.model.vocab import SDO, private_graph, public_graph
from graph.settings import ServerAccess, Settings, graph_store_url_for, settings_from_environment, update_url_for
from graph.store.atlas import Atlas
from graph.store.interface import Change, QueryTooSlow, StoreError
from graph.store.opening import open_store
from graph.store.server.store import SparqlServerStore
from graph.store.server.updates import STATE_GRAPH, staging_run
from graph.views.console import ConsoleError, run_console

from .conftest import EVERYTHING, ServerPool, fresh_server_atlas, run_cli, start_server

pytestmark = pytest.mark.backends
SCHEMA = "PREFIX schema: <https://schema.org/>\n"  # the store adds no prefixes of its own
MANY = 12_000  # more than Virtuoso's default ResultSetMaxRows (10,000)


def many_names(count: int) -> Change:
    change = Change()
    change.add = [
        (URIRef(f"https://w3id.org/passendwerk/id/test/{n}"), SDO.name, Literal(f"naam {n}"), public_graph("many"))
        for n in range(count)
    ]
    return change


def test_an_answer_larger_than_virtuosos_default_limit_is_complete(empty_atlas: Atlas) -> None:
    empty_atlas.store.apply(many_names(MANY))
    answer = empty_atlas.store.select(SCHEMA + "SELECT ?s ?name WHERE { ?s schema:name ?name } ORDER BY ?s")
    assert len(answer) == MANY
    assert set(answer["name"]) == {f"naam {n}" for n in range(MANY)}


def test_a_query_may_not_choose_its_own_dataset(empty_atlas: Atlas) -> None:
    change = Change()
    change.add.append(
        (URIRef("https://w3id.org/passendwerk/id/test/x"), SDO.name, Literal("geheim"), private_graph("x"))
    )
    empty_atlas.store.apply(change)
    sneaky = "SELECT ?o FROM <https://w3id.org/passendwerk/graph/private/x> WHERE { ?s ?p ?o }"
    with pytest.raises(ConsoleError, match="FROM"):
        run_console(empty_atlas.store, sneaky)
    if isinstance(empty_atlas.store, SparqlServerStore):
        with pytest.raises(StoreError, match="FROM"):
            empty_atlas.store.select(sneaky)
    # a variable or a prefixed name called "from" is not a dataset clause
    assert empty_atlas.store.select(SCHEMA + "SELECT ?from WHERE { BIND(1 AS ?from) }")["from"].tolist() == [1]


def test_endpoint_urls_and_settings() -> None:
    assert update_url_for("http://h:7878/query") == "http://h:7878/update"
    assert update_url_for("http://h:8890/sparql") == "http://h:8890/sparql"
    assert graph_store_url_for("http://h:7878/query") == "http://h:7878/store"
    assert graph_store_url_for("http://h:8890/sparql") == "http://h:8890/sparql-graph-crud"
    assert graph_store_url_for("http://h:8890/sparql-auth") == "http://h:8890/sparql-graph-crud-auth"
    assert graph_store_url_for("http://h/repositories/atlas") is None
    settings = settings_from_environment(
        environ={
            "PASSENDWERK_STORE": "https://sparql.example.org/query",
            "PASSENDWERK_STORE_USER": "atlas",
            "PASSENDWERK_STORE_PASSWORD": "geheim-wachtwoord",
        }
    )
    assert settings.server.user == "atlas" and "geheim-wachtwoord" not in repr(settings)
    with pytest.raises(ValueError, match="basic"):
        settings_from_environment(environ={"PASSENDWERK_STORE_AUTH": "kerberos"})


def test_an_unreachable_server_gives_a_clear_message() -> None:
    store = open_store("http://127.0.0.1:9/query")
    with pytest.raises(StoreError, match="niet bereikbaar"):
        store.count()


def test_virtuoso_credentials_and_its_default_row_limit(tmp_path: Path) -> None:
    """Virtuoso as it comes: a truncated answer is refused with the setting's name; digest credentials work."""
    with start_server("virtuoso", tmp_path / "virtuoso", max_rows=10_000) as server:
        protected = server.query_url  # /sparql-auth
        with pytest.raises(StoreError, match="401"):
            open_store(protected, ServerAccess(user="dba", password="fout", auth="digest")).apply(many_names(1))
        store = open_store(protected, ServerAccess(user="dba", password="dba", auth="digest"))
        store.apply(many_names(MANY))
        with pytest.raises(StoreError, match="ResultSetMaxRows"):
            store.select(SCHEMA + "SELECT ?s ?name WHERE { ?s schema:name ?name }")
        assert int(store.select(SCHEMA + "SELECT (COUNT(*) AS ?n) WHERE { ?s schema:name ?name }")["n"][0]) == MANY


def test_a_query_the_server_stops_while_answering_is_reported_as_too_slow(tmp_path: Path) -> None:
    """Regression: Oxigraph server ends a streamed answer with "The SPARQL operation has been cancelled" when its
    own time limit stops a query; that surfaced as a JSON parse error instead of the time-limit message."""
    with start_server("oxigraph", tmp_path / "oxigraph", timeout_s=1) as server:
        store = open_store(server.query_url)
        store.apply(many_names(3_000))
        endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a schema:name ?x . ?b schema:name ?y . ?c schema:name ?z }"
        with pytest.raises(QueryTooSlow, match="stopte de vraag"):
            store.select(SCHEMA + endless)
        with pytest.raises(QueryTooSlow, match="stopte de vraag"):
            store.construct(
                SCHEMA + "CONSTRUCT { <urn:count> schema:name ?n } WHERE { { SELECT (COUNT(*) AS ?n) "
                "WHERE { ?a schema:name ?x . ?b schema:name ?y . ?c schema:name ?z } } }"
            )
        with pytest.raises(ConsoleError, match="afgebroken"):
            run_console(store, endless, timeout_s=30)
        assert int(store.select(SCHEMA + "SELECT (COUNT(*) AS ?n) WHERE { ?s schema:name ?name }")["n"][0]) == 3_000


def test_the_shared_servers_are_reset_between_tests(server_pool: ServerPool) -> None:
    atlas = fresh_server_atlas(server_pool, "oxigraph", None, None)
    atlas.store.apply(many_names(3))
    assert fresh_server_atlas(server_pool, "oxigraph", None, None).store.count() == 0
    assert Atlas.open(Settings(store=atlas.settings.store)).store.count() == 0


def test_a_staging_graph_a_killed_test_writer_left_is_gone_for_the_next_test(server_pool: ServerPool) -> None:
    """Regression: a test that kills an import midway left its staging graph on the shared server, and a later
    test that counts what killed writers leave behind found one graph too many."""
    store = fresh_server_atlas(server_pool, "oxigraph", None, None).store
    assert isinstance(store, SparqlServerStore)
    store._write_graph(
        staging_run(datetime.now(UTC)) + "subjects",
        [ox.Triple(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("o"))],
    )
    store._write_graph(
        str(public_graph("never-registered")),
        [ox.Triple(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("o"))],
    )
    assert len(set(store._graphs_on_server()) - {str(STATE_GRAPH)}) == 2
    after = fresh_server_atlas(server_pool, "oxigraph", None, None).store
    assert isinstance(after, SparqlServerStore) and set(after._graphs_on_server()) <= {str(STATE_GRAPH)}


class Crash(BaseException):
    """Stands for the process dying: nothing after it runs, not even clean-up."""


def test_data_sent_ahead_of_a_change_that_never_commits_stays_invisible(
    empty_atlas: Atlas, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: a new graph is written in place before its change; only the change's request makes it
    visible, also on a server where the atlas never wrote before (no registry to hide it behind yet)."""
    store = empty_atlas.store
    if not isinstance(store, SparqlServerStore):
        pytest.skip("only a server store writes ahead of its change")
    original = store._update
    original("DROP SILENT GRAPH <" + STATE_GRAPH + ">")  # as on a server the atlas never wrote to

    def dies_before_the_change_commits(text: str) -> None:
        if str(public_graph("many")) in text:  # the change's own request, or the clean-up after it
            raise Crash
        original(text)

    monkeypatch.setattr(store, "_update", dies_before_the_change_commits)
    with pytest.raises(Crash):
        store.apply(many_names(MANY))
    reader = open_store(store.location, empty_atlas.settings.server)
    assert reader.count() == 0 and reader.count(private=EVERYTHING) == 0
    assert reader.select(SCHEMA + "SELECT ?name WHERE { ?s schema:name ?name }").empty
    original("DROP SILENT GRAPH <" + public_graph("many") + ">")


def dying_before_registering(graph: URIRef, update: Callable[[str], None]) -> Callable[[str], None]:
    """An update function that writes ahead as usual but dies when a change touching ``graph`` would commit,
    and again when it would clean up, as a killed process does."""

    def dies_before_the_change_commits(text: str) -> None:
        registers_or_cleans_up = str(STATE_GRAPH) in text or text.startswith("DROP SILENT GRAPH")
        if registers_or_cleans_up and str(graph) in text:
            raise Crash
        update(text)

    return dies_before_the_change_commits


def test_a_new_graph_dropped_and_filled_by_one_change_holds_the_additions(empty_atlas: Atlas) -> None:
    """Regression: a change that replaces a graph (drops it and adds the new content) lost everything when the
    graph was new and large enough to be written ahead: its own request dropped what it had written."""
    change = many_names(MANY)
    change.remove_graphs = {public_graph("many")}
    empty_atlas.store.apply(change)
    assert empty_atlas.store.count() == MANY


def test_a_new_change_does_not_publish_what_a_crashed_one_left_behind(
    empty_atlas: Atlas, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: a writer that died after writing a new graph ahead of its change left that graph behind,
    unregistered; the next change to the same graph wrote into it as well and so published the leftover."""
    store = empty_atlas.store
    if not isinstance(store, SparqlServerStore):
        pytest.skip("only a server store writes ahead of its change")
    original = store._update
    store.apply(many_names(1))  # the atlas has written here before, so its registry decides what is visible

    monkeypatch.setattr(store, "_update", dying_before_registering(public_graph("other"), original))
    crashed = many_names(MANY)
    crashed.add = [(s, p, o, public_graph("other")) for s, p, o, _ in crashed.add]
    with pytest.raises(Crash):
        store.apply(crashed)
    monkeypatch.setattr(store, "_update", original)
    later = many_names(600)
    later.add = [(s, p, Literal("later " + str(o)), public_graph("other")) for s, p, o, _ in later.add]
    store.apply(later)
    assert store.count() == 601


def test_tidy_drops_only_what_killed_writers_left_behind(empty_atlas: Atlas, monkeypatch: pytest.MonkeyPatch) -> None:
    store = empty_atlas.store
    if not isinstance(store, SparqlServerStore):  # what a large write leaves: tests/test_store_large_writes.py
        store.apply(many_names(1))
        tidied = run_cli("tidy", store=store.location, check=True)
        assert "0 onafgemaakte kopie(ën) verwijderd" in tidied.stdout
        return
    original = store._update
    store.apply(many_names(1))

    monkeypatch.setattr(store, "_update", dying_before_registering(public_graph("other"), original))
    crashed = many_names(MANY)  # additions to a registered graph, staged
    crashed.add += [(s, p, o, public_graph("other")) for s, p, o, _ in many_names(MANY).add]  # a new graph, in place
    with pytest.raises(Crash):
        store.apply(crashed)
    monkeypatch.setattr(store, "_update", original)
    registered = {str(public_graph("many")), str(STATE_GRAPH)}
    left_behind = set(store._graphs_on_server()) - registered
    assert str(public_graph("other")) in left_behind and len(left_behind) == 2

    recent = run_cli("tidy", store=store.location, check=True)
    assert "0 achtergebleven" in recent.stdout and set(store._graphs_on_server()) - registered == left_behind
    tidied = run_cli("tidy", "--older-than-hours", "0", "--unregistered", store=store.location, check=True)
    assert "2 achtergebleven graaf/grafen verwijderd" in tidied.stdout
    assert set(store._graphs_on_server()) == registered and store.count() == 1
