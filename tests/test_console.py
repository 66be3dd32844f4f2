"""The free SPARQL console: read-only, no outgoing requests, bounded, no private data."""

from __future__ import annotations

import sys
import threading
import time
import types
from pathlib import Path

import pytest

from graph.store.atlas import Atlas
from graph.views import console_workers
from graph.views.console import ConsoleError, check_read_only, run_console
from graph.views.console_workers import stop_all_workers

from .conftest import EVERYTHING, run_cli

pytestmark = [pytest.mark.backends, pytest.mark.slow]

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


def test_construct_and_describe_are_capped_with_a_notice(tiny_atlas: Atlas) -> None:
    construct = run_console(
        tiny_atlas.store, "CONSTRUCT { ?m a pw:Municipality } WHERE { ?m a pw:Municipality }", max_rows=10
    )
    assert construct.graph is not None and len(construct.graph) == 10 and construct.truncated
    describe = run_console(tiny_atlas.store, "DESCRIBE ?m WHERE { ?m a pw:Municipality }", max_rows=10)
    assert describe.graph is not None and len(describe.graph) == 10 and describe.truncated
    small = run_console(tiny_atlas.store, "CONSTRUCT { ?o a org:Organization } WHERE { ?o a org:Organization }")
    assert small.graph is not None and not small.truncated
    cli = run_cli(
        "sparql", "CONSTRUCT WHERE { ?m a pw:Municipality }", "--max-rows", "10", store=tiny_atlas.store.location
    )
    assert cli.returncode == 0 and "afgekapt na 10 triples" in cli.stderr and "truncated after 10 triples" in cli.stderr


def test_time_limit_runs_from_the_request_not_from_the_workers_start(tiny_atlas: Atlas) -> None:
    stop_all_workers()
    started = time.monotonic()
    # The worker's start (seconds: importing the libraries, reading the store) is not the question's time.
    assert run_console(tiny_atlas.store, "ASK { ?c adms:status status:ended }", timeout_s=1.0).boolean is True
    start_up = time.monotonic() - started
    stop_all_workers()
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    started = time.monotonic()
    with pytest.raises(ConsoleError, match="langer dan 1 s"):
        run_console(tiny_atlas.store, heavy, timeout_s=1.0)
    assert time.monotonic() - started < start_up + 1.0 + 3.0


def test_a_slow_question_does_not_hold_up_another_users_ask(tiny_atlas: Atlas) -> None:
    run_console(tiny_atlas.store, "ASK {}")  # one worker ready, as on a running site
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    outcome: list[str] = []

    def slow_user() -> None:
        try:
            run_console(tiny_atlas.store, heavy, timeout_s=8.0)
            outcome.append("answered")
        except ConsoleError as error:
            outcome.append(error.message_en)

    slow = threading.Thread(target=slow_user)
    slow.start()
    time.sleep(0.5)
    answer = run_console(tiny_atlas.store, "ASK { ?c adms:status status:ended }", timeout_s=7.0)
    slow.join()
    # Counted from the request, without the start of a second worker: no waiting behind the slow question.
    assert answer.boolean is True and answer.seconds < 3.0, answer.seconds
    assert outcome and "longer than 8 s" in outcome[0]


def test_when_every_worker_is_busy_the_console_says_so_within_the_limit(
    tiny_atlas: Atlas, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if backend == "virtuoso":
        pytest.skip("Virtuoso refuses this slow question before it runs (its cost estimate), so no worker stays busy")
    monkeypatch.setattr(console_workers, "_POOLS", {})
    monkeypatch.setattr(console_workers, "POOL_SIZE", 1)
    run_console(tiny_atlas.store, "ASK {}")  # the one worker is ready
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    outcome: list[str] = []

    def slow_user() -> None:
        try:
            run_console(tiny_atlas.store, heavy, timeout_s=6.0)
        except ConsoleError as error:
            outcome.append(error.message_en)

    slow = threading.Thread(target=slow_user)
    slow.start()
    time.sleep(0.5)
    asked = time.monotonic()
    with pytest.raises(ConsoleError) as caught:
        run_console(tiny_atlas.store, "ASK {}", timeout_s=1.0)
    assert "bezet" in caught.value.message_nl and "busy" in caught.value.message_en
    assert time.monotonic() - asked < 3.0
    slow.join()
    assert outcome and "longer than 6 s" in outcome[0]
    console_workers.stop_all_workers()


def test_a_new_worker_does_not_run_the_page_script_it_was_started_from(
    tiny_atlas: Atlas, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: under Streamlit, ``__main__`` is the page script being run, and each spawned console worker
    ran that page again, bare, before it answered (the server's log filled with "missing ScriptRunContext")."""
    marker = tmp_path / "page-ran"
    page = tmp_path / "page.py"
    page.write_text(f"from pathlib import Path\nPath({str(marker)!r}).write_text('ran')\n")
    script = types.ModuleType("__main__")
    script.__file__ = str(page)
    monkeypatch.setitem(sys.modules, "__main__", script)
    stop_all_workers()
    try:
        assert run_console(tiny_atlas.store, "ASK {}").boolean is True
    finally:
        stop_all_workers()
    assert not marker.exists()
    assert sys.modules["__main__"] is script  # given back to the page once the worker has started


@pytest.mark.parametrize("location", ["folder-that-is-a-file", "http://127.0.0.1:9/passendwerk/query"])
def test_a_visitor_never_reads_the_stores_folder_or_address_in_a_console_failure(
    tmp_path: Path, location: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: a console whose store could not be read quoted the store's error to anyone, with the store's
    folder or the server's address in it. A visitor reads a plain message; a coordinator also what the store said."""
    from graph.model.viewer import Viewer
    from graph.store.opening import open_store

    if not location.startswith("http"):
        (tmp_path / location).write_text("not a store")
        location = str(tmp_path / location)
    store = open_store(location)
    with pytest.raises(ConsoleError) as visitor:
        run_console(store, "ASK {}", timeout_s=20.0)
    assert visitor.value.message_nl.startswith("De console kan de gegevens nu niet lezen.")
    assert visitor.value.message_en.startswith("The console cannot read the data right now.")
    hidden = "127.0.0.1:9" if location.startswith("http") else location
    assert hidden not in visitor.value.message_nl + visitor.value.message_en
    with pytest.raises(ConsoleError) as coordinator:
        run_console(store, "ASK {}", timeout_s=20.0, viewer=Viewer.coordinator("Anna"))
    assert hidden in coordinator.value.message_nl and "The store said:" in coordinator.value.message_en
    stop_all_workers()
