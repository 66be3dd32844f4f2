"""What a change removes from an Oxigraph store: the stored quads of the records it replaces.

A change names what it replaces as patterns (every quad of a subject, every quad pointing to an object through
one property, a few exact patterns). Looking up each pattern costs a seek in the store's indexes: about 1.2 s
of the 8.5 s a national import took (demo scale 1, 72,000 patterns), most of them about records the store does
not hold yet. For a change with many patterns the store first lists what it holds at all (its subjects, and the
objects of the properties the change follows back), which takes one scan, and only the patterns that can match
are looked up. The quads found are the same either way (``tests/test_store_removals.py``).
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import URIRef

from graph.model.terms import to_ox
from graph.store.interface import Change
from graph.store.sparql_text import ox_quad
from graph.store.store_queries import store_query

#: Below this many patterns, looking each one up is cheaper than listing what the store holds (which takes
#: 13 ms on a store with only the vocabulary and reference data, and 0.3 s on one with demo scale 1).
LIST_FIRST_ABOVE_PATTERNS = 5_000


class _Held:
    """What the store holds, listed once: a pattern about anything else matches nothing."""

    def __init__(self, disk: ox.Store, change: Change) -> None:
        self.subjects = {row[0] for row in disk.query(store_query("subjects"))}  # type: ignore[union-attr]
        self.objects: dict[ox.NamedNode, set[object]] = {}
        for predicate in {to_ox(predicate) for predicate, _ in change.remove_incoming}:
            answer = disk.query(store_query("objects-of"), substitutions={ox.Variable("predicate"): predicate})
            self.objects[predicate] = {row["object"] for row in answer}  # type: ignore[union-attr]


def removals(disk: ox.Store, change: Change) -> list[ox.Quad]:
    """Every stored quad the change removes, each once."""
    patterns = len(change.remove_subjects) + len(change.remove_incoming) + len(change.remove_matching)
    held = _Held(disk, change) if patterns > LIST_FIRST_ABOVE_PATTERNS else None
    found: dict[ox.Quad, None] = {}  # in the order found, each once
    preserved = {to_ox(predicate) for predicate in change.preserve_predicates}
    for subject in _held_subjects(change.remove_subjects, held):
        for quad in disk.quads_for_pattern(subject, None, None, None):
            if quad.predicate not in preserved:
                found[quad] = None
    for predicate, obj in change.remove_incoming:
        property_, target = to_ox(predicate), to_ox(obj)
        if held is not None and target not in held.objects[property_]:
            continue
        for quad in disk.quads_for_pattern(None, property_, target, None):
            found[quad] = None
    for pattern in change.remove_matching:
        terms = [None if term is None else to_ox(term) for term in pattern]
        if held is not None and terms[0] is not None and terms[0] not in held.subjects:
            continue
        for quad in disk.quads_for_pattern(terms[0], terms[1], terms[2], None):
            found[quad] = None
    for removed in change.remove_quads:
        found[ox_quad(removed)] = None
    return list(found)


def _held_subjects(subjects: set[URIRef], held: _Held | None) -> list[ox.NamedNode]:
    terms = [to_ox(subject) for subject in subjects]
    return terms if held is None else [term for term in terms if term in held.subjects]
