"""SPARQL text: reading it for keywords without being fooled by strings, IRIs or comments, and writing RDF
terms into it (only ever through pyoxigraph's serialiser, never from raw text)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Identifier, Node

from .terms import python_value, to_ox

_STRINGS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'')
_IRIS = re.compile(r"<[^<>\s]*>")
_COMMENTS = re.compile(r"#[^\n]*")


def without_strings_and_comments(query: str) -> str:
    """The query with every string emptied, every IRI written as ``<>`` and every comment removed."""
    return _COMMENTS.sub("", _IRIS.sub("<>", _STRINGS.sub('""', query)))


def prologue(prefixes: Mapping[str, str]) -> str:
    """PREFIX declarations for a query text (one line, so that a message's column stays right after line 1)."""
    if not prefixes:
        return ""
    return " ".join(f"PREFIX {prefix}: <{namespace}>" for prefix, namespace in prefixes.items()) + "\n"


_DATASET_CLAUSE = re.compile(r"(?<![?$:\w-])FROM\b", re.IGNORECASE)


def chooses_own_dataset(query: str) -> bool:
    """Whether the query has a ``FROM`` or ``FROM NAMED`` clause of its own."""
    return bool(_DATASET_CLAUSE.search(without_strings_and_comments(query)))


def ox_quad(quad: tuple[Node, Node, Node, URIRef]) -> ox.Quad:
    s, p, o, g = quad
    return ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(g))


def update_text(removals: list[ox.Quad], additions: list[ox.Quad], dropped: set[URIRef]) -> str:
    """Serialise a change as one SPARQL Update request, which Oxigraph applies as one transaction.

    Only RDF terms go in, each written by pyoxigraph's own N-Triples serialiser, so data can never
    change the structure of the request.
    """
    parts: list[str] = []
    for graph in sorted(dropped):
        parts.append("DROP SILENT GRAPH " + str(ox.NamedNode(str(graph))))
    if removals:
        parts.append("DELETE DATA {\n" + quad_block(removals) + "\n}")
    if additions:
        parts.append("INSERT DATA {\n" + quad_block(additions) + "\n}")
    return " ;\n".join(parts)


def quad_block(quads: list[ox.Quad]) -> str:
    lines = []
    for quad in quads:
        triple = " ".join((str(quad.subject), str(quad.predicate), str(quad.object))) + " ."
        if isinstance(quad.graph_name, ox.DefaultGraph):
            lines.append(triple)
        else:
            lines.append("GRAPH " + str(quad.graph_name) + " { " + triple + " }")
    return "\n".join(lines)


def joined(
    rows: list[tuple[Any, ...]], columns: list[str], bindings: Mapping[str, Identifier]
) -> list[tuple[Any, ...]]:
    """The rows compatible with the bound values, as the embedded store's top-level join keeps them.

    Not sent as a trailing ``VALUES`` clause: Virtuoso lets such a clause overwrite variables that the query
    assigns with BIND, instead of joining. Every parameter is a projected column, so the join can be done here.
    """
    if not bindings:
        return rows
    wanted = {columns.index(name): to_ox(value) for name, value in bindings.items() if name in columns}
    kept = []
    for row in rows:
        values = list(row)
        for index, term in wanted.items():
            if values[index] is None:
                values[index] = term
            elif values[index] != term and python_value(values[index]) != python_value(term):
                break
        else:
            kept.append(tuple(values))
    return kept


def inline_values(bound: Mapping[str, Identifier | None]) -> str:
    """``VALUES`` blocks for the bound terms, each written by pyoxigraph's serialiser (never raw text)."""
    return "".join(
        "VALUES ?" + name + " { " + str(to_ox(term)) + " } " for name, term in bound.items() if term is not None
    )


def with_values(query: str, bindings: Mapping[str, Identifier]) -> str:
    """The query with its bound parameters as a trailing ``VALUES`` clause: a join at the top of the query,
    the same semantics as the embedded store's substitutions (which is why every parameter is projected)."""
    if not bindings:
        return query
    names = sorted(bindings)
    variables = " ".join("?" + name for name in names)
    terms = " ".join(str(to_ox(bindings[name])) for name in names)
    return query + "\nVALUES (" + variables + ") { (" + terms + ") }"
