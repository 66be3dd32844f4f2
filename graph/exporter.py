"""Export: Turtle, JSON-LD, the CSV/Excel import template (round-trips exactly) and GeoJSON of the sites.

Only public data leaves the store unless ``include_private`` is given: contacts without consent to publish
live in private graphs that the public path never reads.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pyoxigraph as ox

from .queries import QueryLibrary
from .store import AtlasStore
from .tables import TABLE_COLUMNS
from .viewer import ANONYMOUS, PrivateRead, Viewer, private_read
from .vocab import PREFIXES

RDF_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD, "nt": ox.RdfFormat.N_TRIPLES}
FORMATS = ("ttl", "jsonld", "nt", "csv", "xlsx", "geojson")


class ExportError(ValueError):
    pass


def _private(include_private: bool, viewer: Viewer) -> PrivateRead | None:
    """Private data leaves the store only when asked for and only for a coordinator (refused otherwise)."""
    return private_read(viewer) if include_private else None


def template_tables(
    store: AtlasStore, library: QueryLibrary, include_private: bool = False, *, viewer: Viewer = ANONYMOUS
) -> dict[str, pd.DataFrame]:
    """The three tables of the import template, exactly as an import would read them back."""
    tables = {}
    private = _private(include_private, viewer)
    for name, columns in TABLE_COLUMNS.items():
        frame = library.run(store, f"internal/export-{name}", private=private)
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
    store: AtlasStore, rdf_format: str, include_private: bool = False, *, viewer: Viewer = ANONYMOUS
) -> bytes:
    """All public graphs (or everything) merged into one graph, serialised by Oxigraph."""
    merged = ox.Store()
    merged.load(
        store.dump(private=_private(include_private, viewer)), format=ox.RdfFormat.N_QUADS, to_graph=ox.DefaultGraph()
    )
    flat = ox.Store()
    for quad in merged.quads_for_pattern(None, None, None, None):
        flat.add(ox.Quad(quad.subject, quad.predicate, quad.object, ox.DefaultGraph()))
    prefixes = PREFIXES if rdf_format == "ttl" else None
    return flat.dump(format=RDF_FORMATS[rdf_format], from_graph=ox.DefaultGraph(), prefixes=prefixes) or b""


def sites_geojson(store: AtlasStore, library: QueryLibrary) -> dict[str, object]:
    frame = library.run(store, "site-overview")
    features = []
    for row in frame.to_dict("records"):
        properties = {key: value for key, value in row.items() if key not in ("lat", "lon") and value is not None}
        features.append(
            {
                "type": "Feature",
                "id": row["site_id"],
                "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def export(
    store: AtlasStore,
    library: QueryLibrary,
    export_format: str,
    out: Path | None,
    include_private: bool = False,
    *,
    viewer: Viewer = ANONYMOUS,
) -> bytes | None:
    """Write the export to ``out`` (a folder for csv, a file otherwise), or return it when ``out`` is None."""
    if export_format not in FORMATS:
        raise ExportError(f"onbekend formaat {export_format!r} (unknown format); kies uit {', '.join(FORMATS)}")
    if export_format == "csv":
        if out is None:
            raise ExportError("--out MAP is nodig voor csv (csv needs --out FOLDER): drie bestanden / three files")
        out.mkdir(parents=True, exist_ok=True)
        for name, frame in template_tables(store, library, include_private, viewer=viewer).items():
            frame.to_csv(out / f"{name}.csv", index=False, encoding="utf-8")
        return None
    if export_format == "xlsx":
        buffer = io.BytesIO()
        with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
            for name, frame in template_tables(store, library, include_private, viewer=viewer).items():
                frame.to_excel(writer, sheet_name=name, index=False)
        content = buffer.getvalue()
    elif export_format == "geojson":
        content = json.dumps(sites_geojson(store, library), ensure_ascii=False, indent=1).encode("utf-8")
    else:
        content = rdf_bytes(store, export_format, include_private, viewer=viewer)
    if out is None:
        return content
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(content)
    return None
