"""What a command line process loads before it answers: a question does not load the report makers, the
intake or pySHACL (each costs a cold process a second or more), nor pandas, numpy or shapely (0.6 s together),
which only the commands that make tables or measure distances load."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from graph.cli.factsheet import FORMATS
from graph.settings import REPO_ROOT
from graph.views import factsheet_report

HEAVY = (
    "reportlab",
    "pyshacl",
    "graph.intake.importer",
    "graph.intake.shacl",
    "graph.views.factsheet_report",
    "pandas",
    "numpy",
    "shapely",
)


def test_the_command_line_starts_without_reports_intake_pyshacl_or_pandas() -> None:
    probe = f"import sys, graph.cli.main; print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], cwd=REPO_ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_factsheet_command_offers_the_formats_the_reports_have() -> None:
    assert FORMATS == factsheet_report.FORMATS


def test_an_import_reads_the_store_without_pandas(tmp_path: Path) -> None:
    """An import reads a few columns of a few questions (the vocabulary, the stored organisations and sites, the
    municipalities); loading pandas for them cost every import 0.2 s."""
    tiny = REPO_ROOT / "tests" / "data" / "tiny"
    probe = (
        "import sys; from graph.cli.main import main; "
        f"code = main(['--store', {str(tmp_path / 'store')!r}, 'import', {str(tiny)!r}]); "
        "print(code, 'pandas' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=REPO_ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "0 False", done.stdout + done.stderr
