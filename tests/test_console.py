"""The free SPARQL console: read-only, no outgoing requests, bounded, no private data."""

from __future__ import annotations

import pytest

from graph.atlas import Atlas
from graph.console import ConsoleError, check_read_only, run_console

from .conftest import EVERYTHING, run_cli

pytestmark = pytest.mark.backends

REFUSED_UPDATES = [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR ALL",
    "DROP GRAPH <urn:g>",
    "CREATE GRAPH <urn:g>",
    "PREFIX x: <urn:x> INSERT { ?s x:p 1 } WHERE { ?s ?p ?o }",
    "select * where { ?s ?p ?o } ; drop all",
]


@pytest.mark.parametrize("query", REFUSED_UPDATES)
def test_writes_are_refused_and_change_nothing(tiny_atlas: Atlas, query: str) -> None:
    before = tiny_atlas.store.dump(private=EVERYTHING)
    with pytest.raises(ConsoleError) as caught:
        run_console(tiny_atlas.store, query)
    assert "lezen" in caught.value.message_nl or "Syntax" in caught.value.message_nl
    assert tiny_atlas.store.dump(private=EVERYTHING) == before


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE SILENT <http://example.org/sparql> { ?s ?p ?o } }",
        "select * where { ?x ?y ?z . service ?endpoint { ?s ?p ?o } }",
    ],
)
def test_service_is_refused(query: str) -> None:
    with pytest.raises(ConsoleError, match="SERVICE is niet toegestaan"):
        check_read_only(query)


def test_the_word_service_inside_a_string_is_fine(tiny_atlas: Atlas) -> None:
    result = run_console(tiny_atlas.store, 'SELECT ?x WHERE { BIND("SERVICE desk" AS ?x) }')
    assert result.table is not None and list(result.table.x) == ["SERVICE desk"]


def test_syntax_error_names_line_and_column() -> None:
    with pytest.raises(ConsoleError) as caught:
        check_read_only("SELECT ?s\nWHERE { ?s ?p }")
    assert "regel 2" in caught.value.message_nl and "kolom" in caught.value.message_nl
    assert "line 2" in caught.value.message_en


def test_all_read_forms_work(tiny_atlas: Atlas) -> None:
    select = run_console(
        tiny_atlas.store, "SELECT ?name WHERE { ?o a org:Organization ; schema:name ?name } ORDER BY ?name"
    )
    assert select.form == "SELECT" and select.table is not None and select.table.name.iloc[0] == "Bibliotheek Alfa"
    ask = run_console(tiny_atlas.store, "ASK { ?c adms:status status:ended }")
    assert ask.boolean is True
    construct = run_console(
        tiny_atlas.store, "CONSTRUCT { ?o schema:name ?n } WHERE { ?o org:classification kind:care ; schema:name ?n }"
    )
    assert construct.graph is not None and len(construct.graph) == 4
    describe = run_console(tiny_atlas.store, "DESCRIBE <https://w3id.org/passendwerk/id/organisation/lib-a>")
    assert describe.graph is not None and len(describe.graph) > 0


def test_row_limit_truncates_and_says_so(tiny_atlas: Atlas) -> None:
    result = run_console(tiny_atlas.store, "SELECT ?m WHERE { ?m a pw:Municipality }", max_rows=10)
    assert result.table is not None and len(result.table) == 10 and result.truncated


def test_time_limit_stops_a_runaway_query(tiny_atlas: Atlas) -> None:
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with pytest.raises(ConsoleError, match="langer dan"):
        run_console(tiny_atlas.store, heavy, timeout_s=0.5)


def test_contacts_without_consent_cannot_be_read(tiny_atlas: Atlas) -> None:
    everything = run_console(tiny_atlas.store, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", max_rows=1_000_000)
    assert everything.table is not None
    text = everything.table.to_csv()
    assert "Anna Publiek" in text and "Piet Prive" not in text and "piet@example.org" not in text
    named = run_console(
        tiny_atlas.store,
        "SELECT ?o WHERE { GRAPH <https://w3id.org/passendwerk/graph/private/contacts> { ?s ?p ?o } }",
    )
    assert named.table is not None and named.table.empty


def test_cli_sparql_exit_codes(tiny_atlas: Atlas) -> None:
    ok = run_cli(
        "sparql",
        "SELECT ?n WHERE { ?o org:classification kind:network ; schema:name ?n }",
        store=tiny_atlas.store.location,
    )
    assert ok.returncode == 0 and "Netwerk N" in ok.stdout
    refused = run_cli("sparql", "DROP ALL", store=tiny_atlas.store.location)
    assert refused.returncode == 2 and "Alleen lezen" in refused.stderr and "Traceback" not in refused.stderr
