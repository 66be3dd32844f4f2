"""What every command shares: exit codes, how a table is printed, how problems are reported."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

import pandas as pd

from graph.intake.cells import csv_text
from graph.intake.input_limits import MAX_PROBLEMS_SHOWN
from graph.intake.template import Problem
from graph.store.atlas import Atlas

Command = Callable[[str, Callable[[Atlas, argparse.Namespace], int], str], argparse.ArgumentParser]
"""How a part of the command line registers a command on the main parser."""

BAD_INPUT = 2


class UsageError(ValueError):
    """Bad input from the command line; printed without a traceback, exit code 2."""


def print_frame(frame: pd.DataFrame, output_format: str) -> None:
    if output_format == "csv":
        sys.stdout.write(csv_text(frame))
    elif output_format == "json":
        sys.stdout.write(frame.to_json(orient="records", force_ascii=False, indent=1) + "\n")
    else:
        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200):
            sys.stdout.write((frame.to_string(index=False) if len(frame) else "(geen rijen / no rows)") + "\n")


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
