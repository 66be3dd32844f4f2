"""The text of a change's update request: made only of operations that cannot fail on their own."""

from __future__ import annotations

import re

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import DCAT, ORG

from graph.model.vocab import PREFIXES, SDO, private_graph, public_graph
from graph.store.interface import Change
from graph.store.server.updates import STAGING_PREFIX, change_text

# Virtuoso 7.2 keeps the operations before a failing one of the same request (measured: INSERT DATA, then a
# CREATE GRAPH of an existing graph, leaves the inserted quad). A change stays whole only if no operation in
# it can fail by itself: graph operations in their SILENT form, data and pattern operations.
SAFE_OPERATION = re.compile(r"^(DROP SILENT GRAPH|ADD SILENT|INSERT DATA|DELETE DATA|DELETE WHERE|DELETE \{)")


def every_kind_of_change() -> Change:
    someone, library = URIRef("https://w3id.org/passendwerk/id/a"), URIRef("https://w3id.org/passendwerk/id/b")
    return Change(
        remove_subjects={someone},
        remove_incoming={(DCAT.contactPoint, someone)},
        remove_matching={
            (library, ORG.hasMember, None),
            (library, ORG.hasMember, someone),
            (None, ORG.hasSite, someone),
        },
        preserve_predicates={SDO.name},
        remove_graphs={public_graph("import/old")},
        remove_quads=[(library, SDO.name, Literal("Oud"), public_graph("import/new"))],
        add=[(library, SDO.name, Literal("Nieuw"), public_graph("import/new"))],
    )


def request_texts() -> list[str]:
    change = every_kind_of_change()
    additions = [
        ox.Quad(ox.NamedNode(s), ox.NamedNode(p), ox.Literal(str(o)), ox.NamedNode(g)) for s, p, o, g in change.add
    ]
    staging = str(STAGING_PREFIX) + "run-1"
    return [
        change_text(change, additions, {}, set(), None, "t1"),
        change_text(change, [], {str(public_graph("import/new")): staging}, {str(private_graph("x"))}, staging, "t2"),
        change_text(change, additions, {}, set(), None, "t3", pattern_list=staging + "patterns"),
    ]


def test_every_operation_of_a_change_request_is_one_that_cannot_fail() -> None:
    for text in request_texts():
        operations = text.split(" ;\n")
        assert len(operations) > 4
        for operation in operations:
            assert SAFE_OPERATION.match(operation), operation[:80]


def test_a_change_request_runs_on_a_store_where_none_of_its_graphs_exist() -> None:
    prologue = "\n".join(f"PREFIX {prefix}: <{namespace}>" for prefix, namespace in PREFIXES.items())
    for text in request_texts():
        store = ox.Store()
        store.update(prologue + "\n" + text)
        assert len(store) > 0  # at least the version token
