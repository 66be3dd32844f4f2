"""A store written with the earlier model (``tests/data/legacy-tiny.nq``: the tiny data as the earlier version
imported it, with its vocabulary) is brought up to date in place by ``python -m graph migrate``."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import ORG

from graph.intake.exporter import export
from graph.intake.importer import VOCABULARY_GRAPH
from graph.intake.mapping import RECORDS_GRAPH
from graph.intake.migrate import LEGACY_CONTACT, LEGACY_START, migrate
from graph.intake.shacl import shapes_graph
from graph.model.terms import from_ox
from graph.model.viewer import COMMAND_LINE
from graph.store.atlas import Atlas
from graph.store.interface import Change

from .conftest import EVERYTHING, TESTS

pytestmark = pytest.mark.backends

LEGACY = TESTS / "data" / "legacy-tiny.nq"


def _as_legacy_store(atlas: Atlas) -> None:
    """Replace the records and the vocabulary by what the earlier version wrote for the same files."""
    change = Change(remove_graphs={URIRef(g) for g in atlas.store.named_graphs(private=EVERYTHING) if "/import/" in g})
    change.remove_graphs |= {
        RECORDS_GRAPH,
        VOCABULARY_GRAPH,
        URIRef("https://w3id.org/passendwerk/graph/private/contacts"),
    }
    change.add = [
        (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), URIRef(q.graph_name.value))
        for q in ox.parse(path=str(LEGACY), format=ox.RdfFormat.N_QUADS)
    ]
    atlas.store.apply(change)


def test_migrate_brings_a_store_of_the_earlier_model_to_the_current_one(
    tiny_atlas: Atlas, tmp_path: Path, backend: str
) -> None:
    expected = tmp_path / "expected"
    export(tiny_atlas, "csv", expected, include_private=True, viewer=COMMAND_LINE)
    _as_legacy_store(tiny_atlas)
    store = tiny_atlas.store
    assert store.quads(predicate=LEGACY_START) and store.quads(predicate=LEGACY_CONTACT, private=EVERYTHING)
    assert not store.quads(predicate=ORG.hasMember, subject=URIRef("https://w3id.org/passendwerk/id/collaboration/c1"))

    assert migrate(tiny_atlas) > 0

    migrated = tmp_path / "migrated"
    export(tiny_atlas, "csv", migrated, include_private=True, viewer=COMMAND_LINE)
    for name in ("organisations", "sites", "collaborations"):
        assert (migrated / f"{name}.csv").read_text() == (expected / f"{name}.csv").read_text(), name
    assert not store.quads(predicate=LEGACY_START, private=EVERYTHING)
    assert not store.quads(predicate=LEGACY_CONTACT, private=EVERYTHING)
    assert not any("/import/" in graph for graph in store.named_graphs(private=EVERYTHING))
    export(tiny_atlas, "ttl", tmp_path / "migrated.ttl")
    conforms, _, text = validate(
        Graph().parse(tmp_path / "migrated.ttl", format="turtle"), shacl_graph=shapes_graph(), inference="none"
    )
    # Virtuoso gives every geosparql:wktLiteral back as its own virtrdf:Geometry, with rounded coordinates.
    assert conforms or (backend == "virtuoso" and "virtrdf#Geometry" in text and text.count("Value Node") == 10), text
    # running it again changes nothing
    assert migrate(tiny_atlas) == 0


def test_migrate_takes_the_reviewers_name_out_of_the_public_provenance_of_approvals(tiny_atlas: Atlas) -> None:
    """A regression test: approvals named their reviewer (personal data) in the public graph."""
    from rdflib import Literal
    from rdflib.namespace import PROV, RDF

    from graph.intake.submissions import REVIEW_LOG

    agents = "https://w3id.org/passendwerk/id/agent/"
    approval = URIRef("https://w3id.org/passendwerk/id/activity-log/approval-20260101T120000-000001")
    reviewer, importer = URIRef(agents + "Wieteke%20Beoordelaar"), URIRef(agents + "test")
    earlier = Change()
    earlier.add += [
        (approval, RDF.type, PROV.Activity, RECORDS_GRAPH),
        (approval, PROV.wasAssociatedWith, reviewer, RECORDS_GRAPH),
        (reviewer, RDF.type, PROV.Agent, RECORDS_GRAPH),
        (URIRef(str(approval) + "/decision"), PROV.wasAssociatedWith, Literal("Wieteke Beoordelaar"), REVIEW_LOG),
    ]
    tiny_atlas.store.apply(earlier)

    assert migrate(tiny_atlas) > 0

    store = tiny_atlas.store
    assert b"Wieteke" not in store.dump()
    assert [str(q[2]) for q in store.quads(subject=approval, predicate=PROV.wasAssociatedWith)] == [
        agents + "coordinator"
    ]
    assert store.quads(subject=importer)  # the import's agent is no person and stays
    assert store.quads(obj=Literal("Wieteke Beoordelaar"), private=EVERYTHING)  # the review log keeps it
    assert migrate(tiny_atlas) == 0
