"""The real command line, each call in a process of its own, forked from an interpreter that has already read
the atlas's modules.

A fresh ``python -m graph`` spends one to three seconds importing rdflib, pandas and pySHACL before it does
anything, and the tests call the command line a few hundred times. Here each call is still a new process, with
its own memory, environment, working folder and standard streams, and its exit code is the command's as a
shell sees it; what it is spared is only the reading of the modules. A command that raises prints its traceback
to its standard error and exits 1, as ``python -m graph`` would, so a test that says "no traceback" still means
it.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from multiprocessing.context import ForkServerContext
from pathlib import Path

#: What ``python -m graph`` reads on its way to any command, and what its commands read when they run.
PRELOADED = [
    "graph.cli.main",
    "graph.intake.importer",
    "graph.intake.shape_check",
    "graph.analysis.suggest",
    "pandas",
    "pyshacl",
    "openpyxl",
]

_context: ForkServerContext | None = None


def _ready() -> ForkServerContext:
    global _context
    if _context is None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([name for name in PRELOADED if _importable(name)])
        _context = context
    return _context


def _importable(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def _command(arguments: list[str], environment: dict[str, str], folder: str, streams: tuple[str, str, str]) -> None:
    """In the new process: the environment, folder and streams of a fresh ``python -m graph``, then the command."""
    os.environ.clear()
    os.environ.update(environment)
    os.chdir(folder)
    for number, (path, mode) in enumerate(zip(streams, ("rb", "wb", "wb"), strict=True)):
        with open(path, mode) as handle:
            os.dup2(handle.fileno(), number)
    sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115 - the process's own stream
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
    sys.argv = ["passendwerk", *arguments]
    from graph.cli.main import main

    sys.exit(main(arguments))


def run_command_line(
    arguments: Sequence[str],
    *,
    environment: Mapping[str, str],
    folder: Path,
    input_text: str | None = None,
    timeout: float = 300,
) -> subprocess.CompletedProcess[str]:
    """``python -m graph ARGUMENTS`` in a new process; what ``subprocess.run(..., capture_output=True,
    text=True)`` would return."""
    with tempfile.TemporaryDirectory(prefix="passendwerk-cli-") as scratch:
        streams = tuple(str(Path(scratch) / name) for name in ("stdin", "stdout", "stderr"))
        Path(streams[0]).write_text(input_text or "", encoding="utf-8")
        process = _ready().Process(
            target=_command, args=(list(arguments), dict(environment), str(folder), streams), daemon=False
        )
        process.start()
        process.join(timeout)
        if process.exitcode is None:
            process.kill()
            process.join()
            raise subprocess.TimeoutExpired(["python", "-m", "graph", *arguments], timeout)
        stdout, stderr = (Path(path).read_text(encoding="utf-8", errors="replace") for path in streams[1:])
    return subprocess.CompletedProcess(
        ["python", "-m", "graph", *arguments], process.exitcode, stdout=stdout, stderr=stderr
    )
