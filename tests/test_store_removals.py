"""A large change first lists what the store holds and looks up only the patterns that can match: it must remove
exactly what looking up every pattern removes, on a hand-made store with every kind of pattern and on a real
import of the seed data over itself."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import ORG, SDO

import graph.store.removals as removals_module
from graph.intake.importer import import_path
from graph.settings import Settings
from graph.store.atlas import Atlas
from graph.store.interface import Change
from graph.store.removals import removals

from .conftest import SEED, _copy_store, reference_dir

BASE = "https://w3id.org/passendwerk/id/test/"
RECORDS = ox.NamedNode("https://w3id.org/passendwerk/graph/public/records")
CONTACTS = ox.NamedNode("https://w3id.org/passendwerk/graph/contacts")


def node(name: str) -> ox.NamedNode:
    return ox.NamedNode(BASE + name)


def iri(name: str) -> URIRef:
    return URIRef(BASE + name)


def _store() -> ox.Store:
    """Records with parts in two graphs, a link that belongs to its object, a reference to a site that no longer
    exists as a subject, a membership, and a triple in the default graph."""
    store = ox.Store()
    name, has_site, member = (ox.NamedNode(str(term)) for term in (SDO.name, ORG.hasSite, ORG.hasMember))
    store.add(ox.Quad(node("org"), name, ox.Literal("Bibliotheek"), RECORDS))
    store.add(ox.Quad(node("org"), has_site, node("site"), RECORDS))
    store.add(ox.Quad(node("org"), has_site, node("kept-site"), RECORDS))
    store.add(ox.Quad(node("org/address"), name, ox.Literal("Markt 1"), RECORDS))
    store.add(ox.Quad(node("org/contact"), name, ox.Literal("Anna"), CONTACTS))
    store.add(ox.Quad(node("site"), name, ox.Literal("Vestiging"), RECORDS))
    store.add(ox.Quad(node("other"), has_site, node("gone"), RECORDS))  # "gone" is nobody's subject
    store.add(ox.Quad(node("network"), member, node("org"), RECORDS))
    store.add(ox.Quad(node("collaboration"), member, node("org"), RECORDS))
    store.add(ox.Quad(node("loose"), name, ox.Literal("in de standaardgraaf")))
    return store


def _change() -> Change:
    change = Change(preserve_predicates={ORG.hasSite})
    change.remove_subjects = {iri(name) for name in ("org", "org/address", "org/contact", "loose", "never", "site")}
    change.remove_subjects |= {iri(f"absent/{n}") for n in range(50)}
    change.remove_incoming = {(ORG.hasSite, iri("gone")), (ORG.hasSite, iri("site")), (ORG.hasSite, iri("nowhere"))}
    change.remove_matching = {
        (iri("network"), ORG.hasMember, iri("org")),
        (iri("collaboration"), ORG.hasMember, None),
        (iri("absent"), ORG.hasMember, None),
        (None, ORG.hasMember, iri("org")),
    }
    change.remove_quads = [(iri("x"), SDO.name, Literal("los"), URIRef(str(RECORDS.value)))]
    return change


def test_listing_what_the_store_holds_first_removes_the_same_quads(monkeypatch: pytest.MonkeyPatch) -> None:
    store, change = _store(), _change()
    monkeypatch.setattr(removals_module, "LIST_FIRST_ABOVE_PATTERNS", 10**9)
    one_by_one = removals(store, change)
    monkeypatch.setattr(removals_module, "LIST_FIRST_ABOVE_PATTERNS", 0)
    listed_first = removals(store, change)
    assert set(listed_first) == set(one_by_one)
    assert len(listed_first) == len(set(listed_first))
    removed = {(quad.subject.value.removeprefix(BASE), quad.predicate.value) for quad in listed_first}
    links = {quad.object.value.removeprefix(BASE) for quad in listed_first if quad.predicate.value == str(ORG.hasSite)}
    # An org:hasSite link belongs to its site: it goes with a site that is replaced ("site", "gone"), not with
    # the organisation ("kept-site").
    assert links == {"site", "gone"}
    assert {("loose", str(SDO.name)), ("org/contact", str(SDO.name)), ("network", str(ORG.hasMember))} <= removed


def test_a_large_import_over_itself_leaves_the_same_store_either_way(
    tmp_path: Path, _seed_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The seed data imported again over itself, once looking up every pattern and once listing first."""
    contents = []
    for threshold in (10**9, 0):
        monkeypatch.setattr(removals_module, "LIST_FIRST_ABOVE_PATTERNS", threshold)
        folder = tmp_path / f"store-{threshold}"
        _copy_store(_seed_store, folder)
        atlas = Atlas.open(Settings(store=str(folder), reference=reference_dir()))
        assert import_path(atlas, SEED, agent="test").ok
        everything = (ox.Store.read_only(str(folder)).dump(format=ox.RdfFormat.N_QUADS) or b"").decode()
        contents.append({line for line in everything.splitlines() if "activity-log" not in line})  # new each time
    assert len(contents[0]) > 1000
    assert contents[0] == contents[1]
