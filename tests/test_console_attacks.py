"""The console against an attacker, on every store: no private data, no outgoing requests, no writes.

The shared Virtuoso of the tests lets its anonymous SPARQL user update (a hurried admin's set-up), so every
test here shows that the console holds even where the server itself would not stop the attack.
"""

from __future__ import annotations

import threading
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import requests

from graph.store.atlas import Atlas
from graph.views.console import ConsoleError, run_console

from .conftest import EVERYTHING, run_cli

pytestmark = pytest.mark.backends

PRIVATE_CONTACTS = "https://w3id.org/passendwerk/graph/private/contacts"
PRIVATE_VALUES = ("Piet Prive", "piet@example.org")

# The payload exactly as it was reported.
FROM_BETWEEN_COMMENT_APOSTROPHES = """SELECT ?n ?e # it's a test
FROM <https://w3id.org/passendwerk/graph/private/contacts>
WHERE { ?c vcard:fn ?n . OPTIONAL { ?c vcard:hasEmail ?e } } # that's all"""

DATASET_VARIANTS = [
    FROM_BETWEEN_COMMENT_APOSTROPHES,
    # FROM NAMED, hidden the same way, read through GRAPH
    f"SELECT ?n # it's\nFROM NAMED <{PRIVATE_CONTACTS}>\nWHERE {{ GRAPH ?g {{ ?c vcard:fn ?n }} }} # that's",
    # an apostrophe inside a string literal and one in a comment
    f"SELECT ?n (\"it's\" AS ?x) # that's\nfrom <{PRIVATE_CONTACTS}> WHERE {{ ?c vcard:fn ?n }}",
    # the keyword written with an escape, which the parser reads as FROM
    f"SELECT ?n \\u0046ROM <{PRIVATE_CONTACTS}> WHERE {{ ?c vcard:fn ?n }}",
    # a long string that opens in a comment
    f"SELECT ?n # '''\nFROM <{PRIVATE_CONTACTS}> # '''\nWHERE {{ ?c vcard:fn ?n }}",
]


class Listener:
    """An HTTP server on 127.0.0.1 that records every request it gets."""

    def __init__(self) -> None:
        seen: list[str] = []
        self.requests = seen

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                seen.append(self.path)
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args: object) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.stop()


@pytest.mark.parametrize("query", DATASET_VARIANTS)
def test_console_refuses_from_hidden_between_comment_apostrophes(tiny_atlas: Atlas, query: str) -> None:
    with pytest.raises(ConsoleError, match="FROM"):
        run_console(tiny_atlas.store, query)
    refused = run_cli("sparql", query, store=tiny_atlas.store.location)
    assert refused.returncode == 2 and "FROM" in refused.stderr and "Traceback" not in refused.stderr
    assert not any(value in refused.stdout for value in PRIVATE_VALUES)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?service WHERE { BIND(1 AS ?service) }",
        "PREFIX service: <https://w3id.org/passendwerk/def#> SELECT ?service WHERE { BIND(1 AS ?service) }",
        "SELECT ?x WHERE { BIND(1 AS ?x) OPTIONAL { ?x pw:SERVICE ?y } }",
        "SELECT ?from WHERE { BIND(1 AS ?from) }",
    ],
)
def test_service_and_from_as_names_are_accepted(tiny_atlas: Atlas, query: str) -> None:
    result = run_console(tiny_atlas.store, query)
    assert result.table is not None and len(result.table) == 1


def _fetches(url: str) -> list[str]:
    """Ways of asking the engine to fetch ``url``, each a variant of ``bif:http_get``."""
    literal = '"' + url + '"'
    return [
        f"SELECT (bif:http_get({literal}) AS ?x) WHERE {{}}",
        f"PREFIX bif: <bif:> SELECT (bif:http_get({literal}) AS ?x) WHERE {{}}",
        f"PREFIX web: <http://www.openlinksw.com/schemas/bif#> SELECT (web:http_get({literal}) AS ?x) WHERE {{}}",
        f"SELECT ?x WHERE {{ BIND(<bif:http_get>({literal}) AS ?x) }}",
        f"ASK {{ FILTER(STRLEN(<bif:http_get>({literal})) > 0) }}",
        f"CONSTRUCT {{ <urn:x> <urn:y> ?x }} WHERE {{ BIND(<bif:http_get>({literal}) AS ?x) }}",
        f"SELECT * WHERE {{ FILTER NOT EXISTS {{ BIND(<sql:http_get>({literal}) AS ?x) }} }}",
        f"SELECT (<http://example.org/fetch>({literal}) AS ?x) WHERE {{}}",
    ]


@pytest.fixture
def hurried_admin(backend: str, request: pytest.FixtureRequest) -> Iterator[None]:
    """On Virtuoso: its anonymous SPARQL user, which answers the public reads, may update and read every graph."""
    if backend != "virtuoso":
        yield  # the Oxigraph server has no accounts: anyone who reaches it may update
        return
    server = request.getfixturevalue("server_pool").get("virtuoso")
    server.let_anyone_update()
    try:
        probe = "INSERT DATA { GRAPH <urn:test:hurried> { <urn:a> <urn:b> 1 } }"
        assert requests.post(server.access.public_query_url, data={"query": probe}, timeout=30).status_code == 200
        requests.post(server.access.public_query_url, data={"query": "CLEAR GRAPH <urn:test:hurried>"}, timeout=30)
        yield
    finally:
        server.secure()


def test_console_cannot_fetch_write_or_read_private_data_even_where_the_sparql_user_may_update(
    tiny_atlas: Atlas, hurried_admin: None, listener: Listener
) -> None:
    store = tiny_atlas.store
    before = store.dump(private=EVERYTHING)
    own_endpoint = store.location if store.location.startswith("http") else "http://127.0.0.1:9/sparql"
    insert = "INSERT DATA { GRAPH <https://w3id.org/passendwerk/graph/public/x> { <urn:a> <urn:b> 'owned' } }"
    leak = f"SELECT ?n WHERE {{ GRAPH <{PRIVATE_CONTACTS}> {{ ?c vcard:fn ?n }} }}"
    attacks = [
        *_fetches(listener.url + "fetched"),
        *_fetches(own_endpoint + "?query=" + urllib.parse.quote(insert)),
        *_fetches(own_endpoint + "?query=" + urllib.parse.quote(leak)),
    ]
    for attack in attacks:
        with pytest.raises(ConsoleError) as caught:
            run_console(store, attack)
        refusal = caught.value.message_nl
        assert "niet toegestaan" in refusal or "voorvoegsel" in refusal and "onbekend" in refusal, attack
    refused = run_cli("sparql", attacks[0], store=store.location)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert listener.requests == []
    assert store.dump(private=EVERYTHING) == before
    everything = run_console(store, "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", max_rows=1_000_000)
    assert everything.table is not None
    assert not any(value in everything.table.to_csv() for value in PRIVATE_VALUES)


def test_engine_predicates_are_refused(tiny_atlas: Atlas) -> None:
    with pytest.raises(ConsoleError, match="extension|uitbreiding"):
        run_console(tiny_atlas.store, "SELECT ?s WHERE { ?s <bif:contains> 'Piet' }")


def test_sparql_functions_and_xsd_casts_are_accepted(tiny_atlas: Atlas) -> None:
    query = (
        'SELECT (xsd:integer("3") AS ?i) (<http://www.w3.org/2001/XMLSchema#decimal>("1.5") AS ?d) '
        '(STRLEN("abc") AS ?l) (UCASE("a") AS ?u) (COUNT(?o) AS ?n) '
        'WHERE { ?o a org:Organization FILTER(STRSTARTS(STR(?o), "https://") && !isBLANK(?o)) }'
    )
    result = run_console(tiny_atlas.store, query)
    assert result.table is not None
    row = result.table.iloc[0]
    assert (int(row.i), float(row.d), int(row.l), row.u) == (3, 1.5, 3, "A") and int(row.n) > 0
