"""Checking records against the SHACL shapes without a general SHACL engine: the rules of
:mod:`graph.intake.shape_rules` run over an index of only the triples they can reach.

The focus nodes are the records being written (the targets of the shapes); the nodes their shapes reach are
their own parts, the vocabulary and the stored records they refer to, which the caller passes in. Every
violation is reported as pySHACL reports it (focus node, source shape, constraint component, value), which
is what the tests compare, so this check and pySHACL give the same verdicts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from graph.intake.shape_rules import Constraint, Shape, read_shapes


@dataclass(frozen=True)
class Violation:
    focus: Node
    shape: Shape
    component: URIRef
    value: Node | None

    def key(self) -> tuple[Node, Node, Node, Node | None]:
        """What a SHACL validation report says of this result."""
        return (self.focus, self.shape.node, self.component, self.value)


#: An RDF triple as the mapping writes it.
Triple = tuple[Node, Node, Node]


class DataIndex:
    """The outgoing edges of every subject, for the predicates the shapes use, and the class hierarchy."""

    def __init__(self, parts: Iterable[Iterable[Triple]], predicates: set[Node]) -> None:
        self.edges: dict[Node, dict[Node, list[Node]]] = {}
        self.instances: dict[Node, list[Node]] = defaultdict(list)
        self.superclasses: dict[Node, list[Node]] = defaultdict(list)
        # The shapes' own predicate objects as keys: a dict finds an identical key without comparing terms,
        # which for rdflib terms is a Python-level call.
        canonical = {predicate: predicate for predicate in predicates}
        rdf_type = canonical.get(RDF.type, RDF.type)
        subclass_of = canonical.setdefault(RDFS.subClassOf, RDFS.subClassOf)
        # Looked up once per predicate object: a triple's predicate is mostly one of the mapping's few term
        # objects, and finding it among the shapes' own (equal, not identical) took two Python-level comparisons
        # per triple. The object is kept with its id, so the id cannot be reused meanwhile.
        seen: dict[int, tuple[Node, Node, bool]] = {}
        edges = self.edges
        for part in parts:
            for s, p, o in part:
                known = seen.get(id(p))
                if known is None:
                    known = seen[id(p)] = (p, canonical.get(p, p), p in predicates)
                _, p, followed = known
                if followed:
                    by_predicate = edges.get(s)
                    if by_predicate is None:
                        by_predicate = edges[s] = {}
                    objects = by_predicate.get(p)
                    if objects is None:
                        by_predicate[p] = [o]
                    else:
                        objects.append(o)
                    if p is rdf_type:
                        self.instances[o].append(s)
                if p is subclass_of:
                    self.superclasses[s].append(o)

    def values(self, focus: Node, path: tuple[Node, ...]) -> list[Node]:
        if len(path) == 1:  # most paths: one predicate
            own = self.edges.get(focus)
            objects = own.get(path[0]) if own is not None else None
            return list(dict.fromkeys(objects)) if objects else []
        nodes = [focus]
        for step in path:
            found: dict[Node, None] = {}
            for node in nodes:
                edges = self.edges.get(node)
                if edges is not None:
                    found.update(dict.fromkeys(edges.get(step, ())))
            nodes = list(found)
        return nodes

    def subclasses(self, cls: Node) -> set[Node]:
        """The class and every class below it (rdfs:subClassOf in the data)."""
        below: dict[Node, list[Node]] = defaultdict(list)
        for sub, supers in self.superclasses.items():
            for sup in supers:
                below[sup].append(sub)
        found, todo = {cls}, [cls]
        while todo:
            for sub in below.get(todo.pop(), ()):
                if sub not in found:
                    found.add(sub)
                    todo.append(sub)
        return found

    def is_instance(self, node: Node, cls: Node) -> bool:
        if isinstance(node, Literal):
            return False
        edges = self.edges.get(node)
        types = edges.get(RDF.type, ()) if edges is not None else ()
        if cls in types:
            return True
        seen: set[Node] = set()
        todo = list(types)
        while todo:
            current = todo.pop()
            if current == cls:
                return True
            if current not in seen:
                seen.add(current)
                todo.extend(self.superclasses.get(current, ()))
        return False


@lru_cache(maxsize=1)
def _rules(shapes: Graph) -> tuple[list[Shape], frozenset[Node]]:
    rules = read_shapes(shapes)
    predicates: set[Node] = {RDF.type}  # rdfs:subClassOf is kept apart, for the class hierarchy
    todo, seen = list(rules), set()
    while todo:
        shape = todo.pop()
        if id(shape) in seen:
            continue
        seen.add(id(shape))
        predicates.update(shape.path)
        todo.extend(shape.properties)
        for constraint in shape.constraints:
            todo.extend(constraint.shapes)
    return rules, frozenset(predicates)


def check_shapes(shapes: Graph, parts: Iterable[Iterable[Triple]]) -> list[Violation]:
    """Every violation of the targeted shapes by the union of ``parts`` (graphs or lists of triples)."""
    rules, predicates = _rules(shapes)
    index = DataIndex(parts, set(predicates))
    violations: list[Violation] = []
    for shape in rules:
        violations.extend(_every_violation(shape, _focus_nodes(shape, index), index))
    return violations


def _every_violation(shape: Shape, foci: list[Node], index: DataIndex) -> list[Violation]:
    """The violations of ``shape`` by all focus nodes, checked a constraint at a time over all of them: far
    fewer Python calls than a focus node at a time, which is what makes a national import fast."""
    pairs = [(focus, index.values(focus, shape.path) if shape.path else [focus]) for focus in foci]
    found: list[Violation] = []
    for constraint in shape.constraints:
        found.extend(_constraint_violations(shape, constraint, pairs, index))
    for prop in shape.properties:
        found.extend(_every_violation(prop, foci, index))
    return found


def _focus_nodes(shape: Shape, index: DataIndex) -> list[Node]:
    found: dict[Node, None] = {}
    for target in shape.target_classes:
        for cls in index.subclasses(target):
            found.update(dict.fromkeys(index.instances.get(cls, ())))
    for predicate in shape.target_subjects_of:
        found.update(dict.fromkeys(s for s, edges in index.edges.items() if edges.get(predicate)))
    return list(found)


def _conforms(shape: Shape, focus: Node, index: DataIndex) -> bool:
    return not _violations(shape, focus, index, first_only=True)


def _violations(shape: Shape, focus: Node, index: DataIndex, first_only: bool = False) -> list[Violation]:
    pairs = [(focus, index.values(focus, shape.path) if shape.path else [focus])]
    found: list[Violation] = []
    for constraint in shape.constraints:
        found.extend(_constraint_violations(shape, constraint, pairs, index))
        if first_only and found:
            return found
    for prop in shape.properties:
        found.extend(_violations(prop, focus, index, first_only))
        if first_only and found:
            return found
    return found


def _constraint_violations(
    shape: Shape, constraint: Constraint, pairs: list[tuple[Node, list[Node]]], index: DataIndex
) -> list[Violation]:
    """The violations of one constraint by each (focus node, its value nodes)."""
    kind, component = constraint.kind, constraint.component
    if kind == "value":
        test = constraint.test
        assert test is not None
        return [Violation(focus, shape, component, v) for focus, values in pairs for v in values if not test(v)]
    if kind == "minCount":
        least = constraint.count
        return [Violation(focus, shape, component, None) for focus, values in pairs if len(values) < least]
    if kind == "maxCount":
        most = constraint.count
        return [Violation(focus, shape, component, None) for focus, values in pairs if len(values) > most]
    if kind == "class":
        cls = constraint.argument
        return [
            Violation(focus, shape, component, v)
            for focus, values in pairs
            for v in values
            if not index.is_instance(v, cls)
        ]
    if kind == "hasValue":
        wanted = constraint.argument
        return [Violation(focus, shape, component, None) for focus, values in pairs if wanted not in values]
    if kind == "uniqueLang":
        if not (isinstance(constraint.argument, Literal) and constraint.argument.toPython() is True):
            return []
        found: list[Violation] = []
        for focus, values in pairs:
            languages = [str(v.language).lower() for v in values if isinstance(v, Literal) and v.language]
            repeated = {language for language in languages if languages.count(language) > 1}
            found.extend(Violation(focus, shape, component, None) for _ in repeated)
        return found
    if kind == "node":
        target = constraint.shapes[0]
        return [
            Violation(focus, shape, component, v)
            for focus, values in pairs
            for v in values
            if not _conforms(target, v, index)
        ]
    if kind == "xone":
        shapes = constraint.shapes
        return [
            Violation(focus, shape, component, v)
            for focus, values in pairs
            for v in values
            if sum(_conforms(s, v, index) for s in shapes) != 1
        ]
    raise AssertionError(f"{constraint.parameter} has no check")
