"""Regular expressions in a console question that the engine cannot read.

SPARQL counts a function that fails as an error, and a FILTER with an error as false: ``REGEX(?name, "Bib(")``
quietly keeps no row at all, and ``REPLACE`` with such a pattern leaves its variable unbound. A reader then sees
"no rows" and looks for the mistake in the data. Each pattern (and its flags) written as text in the question is
tried once on an empty in-memory Oxigraph store, the atlas's own engine, so a pattern is flagged exactly when that
engine would fail on it. The pattern goes in as a bound value, never as query text. Patterns that come from
the data (a variable) cannot be known before the question runs and are left alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pyoxigraph
from rdflib import Literal
from rdflib.plugins.sparql.parserutils import CompValue

from graph.model.language import Message

# Only these two SPARQL 1.1 functions take a pattern; their argument names in rdflib's algebra.
PATTERN_FUNCTIONS = {"Builtin_REGEX": "REGEX", "Builtin_REPLACE": "REPLACE"}
MOST_WARNINGS = 3
PROBE = 'SELECT ?pattern ?flags (REGEX("", ?pattern, ?flags) AS ?readable) WHERE {}'


def unreadable_patterns(algebra: Any) -> tuple[Message, ...]:
    """A warning for each literal pattern of REGEX or REPLACE in ``algebra`` that the engine cannot read."""
    warnings: list[Message] = []
    probe = pyoxigraph.Store()  # in memory, empty: nothing to read and nowhere to go
    for function, pattern, flags in set(_patterns(algebra)):
        if _readable(probe, pattern, flags):
            continue
        with_flags_nl = f" met de vlaggen '{flags}'" if flags else ""
        with_flags_en = f" with the flags '{flags}'" if flags else ""
        effect = (
            ("Daardoor is die voorwaarde voor geen enkele rij waar", "That condition is therefore true for no row")
            if function == "REGEX"
            else (
                "Daardoor blijft de uitkomst van REPLACE voor elke rij leeg",
                "Its result is therefore empty for every row",
            )
        )
        warnings.append(
            Message(
                f"{function} kan het patroon '{pattern}'{with_flags_nl} niet lezen. {effect[0]}: verbeter het patroon.",
                f"{function} cannot read the pattern '{pattern}'{with_flags_en}. {effect[1]}: correct the pattern.",
            )
        )
    warnings.sort(key=lambda message: message.en)
    if len(warnings) > MOST_WARNINGS:  # a question of sixty broken patterns gets a few examples, not sixty boxes
        rest = len(warnings) - MOST_WARNINGS
        warnings[MOST_WARNINGS:] = [
            Message(
                f"En nog {rest} patronen die de opslag niet kan lezen.",
                f"And {rest} more patterns the store cannot read.",
            )
        ]
    return tuple(warnings)


def _patterns(node: Any) -> Iterator[tuple[str, str, str]]:
    """(function, pattern, flags) for every REGEX and REPLACE whose pattern and flags are written as text."""
    if isinstance(node, CompValue):
        function = PATTERN_FUNCTIONS.get(node.name)
        if function:
            # dict.get: CompValue.get answers a missing key with the key's own name
            pattern, flags = dict.get(node, "pattern"), dict.get(node, "flags")
            if isinstance(pattern, Literal) and (flags is None or isinstance(flags, Literal)):
                yield function, str(pattern), "" if flags is None else str(flags)
        children: Any = node.values()
    elif isinstance(node, dict):
        children = node.values()
    elif isinstance(node, list | tuple | set | frozenset):
        children = node
    else:
        return
    for child in children:
        yield from _patterns(child)


def _readable(probe: pyoxigraph.Store, pattern: str, flags: str) -> bool:
    solutions = probe.query(
        PROBE,
        substitutions={
            pyoxigraph.Variable("pattern"): pyoxigraph.Literal(pattern),
            pyoxigraph.Variable("flags"): pyoxigraph.Literal(flags),
        },
    )
    return any(solution["readable"] is not None for solution in solutions)  # type: ignore[union-attr]
