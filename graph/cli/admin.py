"""Command line, part three: partners' submissions, privacy requests, accounts and backups."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from datetime import timedelta
from pathlib import Path

from graph.cli.output import Command, print_frame
from graph.model.enums import SubmissionState
from graph.store.atlas import Atlas


def cmd_submissions(atlas: Atlas, args: argparse.Namespace) -> int:
    from graph.intake.submissions import approve, reject, revert, submissions
    from graph.model.viewer import COMMAND_LINE, Viewer

    if args.action == "list":
        import pandas as pd

        rows = submissions(atlas, args.state, viewer=COMMAND_LINE)
        frame = pd.DataFrame(rows, columns=["code", "state", "submitted", "submitter_email", "reason", "decided_by"])
        print_frame(frame, "table")
        return 0
    if not args.code or not args.by:
        print("fout (error): geef --code en --by (give --code and --by)", file=sys.stderr)
        return 2
    if args.action == "approve":
        problems = approve(atlas, args.code, Viewer.coordinator(args.by))
        for problem in problems:
            print(problem.render(), file=sys.stderr)
        if problems:
            return 2
    elif args.action == "reject":
        reject(atlas, args.code, Viewer.coordinator(args.by), args.reason or "")
    else:
        revert(atlas, args.code, Viewer.coordinator(args.by), args.reason or "")
    print(f"{args.code}: {args.action} ok")
    return 0


def cmd_export_person(atlas: Atlas, args: argparse.Namespace) -> int:
    from graph.model.viewer import COMMAND_LINE
    from graph.privacy.personal_data import export_person

    report = export_person(atlas, args.email, COMMAND_LINE)
    print(json.dumps(report.as_dict(), ensure_ascii=False, indent=1, allow_nan=False))
    return 0


def cmd_forget_contact(atlas: Atlas, args: argparse.Namespace) -> int:
    from graph.model.viewer import COMMAND_LINE
    from graph.privacy.erasure import forget_contact

    report = forget_contact(atlas, args.email, COMMAND_LINE)
    print(f"verwijderd voor (erased for) {report.email}: {report.summary()}")
    for warning in report.warnings:
        print(f"let op (note): {warning}", file=sys.stderr)
    print(json.dumps(report.as_dict(), ensure_ascii=False, indent=1, allow_nan=False))
    return 0


def cmd_reapply_erasures(atlas: Atlas, args: argparse.Namespace) -> int:
    from graph.privacy.erasure import reapply

    report = reapply(atlas.store)
    print(
        f"verwijderregister toegepast (erasure register applied, {report.register_entries} waarden/values): "
        f"{report.summary()}"
    )
    return 0


def cmd_add_coordinator(atlas: Atlas, args: argparse.Namespace) -> int:
    from graph.privacy.accounts import add_coordinator

    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass("Wachtwoord / password: ")
    path = add_coordinator(
        args.username, args.name or args.username, password, Path(args.secrets) if args.secrets else None
    )
    print(f"account {args.username} opgeslagen in (saved in) {path}")
    del atlas
    return 0


def cmd_backup(atlas: Atlas, args: argparse.Namespace) -> int:
    atlas.store.backup(Path(args.folder))
    print(f"back-up gemaakt in (backup made in) {args.folder}")
    return 0


def cmd_restore(atlas: Atlas, args: argparse.Namespace) -> int:
    from graph.privacy.erasure import restore

    report = restore(atlas.store, Path(args.folder))
    print(f"teruggezet uit (restored from) {args.folder}")
    if report.register_entries:
        print(
            f"verwijderregister opnieuw toegepast (erasure register applied again, {report.register_entries} "
            f"waarden/values): {report.summary()}"
        )
    return 0


def cmd_migrate(atlas: Atlas, args: argparse.Namespace) -> int:
    from graph.intake.migrate import migrate

    changed = migrate(atlas)
    print(f"bijgewerkt naar het huidige model: {changed} quads (brought up to the current model: {changed} quads)")
    return 0


def cmd_tidy(atlas: Atlas, args: argparse.Namespace) -> int:
    if atlas.store.access is None:  # what a large write, or a save of a public copy or an answer, left behind
        left = atlas.store.tidy(timedelta(0))
        for folder in left:
            print(folder)
        print(
            f"{len(left)} onafgemaakte kopie(ën) verwijderd, van een grote schrijfactie, een openbare kopie of "
            "een bewaard antwoord (unfinished copies removed)"
        )
        return 0
    if args.older_than_hours < 0:
        print("fout (error): --older-than-hours mag niet negatief zijn (must not be negative)", file=sys.stderr)
        return 2
    dropped = atlas.store.tidy(timedelta(hours=args.older_than_hours), unregistered=args.unregistered)
    for graph in dropped:
        print(graph)
    print(f"{len(dropped)} achtergebleven graaf/grafen verwijderd (leftover graphs dropped)")
    return 0


def add_commands(command: Command) -> None:
    sub = command("submissions", cmd_submissions, "inzendingen bekijken en beoordelen (list and review submissions)")
    sub.add_argument("action", choices=("list", "approve", "reject", "revert"))
    sub.add_argument("--code", help="referentiecode, e.g. PW-ABCD2345")
    sub.add_argument("--by", help="wie beoordeelt (reviewer)")
    sub.add_argument("--reason", help="reden (reason), nodig bij reject")
    sub.add_argument("--state", choices=SubmissionState.values())
    sub = command("export-person", cmd_export_person, "alles tonen wat over een persoon bewaard is (AVG inzage)")
    sub.add_argument("email")
    sub = command("forget-contact", cmd_forget_contact, "een persoon overal verwijderen (AVG: recht op vergetelheid)")
    sub.add_argument("email")
    command(
        "reapply-erasures",
        cmd_reapply_erasures,
        "verwijderregister opnieuw toepassen, na terugzetten buiten de atlas om (apply the erasure register again)",
    )
    sub = command("add-coordinator", cmd_add_coordinator, "coördinator-account maken (create a coordinator account)")
    sub.add_argument("username")
    sub.add_argument("--name", help="volledige naam (full name)")
    sub.add_argument(
        "--secrets", help="pad van het secrets-bestand; default $PASSENDWERK_SECRETS of .streamlit/secrets.toml"
    )
    sub.add_argument(
        "--password-stdin", action="store_true", help="lees het wachtwoord van stdin (read password from stdin)"
    )
    sub = command("backup", cmd_backup, "back-up van de opslag maken (back up the store)")
    sub.add_argument(
        "folder",
        help="nieuwe map, of bij een server een nieuw N-Quads-bestand (new folder, or for a server a new .nq file)",
    )
    sub = command("restore", cmd_restore, "opslag terugzetten uit een back-up (restore the store)")
    sub.add_argument("folder", help="de back-up: map of N-Quads-bestand (the backup: folder or N-Quads file)")
    command("migrate", cmd_migrate, "opslag van vóór het huidige model bijwerken (bring an older store up to date)")
    sub = command(
        "tidy",
        cmd_tidy,
        "opruimen wat afgebroken schrijfacties achterlieten (drop what interrupted writes left behind)",
    )
    sub.add_argument(
        "--older-than-hours",
        type=float,
        default=24.0,
        help="alleen klaarzetgrafen ouder dan dit (only staging graphs older than this); default 24",
    )
    sub.add_argument(
        "--unregistered",
        action="store_true",
        help="ook nooit vastgelegde nieuwe grafen; alleen als niemand schrijft (also unregistered graphs; "
        "only while nobody writes)",
    )
