"""SHACL validation of records before they are written: the shapes in ``shapes.ttl`` are the contract."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import ORG, RDF, SH

from graph.intake.template import Problem
from graph.model.language import Message

SHAPES_PATH = Path(__file__).with_name("shapes.ttl")


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    return Graph().parse(SHAPES_PATH, format="turtle")


def shacl_problems(
    data: Graph,
    vocabulary: Graph,
    context: Graph | None = None,
    origin: dict[str, tuple[str, int]] | None = None,
) -> list[Problem]:
    """Validate ``data`` (with the vocabulary and the already stored ``context`` it refers to).

    Each violation is reported at the file and row its focus record came from, when known.
    """
    combined = Graph()
    for part in (data, vocabulary, context):
        if part is not None:
            for triple in part:
                combined.add(triple)
    conforms, report, _ = validate(
        combined, shacl_graph=shapes_graph(), inference="none", advanced=False, allow_warnings=True
    )
    if conforms:
        return []
    origin = origin or {}
    problems = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        shape = report.value(result, SH.sourceShape)
        column = str(shapes_graph().value(shape, SH.name) or "") if shape is not None else ""
        message = str(report.value(result, SH.resultMessage) or "")
        file, row = _locate(focus, origin, combined)
        problems.append(
            Problem(
                file,
                row,
                column,
                Message(f"voldoet niet aan het gegevensmodel: {message}", f"violates the model: {message}"),
            )
        )
    return sorted(problems, key=lambda p: (p.file, p.row, p.column))


def _locate(focus: object, origin: dict[str, tuple[str, int]], graph: Graph) -> tuple[str, int]:
    if focus is None:
        return ("shacl", 0)
    key = str(focus)
    if key in origin:
        return origin[key]
    # A part of a record (its address, contact) is reported at the record itself.
    for record, (file, row) in origin.items():
        if key.startswith(record + "/"):
            return (file, row)
    owner = graph.value(predicate=ORG.siteAddress, object=URIRef(key))
    if owner is not None and str(owner) in origin:
        return origin[str(owner)]
    return ("shacl", 0)
