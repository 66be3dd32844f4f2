"""Command line, part two: asking questions of the graph (named queries, free SPARQL)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any


def add_commands(command: Callable[..., argparse.ArgumentParser]) -> None:
    """Register the analysis commands on the main parser."""
    del command


def _unused(*_: Any) -> None:
    return None
