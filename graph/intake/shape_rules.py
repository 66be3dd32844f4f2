"""The SHACL shapes of ``shapes.ttl`` read once into plain Python rules that :mod:`graph.intake.shape_check` runs.

Only the SHACL Core constructs the shapes use are understood; a shape that uses anything else is refused when
the rules are read (:class:`UnsupportedShape`), so a new kind of constraint cannot be skipped silently. The
semantics follow pySHACL's (the reference the tests compare against), including its reading of literals.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

#: A constraint's test of one value node (None for the tests of the whole set of values).
ValueTest = Callable[[Node], bool]


class UnsupportedShape(ValueError):
    """shapes.ttl uses a SHACL construct that the rules do not implement."""


@dataclass(frozen=True)
class Constraint:
    component: URIRef
    """The sh:…ConstraintComponent, as in a SHACL validation report."""
    parameter: URIRef
    argument: Node
    test: ValueTest | None = None
    """For constraints on each value node: True when the value conforms."""
    count: int = 0
    """For sh:minCount and sh:maxCount."""
    shapes: tuple[Shape, ...] = ()
    """For sh:node and sh:xone: the shapes the value must conform to."""
    kind: str = "value"
    """How the constraint is checked: "value" (``test`` on each value node), or the parameter's local name."""


@dataclass
class Shape:
    node: Node
    """The shape's node in the shapes graph (the report's sh:sourceShape)."""
    path: tuple[URIRef, ...] = ()
    """A property shape's path (a predicate or a sequence of them); empty for a node shape."""
    name: str = ""
    message: str = ""
    constraints: list[Constraint] = field(default_factory=list)
    properties: list[Shape] = field(default_factory=list)
    target_classes: list[URIRef] = field(default_factory=list)
    target_subjects_of: list[URIRef] = field(default_factory=list)


_NOT_CONSTRAINTS = {RDF.type, SH.path, SH.name, SH.message, SH.property, SH.targetClass, SH.targetSubjectsOf}
_DESCRIPTIVE = {SH.description, SH.order, SH.group}
_COMPONENTS = {
    SH.minCount: SH.MinCountConstraintComponent,
    SH.maxCount: SH.MaxCountConstraintComponent,
    SH.datatype: SH.DatatypeConstraintComponent,
    SH.pattern: SH.PatternConstraintComponent,
    SH.minLength: SH.MinLengthConstraintComponent,
    SH.maxLength: SH.MaxLengthConstraintComponent,
    SH["in"]: SH.InConstraintComponent,
    SH.nodeKind: SH.NodeKindConstraintComponent,
    SH["class"]: SH.ClassConstraintComponent,
    SH.hasValue: SH.HasValueConstraintComponent,
    SH.uniqueLang: SH.UniqueLangConstraintComponent,
    SH.languageIn: SH.LanguageInConstraintComponent,
    SH.minInclusive: SH.MinInclusiveConstraintComponent,
    SH.maxInclusive: SH.MaxInclusiveConstraintComponent,
    SH.node: SH.NodeConstraintComponent,
    SH.xone: SH.XoneConstraintComponent,
}
_NODE_KINDS = {
    SH.IRI: (URIRef,),
    SH.BlankNode: (BNode,),
    SH.Literal: (Literal,),
    SH.BlankNodeOrIRI: (BNode, URIRef),
    SH.BlankNodeOrLiteral: (BNode, Literal),
    SH.IRIOrLiteral: (URIRef, Literal),
}
# The value types pySHACL asks of a well-typed literal of these datatypes; other datatypes only need the IRI.
_VALUE_TYPES: dict[URIRef, tuple[type, ...]] = {
    XSD.string: (str, bytes),
    RDF.langString: (str, bytes),
    XSD.integer: (int,),
    XSD.float: (float,),
    XSD.decimal: (Decimal,),
    XSD.boolean: (bool,),
    XSD.date: (date,),
}


def read_shapes(shapes: Graph) -> list[Shape]:
    """The node shapes that have targets, with everything they reach."""
    reader = _Reader(shapes)
    targeted = {s for p in (SH.targetClass, SH.targetSubjectsOf) for s in shapes.subjects(p, None)}
    return [reader.shape(node) for node in sorted(targeted, key=str)]


class _Reader:
    def __init__(self, shapes: Graph) -> None:
        self.graph = shapes
        self.done: dict[Node, Shape] = {}

    def shape(self, node: Node) -> Shape:
        if node in self.done:
            return self.done[node]
        graph = self.graph
        shape = Shape(node)
        self.done[node] = shape  # before its parts: a shape may refer back to itself
        shape.name = str(graph.value(node, SH.name) or "")
        shape.message = str(graph.value(node, SH.message) or "")
        path = graph.value(node, SH.path)
        if path is not None:
            shape.path = self._path(path)
        shape.target_classes = [_iri(c) for c in graph.objects(node, SH.targetClass)]
        shape.target_subjects_of = [_iri(p) for p in graph.objects(node, SH.targetSubjectsOf)]
        shape.properties = [self.shape(p) for p in graph.objects(node, SH.property)]
        for parameter, argument in sorted(graph.predicate_objects(node), key=str):
            if parameter in _NOT_CONSTRAINTS or parameter in _DESCRIPTIVE:
                continue
            if parameter not in _COMPONENTS:
                raise UnsupportedShape(f"{node}: {parameter} is not implemented")
            shape.constraints.append(self._constraint(_iri(parameter), argument))
        return shape

    def _path(self, path: Node) -> tuple[URIRef, ...]:
        if isinstance(path, URIRef):
            return (path,)
        steps = list(Collection(self.graph, path))
        if not steps or not all(isinstance(step, URIRef) for step in steps):
            raise UnsupportedShape(f"only predicate and sequence paths are implemented, not {path}")
        return tuple(_iri(step) for step in steps)

    def _items(self, node: Node) -> list[Node]:
        return list(Collection(self.graph, node))

    def _constraint(self, parameter: URIRef, argument: Node) -> Constraint:
        component = _COMPONENTS[parameter]
        kind = parameter.removeprefix(str(SH))
        if parameter in (SH.minCount, SH.maxCount):
            return Constraint(component, parameter, argument, count=int(_literal(argument).toPython()), kind=kind)
        if parameter in (SH.node, SH.xone):
            targets = [argument] if parameter == SH.node else self._items(argument)
            shapes = tuple(self.shape(t) for t in targets)
            return Constraint(component, parameter, argument, shapes=shapes, kind=kind)
        if parameter in (SH.hasValue, SH.uniqueLang, SH["class"]):
            return Constraint(component, parameter, argument, kind=kind)  # tests of the whole set, in shape_check
        return Constraint(component, parameter, argument, test=self._value_test(parameter, argument))

    def _value_test(self, parameter: URIRef, argument: Node) -> ValueTest:
        if parameter == SH.datatype:
            return _datatype_test(_iri(argument))
        if parameter == SH.pattern:
            return _pattern_test(_literal(argument))
        if parameter in (SH.minLength, SH.maxLength):
            limit = int(_literal(argument).toPython())
            if parameter == SH.minLength:
                return lambda v: limit == 0 or (not isinstance(v, BNode) and len(_text(v)) >= limit)
            return lambda v: not isinstance(v, BNode) and len(_text(v)) <= limit
        if parameter == SH["in"]:
            allowed = set(self._items(argument))
            return lambda v: v in allowed
        if parameter == SH.nodeKind:
            kinds = _NODE_KINDS[_iri(argument)]
            return lambda v: isinstance(v, kinds)
        if parameter == SH.languageIn:
            languages = {str(_literal(item).toPython()).lower() for item in self._items(argument)}
            return lambda v: _language_in(v, languages)
        if parameter in (SH.minInclusive, SH.maxInclusive):
            return _range_test(_literal(argument), minimum=parameter == SH.minInclusive)
        raise UnsupportedShape(f"{parameter} is not implemented")


def _iri(node: Node) -> URIRef:
    if not isinstance(node, URIRef):
        raise UnsupportedShape(f"{node} should be an IRI")
    return node


def _literal(node: Node) -> Literal:
    if not isinstance(node, Literal):
        raise UnsupportedShape(f"{node} should be a literal")
    return node


def _text(value: Node) -> str:
    """A value node as text, as pySHACL reads it for string constraints."""
    if isinstance(value, Literal) and value.value is not None and value.datatype in (None, RDF.langString, XSD.string):
        return str(value.value)
    return str(value)


def _datatype_test(datatype: URIRef) -> ValueTest:
    wanted = _VALUE_TYPES.get(datatype)

    def test(value: Node) -> bool:
        if not isinstance(value, Literal):
            return False
        if value.datatype == datatype:
            if getattr(value, "ill_typed", None) is True:
                return False
        elif datatype == RDFS.Literal:
            return True
        elif not (datatype == XSD.string and value.datatype is None and value.language is None) and not (
            datatype == RDF.langString and value.language
        ):
            return False
        return wanted is None or isinstance(value.value, wanted)

    return test


def _pattern_test(pattern: Literal) -> ValueTest:
    text = str(pattern.value) if pattern.value is not None and len(pattern.value) > 1 else str(pattern)
    compiled = re.compile(text)
    return lambda v: not isinstance(v, BNode) and compiled.search(_text(v)) is not None


def _language_in(value: Node, languages: set[str]) -> bool:
    if not isinstance(value, Literal) or not value.language:
        return False
    language = str(value.language).lower()
    return "*" in languages or language in languages or language.split("-")[0] in languages


def _range_test(bound: Literal, minimum: bool) -> ValueTest:
    bound_is_text = isinstance(bound.value, str)

    def test(value: Node) -> bool:
        if not isinstance(value, Literal) or isinstance(value.value, str) != bound_is_text or value.value is None:
            return False
        try:
            return bool(value.value >= bound.value) if minimum else bool(value.value <= bound.value)
        except TypeError:
            return False

    return test
