"""Export: Turtle, JSON-LD and N-Triples with a dataset description, the CSV/Excel import template (round-trips
exactly) and GeoJSON (sites, collaborations, municipalities).

No CSV or Excel cell can run as a formula (graph/intake/cells.py); the import reads the cells back as they were.

Only public data leaves the store unless ``include_private`` is given: contacts without consent to publish
live in private graphs that the public path never reads.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import pyoxigraph as ox

from graph.intake.cells import csv_bytes, excel_bytes
from graph.intake.dataset_description import DESCRIPTION_PREFIXES, add_description
from graph.intake.geojson_export import atlas_geojson
from graph.intake.output_files import check_file_target, check_folder_target, write_files
from graph.intake.template import TABLE_COLUMNS
from graph.model.viewer import ANONYMOUS, PrivateRead, Viewer, private_read
from graph.model.vocab import PREFIXES
from graph.settings import Publication
from graph.store.atlas import Atlas
from graph.store.interface import AtlasStore

RDF_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD, "nt": ox.RdfFormat.N_TRIPLES}
FORMATS = ("ttl", "jsonld", "nt", "csv", "xlsx", "geojson")


class ExportError(ValueError):
    pass


def _private(include_private: bool, viewer: Viewer) -> PrivateRead | None:
    """Private data leaves the store only when asked for and only for a coordinator (refused otherwise)."""
    return private_read(viewer) if include_private else None


def template_tables(
    atlas: Atlas, include_private: bool = False, *, viewer: Viewer = ANONYMOUS
) -> dict[str, pd.DataFrame]:
    """The three tables of the import template, exactly as an import would read them back."""
    tables = {}
    private = _private(include_private, viewer)
    for name, columns in TABLE_COLUMNS.items():
        frame = atlas.answer(f"internal/export-{name}", private=private)
        frame = frame.reindex(columns=list(columns)).fillna("")
        if name == "collaborations":
            frame["activities"] = frame["activities"].map(lambda v: ";".join(sorted(filter(None, str(v).split(";")))))
        if name == "organisations":
            frame["member_of"] = frame["member_of"].map(lambda v: ";".join(sorted(filter(None, str(v).split(";")))))
        if name == "sites":
            for column in ("lat", "lon"):
                frame[column] = frame[column].map(repr)
        tables[name] = frame.astype(str)
    return tables


def rdf_bytes(
    store: AtlasStore,
    rdf_format: str,
    include_private: bool = False,
    publication: Publication | None = None,
    *,
    viewer: Viewer = ANONYMOUS,
) -> bytes:
    """All public graphs (or everything) merged into one graph with its DCAT/VoID description, serialised by
    Oxigraph."""
    merged = ox.Store()
    merged.load(
        store.dump(private=_private(include_private, viewer)), format=ox.RdfFormat.N_QUADS, to_graph=ox.DefaultGraph()
    )
    flat = ox.Store()
    for quad in merged.quads_for_pattern(None, None, None, None):
        flat.add(ox.Quad(quad.subject, quad.predicate, quad.object, ox.DefaultGraph()))
    add_description(flat, publication or Publication())
    prefixes = {**PREFIXES, **DESCRIPTION_PREFIXES} if rdf_format == "ttl" else None
    return flat.dump(format=RDF_FORMATS[rdf_format], from_graph=ox.DefaultGraph(), prefixes=prefixes) or b""


def export(
    atlas: Atlas,
    export_format: str,
    out: Path | None,
    include_private: bool = False,
    force: bool = False,
    publication: Publication | None = None,
    layers: Sequence[str] = ("sites",),
    *,
    viewer: Viewer = ANONYMOUS,
) -> bytes | None:
    """Write the export to ``out`` (a folder for csv, a file otherwise), or return it when ``out`` is None.

    The target is checked before any work; an existing file is replaced only with ``force``, and every file is
    written completely before it takes the target's place (see :mod:`graph.intake.output_files`). ``publication``
    configures the dataset description of RDF exports; ``layers`` are GeoJSON's layers.
    """
    if export_format not in FORMATS:
        raise ExportError(f"onbekend formaat {export_format!r} (unknown format); kies uit {', '.join(FORMATS)}")
    if export_format == "csv":
        if out is None:
            raise ExportError("--out MAP is nodig voor csv (csv needs --out FOLDER): drie bestanden / three files")
        check_folder_target(out, [f"{name}.csv" for name in TABLE_COLUMNS], force)
        tables = template_tables(atlas, include_private, viewer=viewer)
        write_files({out / f"{name}.csv": csv_bytes(frame) for name, frame in tables.items()})
        return None
    if out is not None:
        check_file_target(out, force)
    if export_format == "xlsx":
        content = excel_bytes(template_tables(atlas, include_private, viewer=viewer))
    elif export_format == "geojson":
        collection = atlas_geojson(atlas, layers)
        content = json.dumps(collection, ensure_ascii=False, indent=1, allow_nan=False).encode("utf-8")
    else:
        content = rdf_bytes(atlas.store, export_format, include_private, publication, viewer=viewer)
    if out is None:
        return content
    write_files({out: content})
    return None
