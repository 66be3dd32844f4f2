"""What every command shares: exit codes, how a table is printed, how problems are reported."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from graph.intake.input_limits import MAX_PROBLEMS_SHOWN
from graph.intake.template import Problem
from graph.model.language import Lang, language
from graph.store.atlas import Atlas

if TYPE_CHECKING:
    import pandas as pd

Command = Callable[[str, Callable[[Atlas, argparse.Namespace], int], str], argparse.ArgumentParser]
"""How a part of the command line registers a command on the main parser."""

BAD_INPUT = 2

#: One ``--lang`` for every command, before or after the command name: ``nl``, ``en`` or ``both`` (the default).
#: It sets the language of the messages (``both``: Dutch with the English in brackets) and of the words in what
#: a command writes (suggestion reasons, reports, question titles), which are Dutch under ``both``.
LANG_CHOICES = ("nl", "en", "both")
LANG_HELP = (
    "taal van meldingen en uitvoer: nl, en of both (Nederlands met Engels tussen haakjes; uitvoer dan Nederlands) "
    "(language of messages and output; both = Dutch with English in brackets, output in Dutch)"
)


def add_lang_option(parser: argparse.ArgumentParser, default: object = argparse.SUPPRESS) -> None:
    """The one ``--lang`` option; after a command name it overrides the one before it."""
    parser.add_argument("--lang", choices=LANG_CHOICES, default=default, help=LANG_HELP)


def output_language(args: argparse.Namespace) -> Lang:
    """The language of what a command writes: English only when asked for (``both`` writes Dutch)."""
    return language(args.lang)


class UsageError(ValueError):
    """Bad input from the command line; printed without a traceback, exit code 2."""


def print_frame(frame: pd.DataFrame, output_format: str) -> None:
    import pandas as pd  # pandas takes 0.4 s to load: only commands that print a table pay for it

    from graph.intake.cells import csv_text

    if output_format == "csv":
        sys.stdout.write(csv_text(frame))
    elif output_format == "json":
        sys.stdout.write(frame.to_json(orient="records", force_ascii=False, indent=1) + "\n")
    else:
        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200):
            sys.stdout.write((frame.to_string(index=False) if len(frame) else "(geen rijen / no rows)") + "\n")


def print_rows(columns: list[str], rows: list[tuple[object, ...]], output_format: str) -> None:
    """Rows of text and whole numbers printed as :func:`print_frame` prints them, without pandas: for a
    command that prints a few rows and should answer at once."""
    if output_format == "csv":
        from graph.intake.cells import csv_rows_text

        sys.stdout.write(csv_rows_text(columns, [dict(zip(columns, row, strict=True)) for row in rows]))
    elif output_format == "json":
        records = [dict(zip(columns, row, strict=True)) for row in rows]
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=1, separators=(",", ":")) + "\n")
    elif not rows:
        sys.stdout.write("(geen rijen / no rows)\n")
    else:
        cells = [columns, *[["" if value is None else str(value) for value in row] for row in rows]]
        widths = [max(len(line[position]) for line in cells) for position in range(len(columns))]
        for position, column in enumerate(columns):
            # pandas keeps a place for a sign before a number column's heading; so does this, to print alike
            if all(isinstance(row[position], int) and not isinstance(row[position], bool) for row in rows):
                widths[position] = max(widths[position], len(column) + 1)
        lines = (" ".join(cell.rjust(width) for cell, width in zip(line, widths, strict=True)) for line in cells)
        sys.stdout.write("\n".join(lines) + "\n")


def report_problems(problems: list[Problem], lang: str) -> int:
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
