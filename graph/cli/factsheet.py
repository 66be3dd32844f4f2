"""Command line, factsheets: ``python -m graph factsheet GM0983`` or ``--province PV31 --out DIR``."""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import TextIO

from graph.cli.output import Command, UsageError, add_lang_option, output_language
from graph.settings import PublicReads
from graph.store.atlas import Atlas

# The formats of graph.views.factsheet_report, named here so that building the command line does not load the
# report makers (reportlab alone takes a second); a test holds the two the same.
FORMATS = ("pdf", "html", "md")
CODE = re.compile(r"^(GM\d{4}|PV\d{2})$")


class ProgressBar:
    """``[########------------]  12/31  Venlo`` on one line of stderr, redrawn as the work goes."""

    def __init__(self, total: int, stream: TextIO = sys.stderr, width: int = 30) -> None:
        self.total, self.stream, self.width, self.done = total, stream, width, 0
        self.started = time.monotonic()

    def step(self, label: str) -> None:
        self.done += 1
        filled = round(self.width * self.done / self.total) if self.total else self.width
        bar = "#" * filled + "-" * (self.width - filled)
        elapsed = time.monotonic() - self.started
        self.stream.write(f"\r[{bar}] {self.done:>3}/{self.total}  {elapsed:5.1f} s  {label[:40]:<40}")
        if self.done >= self.total:
            self.stream.write("\n")
        self.stream.flush()


def _write(path: Path, content: bytes) -> None:
    """Write whole or not at all: a report is never left half written."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".factsheet-", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _code(value: str, what: str) -> str:
    code = value.strip().upper()
    if not CODE.match(code):
        raise UsageError(f"{what}: {value!r} is geen CBS-code als GM0983 of PV31 (not a CBS code like GM0983 or PV31)")
    return code


def cmd_factsheet(atlas: Atlas, args: argparse.Namespace) -> int:
    from graph.store.labels import load_labels
    from graph.views.factsheet import FactsheetSource
    from graph.views.factsheet_report import file_name, render

    lang = output_language(args)
    base_url = args.base_url or atlas.settings.public_url
    source = FactsheetSource(atlas)
    labels = load_labels(atlas, lang)
    if args.province:
        if args.code:
            raise UsageError("geef een code óf --province, niet beide (give a code or --province, not both)")
        if not args.out:
            raise UsageError("--province heeft --out MAP nodig (--province needs --out DIR)")
        province = source.area(_code(args.province, "--province"))
        if not province.is_province:
            raise UsageError(f"--province: {province.code} is geen provincie (not a province)")
        folder = Path(args.out)
        if folder.exists() and not folder.is_dir():
            raise UsageError(f"--out: {folder} is geen map (not a folder)")
        folder.mkdir(parents=True, exist_ok=True)
        areas = [province, *source.municipalities_of(province.code)]
        progress = ProgressBar(len(areas))
        for area in areas:
            sheet = source.factsheet(area.code)
            _write(folder / file_name(sheet, args.format, lang), render(sheet, args.format, lang, base_url, labels))
            progress.step(area.name)
        print(f"{len(areas)} factsheets in {folder} (1 provincie, {len(areas) - 1} gemeenten / municipalities)")
        return 0
    if not args.code:
        raise UsageError("geef een CBS-code, bijv. GM0983, of --province PV31 (give a code or --province)")
    sheet = source.factsheet(_code(args.code, "code"))
    content = render(sheet, args.format, lang, base_url, labels)
    if args.out:
        target = Path(args.out)
        if target.is_dir():
            target = target / file_name(sheet, args.format, lang)
        if not target.parent.is_dir():
            raise UsageError(f"--out: de map {target.parent} bestaat niet (folder does not exist)")
        _write(target, content)
        print(f"geschreven (written): {target}")
    elif args.format == "pdf":
        target = Path(file_name(sheet, args.format, lang))
        _write(target, content)
        print(f"geschreven (written): {target}")
    else:
        sys.stdout.write(content.decode("utf-8"))
    return 0


def add_commands(command: Command) -> None:
    sub = command(
        "factsheet",
        cmd_factsheet,
        "factsheet van een gemeente of provincie op één A4 (one-page report of a municipality or province)",
    )
    sub.add_argument("code", nargs="?", help="CBS-code, bijv. GM0983 (gemeente) of PV31 (provincie)")
    sub.add_argument("--province", metavar="PVxx", help="alle gemeenten van deze provincie (every municipality)")
    sub.add_argument("--format", choices=FORMATS, default="pdf", help="default pdf")
    sub.set_defaults(public_reads=PublicReads.COPY)  # a dozen questions through the whole atlas: see graph/cli/main.py
    add_lang_option(sub)
    sub.add_argument(
        "--out", help="bestand (file), of map (folder) bij --province; pdf zonder --out: in de huidige map"
    )
    sub.add_argument(
        "--base-url", help="adres van de atlas in het rapport (the atlas's address); default $PASSENDWERK_PUBLIC_URL"
    )
