"""Command line: ``python -m graph`` or ``passendwerk``. Exit codes: 0 ok, 2 bad input, 1 other failure."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from .atlas import Atlas
from .cells import csv_text
from .input_limits import MAX_PROBLEMS_SHOWN
from .settings import settings_from_environment
from .store import StoreError
from .tables import InputError, Problem

BAD_INPUT = 2


class UsageError(ValueError):
    """Bad input from the command line; printed without a traceback, exit code 2."""


def _print_frame(frame: pd.DataFrame, output_format: str) -> None:
    if output_format == "csv":
        sys.stdout.write(csv_text(frame))
    elif output_format == "json":
        sys.stdout.write(frame.to_json(orient="records", force_ascii=False, indent=1) + "\n")
    else:
        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200):
            sys.stdout.write((frame.to_string(index=False) if len(frame) else "(geen rijen / no rows)") + "\n")


def cmd_init(atlas: Atlas, args: argparse.Namespace) -> int:
    for line in atlas.initialise(Path(args.seed) if args.seed else None) or ["niets te doen (nothing to do)"]:
        print(line)
    return 0


def _report_problems(problems: list[Problem], lang: str) -> int:
    for problem in problems[:MAX_PROBLEMS_SHOWN]:
        print(problem.render(lang), file=sys.stderr)
    if len(problems) > MAX_PROBLEMS_SHOWN:
        more = len(problems) - MAX_PROBLEMS_SHOWN
        print(f"… en nog {more} (and {more} more)", file=sys.stderr)
    print(
        f"{len(problems)} probleem/problemen gevonden; er is niets geschreven (problems found; nothing was written)",
        file=sys.stderr,
    )
    return BAD_INPUT


def cmd_import(atlas: Atlas, args: argparse.Namespace) -> int:
    report = atlas.import_path(Path(args.path), agent=args.agent)
    if not report.ok:
        return _report_problems(report.problems, args.lang)
    records = report.records
    print(
        f"geïmporteerd (imported): {len(records.organisations)} organisaties, {len(records.sites)} locaties, "
        f"{len(records.collaborations)} samenwerkingen -> {report.graph}"
    )
    if report.erased:
        print(
            f"{report.erased} gegeven(s) van verwijderde personen weggelaten (values of erased people left out, "
            "see the erasure register)"
        )
    return 0


def cmd_validate(atlas: Atlas, args: argparse.Namespace) -> int:
    from .importer import validate_path

    report = validate_path(atlas.store, atlas.library, Path(args.path), atlas.settings.data_dir)
    if not report.ok:
        return _report_problems(report.problems, args.lang)
    print(f"geldig (valid): {len(report.records)} records; er is niets geschreven (nothing was written)")
    return 0


def cmd_export(atlas: Atlas, args: argparse.Namespace) -> int:
    from .exporter import export
    from .geojson_export import parse_layers
    from .viewer import COMMAND_LINE

    if args.layers is not None and args.format != "geojson":
        raise UsageError("--layers hoort bij --format geojson (--layers is for the geojson format)")
    layers = parse_layers(args.layers or "sites")

    out = Path(args.out) if args.out else None
    if args.format == "xlsx" and out is None:
        raise UsageError("--out BESTAND is nodig voor xlsx (xlsx needs --out FILE)")
    content = export(
        atlas.store,
        atlas.library,
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
    frame = atlas.library.run(atlas.store, "stats")
    extra = pd.DataFrame(
        [
            {"measure": "triples_public", "value": atlas.store.count()},
            {"measure": "reference_loaded", "value": int(atlas.has_reference())},
        ]
    )
    _print_frame(pd.concat([frame, extra], ignore_index=True), args.format)
    return 0


def cmd_reference(atlas: Atlas, args: argparse.Namespace) -> int:
    from .reference import load_reference_report

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


def cmd_demo(atlas: Atlas, args: argparse.Namespace) -> int:
    from .demo import write_demo

    out = Path(args.out)
    counts = write_demo(out, args.scale, args.seed, atlas.settings.reference)
    print(f"demo-gegevens (demo data) in {out}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    if args.load:
        return cmd_import(atlas, argparse.Namespace(path=str(out), agent="demo", lang=args.lang))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="passendwerk",
        description="Passend Werk Atlas: samenwerkingen tussen bibliotheken en zorgorganisaties "
        "(collaborations between libraries and disability-care organisations).",
    )
    parser.add_argument(
        "--store", help="map of SPARQL-endpoint (folder or endpoint); default $PASSENDWERK_STORE or var/store"
    )
    parser.add_argument(
        "--reference", help="map met CBS-referentiegegevens (reference folder); default $PASSENDWERK_REFERENCE"
    )
    parser.add_argument(
        "--lang", choices=("nl", "en", "both"), default="both", help="taal van meldingen (message language)"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(
        name: str, handler: Callable[[Atlas, argparse.Namespace], int], help_text: str
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub

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
    sub = command("demo", cmd_demo, "demogegevens op landelijke schaal maken (generate national-scale demo data)")
    sub.add_argument("--scale", type=float, default=1.0)
    sub.add_argument("--seed", type=int, default=2026)
    sub.add_argument("--out", default="var/demo")
    sub.add_argument("--load", action="store_true", help="ook importeren (also import)")
    from . import cli_admin, cli_analysis, cli_factsheet

    cli_analysis.add_commands(command)
    cli_admin.add_commands(command)
    cli_factsheet.add_commands(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        atlas = Atlas.open(settings_from_environment(args.store, args.reference))
        return int(args.handler(atlas, args))
    except (UsageError, InputError, ValueError, KeyError) as error:
        print(f"fout (error): {error}", file=sys.stderr)
        return BAD_INPUT
    except StoreError as error:
        print(f"fout (error): {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0


def print_json(value: object) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=1))
