"""The server store's own questions in ``queries/store/``: documented like every question file, running as they
are on any engine, and naming the same graphs and subject as the code that writes them."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph.model.vocab import GRAPH_BASE
from graph.store.catalogue import parameter_problems, parse_query_file
from graph.store.server.updates import STATE_GRAPH, STATE_SUBJECT
from graph.store.store_queries import STORE_QUERIES, store_query

FILES = sorted(STORE_QUERIES.glob("*.rq"))


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.stem)
def test_every_store_query_is_documented_and_runs_as_it_is(path: object) -> None:
    query = parse_query_file(path)  # type: ignore[arg-type]
    assert parameter_problems(query) == []
    assert all(query.headers.get(f"{key}-{lang}") for key in ("title", "description") for lang in ("nl", "en"))
    # The file as it is, on a bare engine with no prefixes offered: names only full IRIs, or declares its prefixes.
    ox.Store().query(path.read_text(encoding="utf-8"))  # type: ignore[attr-defined]


def test_the_store_queries_name_the_graphs_and_subject_the_writes_use() -> None:
    assert f'"{GRAPH_BASE}"' in store_query("graphs")
    state = store_query("state")
    assert f"<{STATE_GRAPH}>" in state and f"<{STATE_SUBJECT}>" in state


def test_the_state_query_reads_the_token_and_the_registered_graphs() -> None:
    store = ox.Store()
    graph, subject = ox.NamedNode(str(STATE_GRAPH)), ox.NamedNode(str(STATE_SUBJECT))
    generation = ox.NamedNode("https://w3id.org/passendwerk/def#generation")
    has_part = ox.NamedNode("http://purl.org/dc/terms/hasPart")
    registered = ox.NamedNode(GRAPH_BASE + "public/records")
    store.add(ox.Quad(subject, generation, ox.Literal("abc"), graph))
    store.add(ox.Quad(subject, has_part, registered, graph))
    rows = {(row["token"], row["g"]) for row in store.query(store_query("state"))}
    assert rows == {(ox.Literal("abc"), None), (None, registered)}


def test_a_list_of_no_values_is_an_empty_text_on_every_engine() -> None:
    """Regression: Oxigraph leaves GROUP_CONCAT over no values unbound where Virtuoso gives "" (the SPARQL 1.1
    answer), so a collaboration without activities read "nan" on its area profile. Every list a question makes
    is wrapped in COALESCE, there or where its name is bound."""
    import re

    from graph.settings import REPO_ROOT

    unwrapped = []
    for path in sorted((REPO_ROOT / "queries").rglob("*.rq")):
        text = path.read_text(encoding="utf-8")
        for found in re.finditer(r"(COALESCE\()?GROUP_CONCAT\((?:[^()]|\([^()]*\))*\)(?:, \"\"\))? AS (\?\w+)", text):
            named = f'COALESCE({found.group(2)}, "")'
            if not found.group(1) and named not in text:
                unwrapped.append(f"{path.relative_to(REPO_ROOT)}: {found.group(0)}")
    assert unwrapped == []
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("https://example.org/a"), ox.NamedNode("https://example.org/p"), ox.Literal("x")))
    lists = 'SELECT (COALESCE(GROUP_CONCAT(?none), "") AS ?list) WHERE { ?s ?p ?o OPTIONAL { ?s ?q ?none FILTER(0) } }'
    assert [str(row["list"].value) for row in store.query(lists)] == [""]  # type: ignore[union-attr]
