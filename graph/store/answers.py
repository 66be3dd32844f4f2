"""Answers read whole while the store is open: SELECT rows, CONSTRUCT triples as an rdflib graph."""

from __future__ import annotations

from itertools import islice
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import Graph

from graph.model.terms import from_ox, python_value
from graph.model.vocab import bind_prefixes

if TYPE_CHECKING:
    import pandas as pd


def graph_of(triples: list[Any]) -> Graph:
    """pyoxigraph triples as an rdflib graph with the atlas's prefixes (what CONSTRUCT answers become)."""
    graph = Graph()
    bind_prefixes(graph)
    for triple in triples:
        graph.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
    return graph


def _materialise(result: Any, max_rows: int | None = None) -> Any:
    """Read a result fully while its store is still open (a lazy answer must not outlive the lock)."""
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QuerySolutions):
        columns = [variable.value for variable in result.variables]
        solutions = islice(result, max_rows) if max_rows is not None else result
        return Solutions(columns, [tuple(solution) for solution in solutions])
    return list(islice(result, max_rows) if max_rows is not None else result)


class Solutions:
    """A fully read SELECT answer: pyoxigraph terms, or after :meth:`plain` the values a table shows."""

    def __init__(self, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
        self.columns = columns
        self.rows = rows

    def plain(self) -> Solutions:
        """The same answer with plain values: IRIs as text, numbers as numbers."""
        return Solutions(self.columns, [tuple(python_value(term) for term in row) for row in self.rows])

    def records(self) -> list[dict[str, Any]]:
        """Each row as a mapping from column to value, for code that reads a few columns without pandas."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def table(self) -> pd.DataFrame:
        import pandas as pd  # pandas takes 0.4 s to load: a command that prints a few rows does without

        return pd.DataFrame(self.rows, columns=self.columns)
