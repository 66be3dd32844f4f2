"""Command line, part one: filling the store, importing, checking, exporting and key figures."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from graph.cli.output import Command, UsageError, print_rows, report_problems
from graph.store.atlas import Atlas

# The intake modules (rdflib graphs, the shapes) are imported by the commands that write: a question answered
# from the command line starts without them.


def cmd_init(atlas: Atlas, args: argparse.Namespace) -> int:
    from graph.intake.setup import initialise

    for line in initialise(atlas, Path(args.seed) if args.seed else None) or ["niets te doen (nothing to do)"]:
        print(line)
    return 0


def cmd_import(atlas: Atlas, args: argparse.Namespace) -> int:
    from graph.intake.importer import import_path

    report = import_path(atlas, Path(args.path), agent=args.agent)
    if not report.ok:
        return report_problems(report.problems, args.lang)
    records = report.records
    print(
        f"geïmporteerd (imported): {len(records.organisations)} organisaties, {len(records.sites)} locaties, "
        f"{len(records.collaborations)} samenwerkingen -> {report.activity}"
    )
    if report.erased:
        print(
            f"{report.erased} gegeven(s) van verwijderde personen weggelaten (values of erased people left out, "
            "see the erasure register)"
        )
    return 0


def cmd_validate(atlas: Atlas, args: argparse.Namespace) -> int:
    from graph.intake.importer import validate_path

    report = validate_path(atlas, Path(args.path))
    if not report.ok:
        return report_problems(report.problems, args.lang)
    print(f"geldig (valid): {len(report.records)} records; er is niets geschreven (nothing was written)")
    return 0


def cmd_export(atlas: Atlas, args: argparse.Namespace) -> int:
    from graph.intake.exporter import export
    from graph.intake.geojson_export import parse_layers
    from graph.model.viewer import COMMAND_LINE

    if args.layers is not None and args.format != "geojson":
        raise UsageError("--layers hoort bij --format geojson (--layers is for the geojson format)")
    layers = parse_layers(args.layers or "sites")

    out = Path(args.out) if args.out else None
    if args.format == "xlsx" and out is None:
        raise UsageError("--out BESTAND is nodig voor xlsx (xlsx needs --out FILE)")
    content = export(
        atlas,
        args.format,
        out,
        args.include_private,
        args.force,
        atlas.settings.publication,
        layers,
        viewer=COMMAND_LINE,
    )
    if content is not None:
        sys.stdout.buffer.write(content)
    return 0


def cmd_stats(atlas: Atlas, args: argparse.Namespace) -> int:
    from graph.intake.reference import has_reference

    # Printed from plain rows: a cold `stats` answers in well under a second without loading pandas.
    figures = atlas.rows("stats")
    extra = [("triples_public", atlas.store.count()), ("reference_loaded", int(has_reference(atlas.store)))]
    print_rows(figures.columns, [*figures.rows, *extra], args.format)
    return 0


def cmd_reference(atlas: Atlas, args: argparse.Namespace) -> int:
    from graph.intake.reference import load_reference_report

    folder = Path(args.folder) if args.folder else atlas.settings.reference
    if folder is None:
        raise UsageError("geef een map met referentiegegevens (give a reference folder): --reference DIR")
    report = load_reference_report(atlas.store, folder)
    count = report.municipalities
    print(
        f"referentiegegevens {report.year} geladen: {count} gemeenten "
        f"(reference data {report.year} loaded: {count} municipalities)"
    )
    for site, old, new in report.moved:
        print(f"verplaatst (moved): {site}: {old} -> {new}")
    for site, old in report.unplaced:
        print(
            f"let op (note): {site}: {old} bestaat niet meer en het punt ligt in geen gemeente "
            "(no longer exists and the point lies in no municipality)"
        )
    return 0


def add_commands(command: Command) -> None:
    """Register the data commands on the main parser."""
    sub = command("init", cmd_init, "lege opslag vullen: vocabulaire, referentie, voorbeelden (fill an empty store)")
    sub.add_argument("--seed", help="map met voorbeeldgegevens (seed folder); default data/seed")
    for name, handler, help_text in (
        ("import", cmd_import, "importeren: alles of niets (import a folder, .xlsx, .ttl or .jsonld; all or nothing)"),
        ("validate", cmd_validate, "controleren zonder te schrijven (check without writing)"),
    ):
        sub = command(name, handler, help_text)
        sub.add_argument("path", help="map met CSV-bestanden, .xlsx, .ttl of .jsonld")
        sub.add_argument("--agent", default="cli", help="wie importeert (who imports, for provenance)")
    sub = command("export", cmd_export, "exporteren (export: ttl, jsonld, nt, csv, xlsx, geojson)")
    sub.add_argument("--format", required=True, choices=("ttl", "jsonld", "nt", "csv", "xlsx", "geojson"))
    sub.add_argument("--out", help="bestand, of map voor csv (file, or folder for csv); default stdout")
    sub.add_argument(
        "--include-private", action="store_true", help="ook contacten zonder toestemming (also private contacts)"
    )
    sub.add_argument("--force", action="store_true", help="bestaande bestanden vervangen (replace existing files)")
    sub.add_argument(
        "--layers",
        help="geojson: lagen, met komma's (layers, comma-separated): sites, collaborations, municipalities; "
        "default sites",
    )
    sub = command("stats", cmd_stats, "kerncijfers (key figures)")
    sub.add_argument("--format", choices=("table", "csv", "json"), default="table")
    sub = command("reference", cmd_reference, "referentiegegevens (opnieuw) laden (load reference data)")
    sub.add_argument("folder", nargs="?", help="default: --reference")
