"""Command line: ``python -m graph`` or ``passendwerk``. Exit codes: 0 ok, 2 bad input, 1 other failure."""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from graph.cli import admin, data, factsheet, questions
from graph.cli.output import BAD_INPUT, UsageError, add_lang_option
from graph.intake.template import InputError
from graph.settings import PublicReads, settings_from_environment
from graph.store.atlas import Atlas
from graph.store.interface import StoreError
from graph.store.opening import is_missing_folder

#: The commands that may be given a store folder that is not there yet: they fill a new store or do not read
#: it. Every other command refuses a missing folder, so that a typing error in ``--store`` is reported instead
#: of answered from a new, empty store.
MAY_START_A_STORE = frozenset({"init", "import", "reference", "restore", "add-coordinator"})
#: Commands that only check files against the store: without one they check against an empty atlas, in a
#: temporary folder, and leave nothing behind (a check must not create the store it was pointed at).
CHECK_ONLY = frozenset({"validate"})


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
    add_lang_option(parser, default="both")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(
        name: str, handler: Callable[[Atlas, argparse.Namespace], int], help_text: str
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub

    for part in (data, questions, admin, factsheet):
        part.add_commands(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        # Most commands ask a few questions and end: they read the store's folder directly instead of first
        # making the in-memory copy that the app keeps (about 2 s at demo scale 1). A command whose questions
        # go through the whole atlas asks for the copy, which answers them about ten times faster.
        reads = getattr(args, "public_reads", PublicReads.DISK)
        settings = settings_from_environment(args.store, args.reference, public_reads=reads)
        if args.command in CHECK_ONLY and is_missing_folder(settings.store):
            with tempfile.TemporaryDirectory(prefix="passendwerk-check-") as temporary:
                try:
                    return int(args.handler(Atlas.open(settings.with_(store=str(Path(temporary) / "store"))), args))
                finally:  # said after the verdict, which it qualifies
                    print(
                        f"let op (note): de opslag {settings.store} bestaat niet; gecontroleerd tegen een lege atlas "
                        "(the store does not exist; checked against an empty atlas)",
                        file=sys.stderr,
                    )
        if args.command not in MAY_START_A_STORE and is_missing_folder(settings.store):
            raise UsageError(
                f"de opslag {settings.store} bestaat niet (the store does not exist): kies een bestaande --store, "
                "of vul een nieuwe met (or fill a new one with) python -m graph init"
            )
        atlas = Atlas.open(settings)
        return int(args.handler(atlas, args))
    except (UsageError, InputError, ValueError, KeyError) as error:
        print(f"fout (error): {error}", file=sys.stderr)
        return BAD_INPUT
    except StoreError as error:
        print(f"fout (error): {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
