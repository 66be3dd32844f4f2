"""Broken data for every constraint of shapes.ttl: each case breaks one constraint of one shape in valid records.

The cases are made from the shapes themselves (:func:`broken_cases`), so a constraint added to shapes.ttl gets
its broken file without anyone writing it; a kind of constraint no case can break fails the test that uses them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD
from rdflib.term import Node

from graph.intake.shape_check import DataIndex
from graph.intake.shape_rules import Constraint, Shape, read_shapes

ELSEWHERE = URIRef("https://example.org/elders")


@dataclass
class BrokenCase:
    name: str
    graph: Graph
    expected: tuple[Node, Node]
    """The (source shape, constraint component) the report must name."""


def broken_cases(shapes: Graph, valid: Graph) -> Iterator[BrokenCase]:
    """One broken copy of ``valid`` per constraint reachable from a shape with targets."""
    index = DataIndex([valid], {p for _, p, _ in valid})
    for top in read_shapes(shapes):
        foci = sorted(
            {s for cls in top.target_classes for s in valid.subjects(RDF.type, cls)}
            | {s for p in top.target_subjects_of for s in valid.subjects(p, None)},
            key=str,
        )
        yield from _cases(top, None, foci, index, valid, top.node)


def _cases(
    shape: Shape, outer: tuple[Shape, Constraint] | None, foci: list[Node], index: DataIndex, valid: Graph, label: Node
) -> Iterator[BrokenCase]:
    for constraint in shape.constraints:
        yield _case(shape, constraint, outer, foci, index, valid, label)
        if constraint.kind == "node":
            nested = [v for f in foci for v in index.values(f, shape.path)]
            yield from _cases(constraint.shapes[0], outer or (shape, constraint), nested, index, valid, label)
    for prop in shape.properties:
        yield from _cases(prop, outer, foci, index, valid, label)


def _case(
    shape: Shape,
    constraint: Constraint,
    outer: tuple[Shape, Constraint] | None,
    foci: list[Node],
    index: DataIndex,
    valid: Graph,
    label: Node,
) -> BrokenCase:
    name = f"{_local(label)}-{'-'.join(_local(p) for p in shape.path) or 'node'}-{_kind(constraint)}"
    expected_shape, expected_constraint = outer or (shape, constraint)
    expected = (expected_shape.node, expected_constraint.component)
    for focus in foci:
        graph = Graph()
        for triple in valid:
            graph.add(triple)
        if _break(graph, index, focus, shape, constraint):
            return BrokenCase(name, graph, expected)
    raise AssertionError(f"{name}: no record in the valid data to break this constraint on")


def _break(graph: Graph, index: DataIndex, focus: Node, shape: Shape, constraint: Constraint) -> bool:
    kind = _kind(constraint)
    path = shape.path
    parents = index.values(focus, path[:-1]) if path else []
    last = path[-1] if path else None
    if not path:  # a node shape: the focus itself
        if kind == "class":
            graph.remove((focus, RDF.type, constraint.argument))
            return True
        if kind == "xone":
            members = {step for member in constraint.shapes for step in member.path}
            for predicate in members:
                graph.remove((focus, predicate, None))
            return True
        raise AssertionError(f"no way to break {kind} on a node shape")
    assert last is not None
    with_values = [(p, v) for p in parents for v in graph.objects(p, last)]
    if kind == "minCount":
        if not parents:
            return False
        for parent in parents:
            graph.remove((parent, last, None))
        return True
    if kind == "uniqueLang":
        languages = [v.language for _, v in with_values if isinstance(v, Literal) and v.language]
        if not languages:
            return False
        graph.add((with_values[0][0], last, Literal("dubbel", lang=languages[0])))
        return True
    if not with_values:
        # A property the mapping never writes (such as org:memberOf): add a wrong value of it.
        if not parents or kind not in ("nodeKind", "datatype", "in", "class", "hasValue", "pattern"):
            return False
        broken = _replacement(kind, constraint, ELSEWHERE)
        assert broken is not None
        graph.add((parents[0], last, broken))
        return True
    parent, value = with_values[0]
    if kind == "maxCount":
        graph.add((parent, last, _another(value)))
        return True
    if kind == "node":
        graph.remove((value, None, None))
        return True
    replacement = _replacement(kind, constraint, value)
    if replacement is None:
        return False
    graph.remove((parent, last, value))
    graph.add((parent, last, replacement))
    return True


def _kind(constraint: Constraint) -> str:
    return str(constraint.parameter).removeprefix(str(SH))


def _replacement(kind: str, constraint: Constraint, value: Node) -> Node | None:
    argument = constraint.argument
    if kind == "datatype":
        return Literal(42) if argument == XSD.string else Literal("geen waarde")
    if kind == "pattern":
        return URIRef("ftp://broken.example/x") if isinstance(value, URIRef) else Literal("!! kapot !!")
    if kind == "minLength":
        return Literal("", lang=_language(value))
    if kind == "maxLength":
        assert isinstance(argument, Literal)
        return Literal("x" * (int(argument.toPython()) + 1), lang=_language(value))
    if kind in ("in", "hasValue", "class"):
        return ELSEWHERE
    if kind == "nodeKind":
        return Literal(str(value))
    if kind == "languageIn":
        return Literal(str(value), lang="de")
    if kind in ("minInclusive", "maxInclusive"):
        assert isinstance(argument, Literal) and isinstance(value, Literal)
        bound = float(argument.toPython())
        return Literal(bound - 10 if kind == "minInclusive" else bound + 10, datatype=value.datatype)
    raise AssertionError(f"no way to break {kind}")


def _another(value: Node) -> Node:
    """A second value of the same kind, for a property that allows one."""
    if isinstance(value, URIRef):
        return URIRef(str(value) + "-extra")
    assert isinstance(value, Literal)
    python = value.toPython()
    if value.language:
        return Literal(str(value) + " extra", lang=value.language)
    if isinstance(python, bool):
        return Literal(not python)
    if isinstance(python, int | float | Decimal):
        return Literal(python + 1, datatype=value.datatype)
    special = {XSD.gYear: "1999", XSD.gYearMonth: "1999-01", XSD.date: "1999-01-01"}
    if value.datatype in special:
        return Literal(special[value.datatype], datatype=value.datatype)
    return Literal(str(value) + "x", datatype=value.datatype)


def _language(value: Node) -> str | None:
    return value.language if isinstance(value, Literal) else None


def _local(node: Node) -> str:
    return str(node).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def constraint_count(shapes: Graph) -> int:
    """How many constraints the shapes with targets reach (sh:xone members count as part of their sh:xone)."""

    def count(shape: Shape) -> int:
        total = len(shape.constraints)
        for constraint in shape.constraints:
            if constraint.kind == "node":
                total += count(constraint.shapes[0])
        return total + sum(count(p) for p in shape.properties)

    return sum(count(top) for top in read_shapes(shapes))
