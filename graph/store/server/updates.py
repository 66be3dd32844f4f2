"""How a change reaches a SPARQL server: one update request, with large parts staged first.

The request removes, adds (inline or by moving staged graphs into place), registers the graphs it wrote and
replaces the version token, all at once. Only RDF terms go in, each written by pyoxigraph's own N-Triples
serialiser, so data can never change the structure of a request.
"""

from __future__ import annotations

import secrets
import time
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import DCTERMS

from graph.model.terms import to_ox
from graph.model.vocab import BASE, PW, private_graph
from graph.store.interface import Change, StoreError
from graph.store.sparql_text import inline_values, ox_quad, quad_block

STATE_GRAPH = private_graph("store-state")
STATE_SUBJECT = URIRef(BASE + "id/store")
STAGING_PREFIX = private_graph("staging/")
INLINE_QUADS = 500
"""Most quads written inside one update text (Virtuoso refuses update texts of more than about 1,000)."""
GRAPH_STORE_CHUNK = 200_000
"""Triples per Graph Store Protocol request when a large change is staged."""
REMOVE_MARK = ox.NamedNode(str(PW.generation))


def staging_run(now: datetime) -> str:
    """Where one change stages its large parts; the name says when, so that what a writer that died left
    behind can be told from what a running writer is still sending."""
    return STAGING_PREFIX + now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(6) + "/"


def staging_started(graph: str) -> datetime | None:
    """When the change that staged ``graph`` started, if its name says so."""
    try:
        return datetime.strptime(graph.removeprefix(STAGING_PREFIX)[:16], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None


def _not_written_by_this_change(fresh: set[str]) -> str:
    """Removals by pattern must not touch what this change wrote beforehand (staging and new graphs)."""
    condition = "!STRSTARTS(STR(?g), " + str(ox.Literal(str(STAGING_PREFIX))) + ")"
    if fresh:
        condition += " && ?g NOT IN (" + ", ".join(str(ox.NamedNode(graph)) for graph in sorted(fresh)) + ")"
    return " FILTER(" + condition + ")"


def graph_value(quad: ox.Quad) -> str:
    if not isinstance(quad.graph_name, ox.NamedNode):
        raise StoreError("het atlas bewaart alleen benoemde grafen / the atlas only stores named graphs")
    return quad.graph_name.value


def chunks_keeping_blank_nodes_together(triples: list[ox.Triple], size: int) -> Iterable[list[ox.Triple]]:
    """Chunks of triples; all triples with blank nodes go in one request, since a label only holds within one."""
    with_blanks = [t for t in triples if isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)]
    plain = [t for t in triples if not (isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode))]
    if with_blanks:
        yield with_blanks
    for start in range(0, len(plain), size):
        yield plain[start : start + size]


def change_text(
    change: Change,
    additions: list[ox.Quad],
    moves: dict[str, str],
    fresh: set[str],
    removal_list: str | None,
    token: str,
    pattern_list: str | None = None,
) -> str:
    """One update request: removals, then additions (inline or moved in from staging), then a new version token."""
    untouched = _not_written_by_this_change(fresh)
    # A graph written in place ahead of this request holds nothing but this change's data: replacing it
    # means keeping it.
    dropped = sorted(graph for graph in change.remove_graphs if str(graph) not in fresh)
    parts = ["DROP SILENT GRAPH " + str(to_ox(graph)) for graph in dropped]
    if change.remove_subjects:
        kept = ", ".join(str(to_ox(predicate)) for predicate in sorted(change.preserve_predicates))
        keep_filter = " FILTER(?p NOT IN (" + kept + "))" if kept else ""
        if removal_list is None:
            subjects = "VALUES ?s { " + " ".join(str(to_ox(s)) for s in sorted(change.remove_subjects)) + " } "
        else:
            subjects = "GRAPH " + str(ox.NamedNode(removal_list)) + " { ?s " + str(REMOVE_MARK) + " ?mark } "
        parts.append(
            "DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { "
            + subjects
            + "GRAPH ?g { ?s ?p ?o }"
            + keep_filter
            + untouched
            + " }"
        )
    for predicate, obj in sorted(change.remove_incoming):
        parts.append(
            "DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { "
            + inline_values({"p": predicate, "o": obj})
            + "GRAPH ?g { ?s ?p ?o }"
            + untouched
            + " }"
        )
    parts.extend(_matching_removals(change.remove_matching, untouched, pattern_list))
    if change.remove_quads:
        parts.append("DELETE DATA {\n" + quad_block([ox_quad(quad) for quad in change.remove_quads]) + "\n}")
    for target, staging in sorted(moves.items()):
        parts.append("ADD SILENT " + str(ox.NamedNode(staging)) + " TO " + str(ox.NamedNode(target)))
    if additions:
        parts.append("INSERT DATA {\n" + quad_block(additions) + "\n}")
    state, subject, version = (str(to_ox(term)) for term in (STATE_GRAPH, STATE_SUBJECT, PW.generation))
    part = str(to_ox(DCTERMS.hasPart))
    written = {graph_value(quad) for quad in additions} | set(moves) | fresh
    for graph in sorted(change.remove_graphs):
        parts.append("DELETE DATA { GRAPH " + state + " { " + subject + " " + part + " " + str(to_ox(graph)) + " } }")
    if written:
        registered = " ".join(subject + " " + part + " " + str(ox.NamedNode(graph)) + " ." for graph in sorted(written))
        parts.append("INSERT DATA { GRAPH " + state + " { " + registered + " } }")
    parts.append("DELETE WHERE { GRAPH " + state + " { " + subject + " " + version + " ?token } }")
    token_literal = str(ox.Literal(f"{time.time_ns()}-{token}"))
    parts.append("INSERT DATA { GRAPH " + state + " { " + subject + " " + version + " " + token_literal + " } }")
    return " ;\n".join(parts)


def pattern_triples(patterns: set[tuple[URIRef | None, URIRef, URIRef | None]]) -> list[ox.Triple]:
    """Removal patterns written as triples for a staged list, with the mark standing for "any"."""
    return [
        ox.Triple(
            REMOVE_MARK if subject is None else to_ox(subject),
            to_ox(predicate),
            REMOVE_MARK if obj is None else to_ox(obj),
        )
        for subject, predicate, obj in patterns
    ]


def _matching_removals(
    patterns: set[tuple[URIRef | None, URIRef, URIRef | None]], untouched: str, pattern_list: str | None
) -> list[str]:
    """Removals by pattern: one operation per shape of pattern (which of subject and object are given), with
    the values inline, or read from a list staged beforehand when there are too many for one request."""
    if pattern_list is not None:
        listed = ox.NamedNode(pattern_list)
        mark = str(REMOVE_MARK)
        return [
            "DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH " + str(listed) + " { " + listed_pattern + " } "
            "GRAPH ?g { ?s ?p ?o }" + condition + untouched + " }"
            for listed_pattern, condition in (
                ("?s ?p ?o", " FILTER(?s != " + mark + " && ?o != " + mark + ")"),
                ("?s ?p " + mark, " FILTER(?s != " + mark + ")"),
                (mark + " ?p ?o", " FILTER(?o != " + mark + ")"),
            )
        ]
    shapes: dict[tuple[bool, bool], list[str]] = defaultdict(list)
    for subject, predicate, obj in sorted(patterns, key=str):
        terms = [term for term in (subject, predicate, obj) if term is not None]
        shapes[(subject is not None, obj is not None)].append("(" + " ".join(str(to_ox(term)) for term in terms) + ")")
    operations = []
    for (has_subject, has_object), rows in sorted(shapes.items()):
        variables = " ".join(name for name, given in (("?s", has_subject), ("?p", True), ("?o", has_object)) if given)
        operations.append(
            "DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { VALUES (" + variables + ") { " + " ".join(rows) + " } "
            "GRAPH ?g { ?s ?p ?o }" + untouched + " }"
        )
    return operations
