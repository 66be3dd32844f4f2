"""SPARQL as text, as pure functions: what the console accepts is decided on the parse, and every value that
goes into a question is written by the engine's own serialiser, never pasted."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef

from graph.store.sparql_policy import ConsoleError, check_query
from graph.store.sparql_text import inline_values, ox_quad, prologue, update_text, with_values


@pytest.mark.parametrize(
    ("query", "form"),
    [
        ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "SELECT"),
        ("ASK { ?s a org:Organization }", "ASK"),  # a common prefix the question does not declare
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("DESCRIBE <https://w3id.org/passendwerk/id/organisation/lib-a>", "DESCRIBE"),
    ],
)
def test_the_four_read_forms_are_accepted(query: str, form: str) -> None:
    assert check_query(query).form == form


@pytest.mark.parametrize(
    "query",
    [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "SELECT * FROM <http://127.0.0.1:9/x> WHERE { ?s ?p ?o }",
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "PREFIX bif: <bif:> SELECT (bif:http_get('http://127.0.0.1:9/') AS ?x) WHERE {}",
        "",
    ],
)
def test_writes_outside_data_and_engine_functions_are_refused_in_both_languages(query: str) -> None:
    with pytest.raises(ConsoleError) as refused:
        check_query(query)
    message = refused.value.message
    assert message.text("nl") and message.text("en") and message.text("nl") != message.text("en")


def test_a_value_with_quotes_and_braces_stays_one_literal() -> None:
    hostile = 'x" } ; DROP ALL ; { "'
    text = with_values("SELECT ?name WHERE { ?s ?p ?name }", {"name": Literal(hostile)})
    parsed_back = ox.Store().query(text.replace("?s ?p ?name", "BIND(?name AS ?n)"))
    assert [str(row["name"].value) for row in parsed_back] == [hostile]


def test_a_change_written_as_an_update_holds_exactly_its_quads_however_hostile_their_text() -> None:
    records, other = URIRef("https://w3id.org/passendwerk/graph/public/records"), URIRef("urn:graph:other")
    subject, name = URIRef("https://w3id.org/passendwerk/id/organisation/lib-a"), URIRef("http://schema.org/name")
    hostile = ['x" } ; DROP ALL ; INSERT DATA { <urn:a> <urn:b> <urn:c> } #', "regel\nregel\r\t\\", "Zoë 🙂 \u2028"]
    quads = [(subject, name, Literal(text, lang="nl"), records) for text in hostile]
    quads += [(subject, name, Literal(text), other) for text in hostile]  # a second graph, then back again
    converted = [ox_quad(quad) for quad in quads]
    store = ox.Store()
    store.update(update_text([], converted, set()))
    assert sorted(map(str, store)) == sorted(map(str, converted))
    # A blank node is written too (the engine names it afresh, as INSERT DATA does).
    number = Literal("7", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer"))
    with_blank_node = ox.Store()
    with_blank_node.update(update_text([], [ox_quad((BNode("b1"), name, number, records))], set()))
    assert len(with_blank_node) == 1
    store.update(update_text(converted[:3], [], set()))
    assert len(store) == len(converted) - 3


def test_inline_values_write_iris_and_leave_out_unbound_names() -> None:
    block = inline_values({"org": URIRef("https://w3id.org/passendwerk/id/organisation/lib-a"), "none": None})
    assert block == "VALUES ?org { <https://w3id.org/passendwerk/id/organisation/lib-a> } "


def test_names_and_namespaces_that_would_change_the_request_are_refused() -> None:
    """Variables, prefix names and namespaces are written through pyoxigraph or a check of their form too."""
    assert prologue({"pw": "https://w3id.org/passendwerk/def#"}) == "PREFIX pw: <https://w3id.org/passendwerk/def#>\n"
    with pytest.raises(ValueError):
        prologue({"pw": "https://example.org/> . DROP ALL ; <x"})
    with pytest.raises(ValueError):
        prologue({"pw: <x> DROP ALL ; PREFIX q": "https://example.org/"})
    with pytest.raises(ValueError):
        with_values("SELECT ?name WHERE { ?s ?p ?name }", {"name) { (1) } DROP ALL ; VALUES (?x": Literal("a")})
    with pytest.raises(ValueError):
        inline_values({"o } DROP ALL ; {": Literal("a")})


def test_a_syntax_error_is_said_in_dutch_with_its_place_and_what_comes_before() -> None:
    """Regression: the Dutch console said "Syntaxfout op regel 1, kolom 28: Expected SelectQuery"."""
    with pytest.raises(ConsoleError) as refused:
        check_query("SELECT ?s WHERE { ?s ?p ?o ")
    dutch = refused.value.message.text("nl")
    assert dutch.startswith("Syntaxfout op regel 1, kolom ") and "na “SELECT ?s WHERE { ?s ?p ?o”" in dutch
    assert "Expected" not in dutch and "SelectQuery" not in dutch
    assert refused.value.message.text("en").startswith("Syntax error at line 1, column ")


def test_a_query_too_long_for_the_parser_is_refused_with_a_message_not_a_crash() -> None:
    """Regression: 2,000 triple patterns ran the parser's recursion out, and the whole page failed."""
    huge = "SELECT * WHERE { " + " ".join(f"?s{n} ?p{n} ?o{n} ." for n in range(2_000)) + " }"
    with pytest.raises(ConsoleError) as refused:
        check_query(huge)
    assert refused.value.message.nl == "De vraag is te lang of te diep genest om te controleren. Maak haar korter."
    assert refused.value.message.en == "The query is too long or nested too deeply to check. Make it shorter."


def test_a_syntax_error_is_explained_in_english_too() -> None:
    """Regression: the English page showed the parser's own "Expected SelectQuery"."""
    with pytest.raises(ConsoleError) as refused:
        check_query("SELECT ?s WHERE { ?s ?p ")
    english = refused.value.message.en
    assert english.startswith("Syntax error at line 1, column ") and "Expected" not in english
    assert english.endswith("and that the query is complete.")


@pytest.mark.parametrize(
    ("query", "flagged"),
    [
        ('SELECT * WHERE { ?s schema:name ?n FILTER(REGEX(?n, "Bib(")) }', ["REGEX kan het patroon 'Bib('"]),
        ('SELECT * WHERE { ?s schema:name ?n FILTER(REGEX(?n, "^bib", "z")) }', ["met de vlaggen 'z'"]),
        ('SELECT (REPLACE(?n, "[a-", "") AS ?m) WHERE { ?s schema:name ?n }', ["REPLACE kan het patroon '[a-'"]),
        # The same broken pattern twice is said once; one inside an OPTIONAL is found too.
        ('SELECT * WHERE { ?s ?p ?n OPTIONAL { ?s ?q ?m FILTER(REGEX(?m, "*x") || REGEX(?n, "*x")) } }', ["'*x'"]),
        ('SELECT * WHERE { ?s schema:name ?n FILTER(REGEX(?n, "^Bib.*(theek|huis)$", "i")) }', []),
        ("SELECT * WHERE { ?s schema:name ?n ; schema:alternateName ?p FILTER(REGEX(?n, ?p)) }", []),  # from data
    ],
)
def test_a_regex_pattern_the_engine_cannot_read_is_said_before_the_answer(query: str, flagged: list[str]) -> None:
    """Regression: a broken REGEX pattern answered "no rows" without a hint, as SPARQL counts the failing FILTER
    as false."""
    warnings = check_query(query).warnings
    assert len(warnings) == len(flagged)
    for warning, words in zip(warnings, flagged, strict=True):
        assert words in warning.nl and "correct the pattern" in warning.en
        assert ("true for no row" in warning.en) == warning.nl.startswith("REGEX")  # REPLACE is no condition


def test_many_broken_patterns_are_said_with_a_few_examples() -> None:
    """Regression: sixty broken patterns in one question gave sixty warnings above the answer."""
    tests = " || ".join(f'REGEX(?n, "x{number}(")' for number in range(60))
    warnings = check_query(f"SELECT * WHERE {{ ?s schema:name ?n FILTER({tests}) }}").warnings
    assert len(warnings) == 4 and warnings[-1].nl == "En nog 57 patronen die de opslag niet kan lezen."
