"""SHACL validation of records before they are written: the shapes in ``shapes.ttl`` are the contract.

An import checks its records with the shapes compiled to plain rules (:mod:`graph.intake.shape_check`),
over the records, the vocabulary and the stored records they refer to. pySHACL, the general engine, stays the
reference: :func:`pyshacl_problems` validates the same data with it, and the tests hold both to the same
verdicts.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import ORG, RDF, SH
from rdflib.term import Node

from graph.intake.shape_check import Triple, Violation, check_shapes
from graph.intake.template import Problem, shown
from graph.model.language import Message

SHAPES_PATH = Path(__file__).with_name("shapes.ttl")

#: A violation as a SHACL validation report states it: focus node, source shape, component, value.
ReportKey = tuple[Node, Node, Node, Node | None]


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    return Graph().parse(SHAPES_PATH, format="turtle")


def shacl_problems(graphs: list[Iterable[Triple]], origin: dict[str, tuple[str, int]] | None = None) -> list[Problem]:
    """Validate the union of ``graphs``: the records, with the vocabulary and the stored records they refer to.

    Each violation is reported at the file and row its focus record came from, when known.
    """
    violations = check_shapes(shapes_graph(), graphs)
    origin = origin or {}
    # One problem per message: a record can break a constraint with several values (two missing types).
    problems = {problem.render(): problem for problem in (_problem(v, origin, graphs) for v in violations)}
    return sorted(problems.values(), key=lambda p: (p.file, p.row, p.column, p.message_en))


def pyshacl_report(graphs: Iterable[Iterable[Triple]]) -> set[ReportKey]:
    """The violations pySHACL finds in the union of ``graphs`` (the reference for the compiled check)."""
    from pyshacl import validate  # loaded only here: importing it takes about a second

    combined = Graph()
    for part in graphs:
        for triple in part:
            combined.add(triple)
    _, report, _ = validate(combined, shacl_graph=shapes_graph(), inference="none", advanced=False, allow_warnings=True)
    found = set()
    # The report's own results; the results nested in them (sh:detail of a failing sh:node) are not verdicts.
    for result in report.objects(report.value(predicate=RDF.type, object=SH.ValidationReport), SH.result):
        found.add(
            (
                report.value(result, SH.focusNode),
                report.value(result, SH.sourceShape),
                report.value(result, SH.sourceConstraintComponent),
                report.value(result, SH.value),
            )
        )
    return found


def compiled_report(graphs: Iterable[Iterable[Triple]]) -> set[ReportKey]:
    """The violations the compiled check finds, in the form of :func:`pyshacl_report`."""
    return {violation.key() for violation in check_shapes(shapes_graph(), list(graphs))}


_MESSAGES = {
    SH.MinCountConstraintComponent: ("ontbreekt (minstens {n})", "is missing (at least {n})"),
    SH.MaxCountConstraintComponent: ("heeft te veel waarden (hoogstens {n})", "has too many values (at most {n})"),
    SH.DatatypeConstraintComponent: ("{value} is geen waarde van type {arg}", "{value} is not of type {arg}"),
    SH.PatternConstraintComponent: ("{value} heeft niet de vorm {arg}", "{value} does not match {arg}"),
    SH.MinLengthConstraintComponent: ("{value} is te kort (minstens {arg})", "{value} is too short (at least {arg})"),
    SH.MaxLengthConstraintComponent: ("{value} is te lang (hoogstens {arg})", "{value} is too long (at most {arg})"),
    SH.InConstraintComponent: ("{value} is geen toegestane waarde", "{value} is not an allowed value"),
    SH.NodeKindConstraintComponent: ("{value} moet een {arg} zijn", "{value} must be an {arg}"),
    SH.ClassConstraintComponent: ("{value} is geen {arg}", "{value} is not a {arg}"),
    SH.HasValueConstraintComponent: ("moet {arg} zijn", "must be {arg}"),
    SH.UniqueLangConstraintComponent: ("een taal komt meer dan eens voor", "a language occurs more than once"),
    SH.LanguageInConstraintComponent: ("{value} heeft een andere taal dan {arg}", "{value} is not in language {arg}"),
    SH.MinInclusiveConstraintComponent: ("{value} is kleiner dan {arg}", "{value} is less than {arg}"),
    SH.MaxInclusiveConstraintComponent: ("{value} is groter dan {arg}", "{value} is more than {arg}"),
    SH.NodeConstraintComponent: ("{value} is niet volledig of niet geldig", "{value} is incomplete or invalid"),
    SH.XoneConstraintComponent: ("{value} moet precies één waarde hebben", "{value} must have exactly one value"),
}


def _problem(violation: Violation, origin: dict[str, tuple[str, int]], graphs: list[Iterable[Triple]]) -> Problem:
    shape = violation.shape
    constraint = next(c for c in shape.constraints if c.component == violation.component)
    argument = _short(constraint.argument) if isinstance(constraint.argument, URIRef | Literal) else ""
    fields = {
        "n": constraint.count,
        "arg": argument,
        "value": shown(str(violation.value)) if violation.value is not None else "",
    }
    nl, en = (template.format(**fields).strip() for template in _MESSAGES[violation.component])
    path = " / ".join(_short(step) for step in shape.path)
    if shape.message:  # the shapes' own explanation, in Dutch
        nl, en = shape.message, f"{shape.message} ({en})"
    if path:
        nl, en = f"{path}: {nl}", f"{path}: {en}"
    file, row = _locate(violation.focus, origin, graphs)
    return Problem(
        file, row, shape.name, Message(f"voldoet niet aan het gegevensmodel: {nl}", f"violates the model: {en}")
    )


def _short(node: Node | str) -> str:
    text = str(node)
    for separator in ("#", "/"):
        if separator in text and not text.startswith("mailto:"):
            tail = text.rsplit(separator, 1)[-1]
            if tail:
                return tail
    return text


def _locate(focus: Node, origin: dict[str, tuple[str, int]], graphs: list[Iterable[Triple]]) -> tuple[str, int]:
    key = str(focus)
    if key in origin:
        return origin[key]
    # A part of a record (its address, contact) is reported at the record itself.
    for record, (file, row) in origin.items():
        if key.startswith(record + "/"):
            return (file, row)
    for graph in graphs:
        for s, p, o in graph:
            if p == ORG.siteAddress and o == focus and str(s) in origin:
                return origin[str(s)]
    return ("shacl", 0)
