"""Turtle or JSON-LD in the atlas's own model, read back into the import template's three tables."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pyoxigraph as ox

from graph.intake.input_limits import MAX_ROWS, dutch_count
from graph.intake.template import InputError, InputTables, Row
from graph.settings import REPO_ROOT
from graph.store.catalogue import QueryCatalogue
from graph.store.oxigraph_reader import MemoryStore

FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "json-ld": ox.RdfFormat.JSON_LD,
    "nt": ox.RdfFormat.N_TRIPLES,
    "trig": ox.RdfFormat.TRIG,
}


def _file_store(path: Path, rdf_format: str) -> MemoryStore:
    store = MemoryStore()
    try:
        store.store.load(path=str(path), format=FORMATS[rdf_format], to_graph=ox.DefaultGraph())
    except (SyntaxError, ValueError, OSError) as error:
        raise InputError(f"{path}: geen geldige {rdf_format} (not valid {rdf_format}): {error}") from error
    # The records are read from the default graph; what a TriG file keeps in named graphs would be left behind.
    named = next(iter(store.store.named_graphs()), None)
    if named is not None:
        raise InputError(
            f"{Path(path).name}: bevat benoemde grafen (zoals {named.value}); de atlas leest alleen de standaardgraaf. "
            f"Zet de gegevens in de standaardgraaf of gebruik Turtle (holds named graphs, such as {named.value}; the "
            "atlas reads the default graph only: put the data in the default graph or use Turtle)"
        )
    return store


def read_rdf(path: Path, rdf_format: str, queries_dir: Path | None = None) -> InputTables:
    catalogue = QueryCatalogue(queries_dir or REPO_ROOT / "queries")
    store = _file_store(path, rdf_format)
    tables = InputTables(source=str(path))
    for table in ("organisations", "sites", "collaborations"):
        frame: pd.DataFrame = catalogue.run(store, f"internal/export-{table}")
        if len(frame) > MAX_ROWS:
            raise InputError(
                f"{Path(path).name}: meer dan {dutch_count(MAX_ROWS)} {table} (more than {MAX_ROWS:,} {table})"
            )
        for number, record in enumerate(frame.to_dict("records"), start=1):
            values = {str(key): _text(value) for key, value in record.items()}
            tables.table(table).append(Row(f"{Path(path).name}#{table}", number, values))
    return tables


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value)
