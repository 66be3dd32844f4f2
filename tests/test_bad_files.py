"""Bad and hostile files: each one is refused with ``file:row: column: message`` (or ``file: message``), exit code 2
and no traceback; nothing is written, and the declared limits are refused early, in little time and memory."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from graph.intake.exporter import template_tables
from graph.intake.importer import import_path, validate_path
from graph.intake.input_limits import MAX_PROBLEMS_SHOWN, MAX_ROWS
from graph.intake.tables import read_input
from graph.intake.template import InputError
from graph.intake.web_address import web_address_problem
from graph.model.viewer import COMMAND_LINE, Viewer
from graph.settings import REPO_ROOT
from graph.store.atlas import Atlas
from graph.store.interface import Change

from .conftest import EVERYTHING, FEATURE_BACKENDS, TINY, run_cli

pytestmark = pytest.mark.backends(*FEATURE_BACKENDS)

TABLES = ("organisations", "sites", "collaborations")


def copy_tiny(target: Path) -> Path:
    shutil.copytree(TINY, target)
    return target


def edit_row(folder: Path, table: str, number: int, **changes: str) -> None:
    """Change cells of data row ``number`` (2 is the first row under the header, as in the messages)."""
    path = folder / f"{table}.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[number - 2].update(changes)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def workbook_from(folder: Path, path: Path) -> Path:
    """The folder's three tables as one workbook (sheet1 is organisations, sheet2 sites, sheet3 collaborations)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name in TABLES:
        sheet = workbook.create_sheet(name)
        with open(folder / f"{name}.csv", encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                sheet.append(row)
    workbook.save(path)
    return path


def rewrite_part(path: Path, part: str, write: Callable[[zipfile.ZipFile, str], None]) -> Path:
    """Replace one part of a workbook; ``write`` writes the new part into the archive (streamed, for bombs)."""
    with zipfile.ZipFile(path) as archive:
        others = [(info.filename, archive.read(info)) for info in archive.infolist() if info.filename != part]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in others:
            archive.writestr(name, data)
        write(archive, part)
    return path


def with_prolog(path: Path, part: str, prolog: str, encoding: str = "utf-8") -> Path:
    """Put ``prolog`` (a DOCTYPE) before the root element of a part."""
    with zipfile.ZipFile(path) as archive:
        text = archive.read(part).decode("utf-8")
    if text.startswith("<?xml"):
        text = text[text.index("?>") + 2 :]
    declaration = f'<?xml version="1.0" encoding="{encoding}"?>'
    data = (declaration + prolog + text).encode(encoding)
    return rewrite_part(path, part, lambda archive, name: archive.writestr(name, data))


def sheet_part(
    rows: Callable[[], bytes], repeat: int, *, stored: bool = False
) -> Callable[[zipfile.ZipFile, str], None]:
    """A worksheet part whose rows are ``rows()`` written ``repeat`` times, streamed into the archive (packed,
    or ``stored`` as is so that its size on disk is its real size)."""

    def write(archive: zipfile.ZipFile, name: str) -> None:
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as stream:
            stream.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            chunk = rows()
            for _ in range(repeat):
                stream.write(chunk)
            stream.write(b"</sheetData></worksheet>")

    return write


def cli_with_memory(store: str, *args: str) -> tuple[subprocess.CompletedProcess[str], float, int]:
    """The real command line in its own process: its result, its wall time and its peak memory (KiB)."""
    script = (
        "import resource, sys\nfrom graph.cli.main import main\ncode = main(sys.argv[1:])\n"
        "print('maxrss', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\nsys.exit(code)\n"
    )
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", script, "--store", store, *args],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=300,
    )
    peak = int(result.stderr.rsplit("maxrss", 1)[1].split()[0])
    return result, time.monotonic() - started, peak


def refused_cleanly(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    return result.stderr


# --- a cell over 128 KiB ----------------------------------------------------------------------------------------


def test_a_cell_over_128_kib_is_reported_at_its_row_and_column_with_exit_2(tiny_atlas: Atlas, tmp_path: Path) -> None:
    folder = copy_tiny(tmp_path / "big-cell")
    edit_row(folder, "organisations", 2, name="B" * 140_000)  # one line: Python's csv stopped at 131,072
    edit_row(folder, "collaborations", 3, description="regel\n" * 40_000)  # 240 KB over many lines, quoted
    before = tiny_atlas.store.dump(private=EVERYTHING)
    for command in ("validate", "import"):
        stderr = refused_cleanly(run_cli(command, str(folder), store=tiny_atlas.settings.store))
        assert "organisations.csv:2: name: te lang (maximaal 200 tekens)" in stderr
        assert "collaborations.csv:3: description: te lang (maximaal 4000 tekens)" in stderr
        assert len(stderr) < 5_000  # the huge values are not echoed back
    assert tiny_atlas.store.dump(private=EVERYTHING) == before


def test_a_line_over_the_limit_is_refused_at_its_row_and_reading_stops(tmp_path: Path) -> None:
    folder = copy_tiny(tmp_path / "long-line")
    with open(folder / "sites.csv", "a", encoding="utf-8") as handle:
        handle.write("x," * 600_000 + "\n")  # 1.2 M characters, 600,000 empty cells, on row 12
    problems = [p.render() for p in read_input(folder).problems]
    assert problems == [
        "sites.csv:12: regel is te lang (hoogstens 1.048.576 tekens); de rest is niet gelezen "
        "(line is too long (at most 1,048,576 characters); the rest of the file was not read)"
    ]


def test_broken_quoting_a_nul_and_bad_encoding_never_give_a_traceback(tmp_path: Path) -> None:
    """Stray quotes and a NUL are read as text (and judged by the row rules); bytes that are not UTF-8 are a
    problem of their file."""
    from graph.intake.validate import ValidationContext, validate_tables

    folder = tmp_path / "quotes"
    folder.mkdir()
    (folder / "organisations.csv").write_text('id,name,kind\nx,"ab"c"d\x00,library\n"open,care\n', encoding="utf-8")
    (folder / "sites.csv").write_bytes(b"id,name\n\xff\xfe,x\n")
    tables = read_input(folder)
    assert [row.values["name"] for row in tables.organisations] == ['abc"d\x00']  # the open quote: see below
    _, problems = validate_tables(tables, ValidationContext())
    rendered = [p.render("en") for p in problems]
    assert "sites.csv: is not UTF-8 text (invalid start byte)" in rendered
    assert "organisations.csv:2: name: contains invisible control characters" in rendered


def test_a_quote_left_open_is_reported_at_its_row_not_as_a_missing_column(tiny_atlas: Atlas, tmp_path: Path) -> None:
    """Regression: a quote that was never closed took the rest of the file into one cell, and the row was refused
    as "kind: verplicht veld is leeg", which said nothing of the quote."""
    folder = copy_tiny(tmp_path / "open-quote")
    with open(folder / "organisations.csv", "a", encoding="utf-8") as handle:
        handle.write('x1,"unterminated,library,,\nx2,Bibliotheek Gamma,library,,\n')
    rows = len((folder / "organisations.csv").read_text(encoding="utf-8").splitlines()) - 1  # the row of x1
    before = tiny_atlas.store.dump(private=EVERYTHING)
    stderr = refused_cleanly(run_cli("import", str(folder), store=tiny_atlas.settings.store))
    assert f'organisations.csv:{rows}: een aanhalingsteken (") opent hier een cel die tot het einde' in stderr
    assert "verplicht veld is leeg" not in stderr
    assert tiny_atlas.store.dump(private=EVERYTHING) == before


# --- XLSX with a DOCTYPE ----------------------------------------------------------------------------------------

LAUGHS = "".join(f'<!ENTITY l{n} "{("&l" + str(n - 1) + ";") * 10}">' for n in range(1, 10))
DOCTYPES = {
    "entity in a sheet": ("xl/worksheets/sheet1.xml", '<!DOCTYPE worksheet [<!ENTITY x "boom">]>', "utf-8"),
    "billion laughs in a sheet": (
        "xl/worksheets/sheet2.xml",
        f'<!DOCTYPE worksheet [<!ENTITY l0 "ha">{LAUGHS}]>',
        "utf-8",
    ),
    "external entity in the workbook": (
        "xl/workbook.xml",
        '<!DOCTYPE workbook [<!ENTITY secret SYSTEM "file:///etc/passwd">]>',
        "utf-8",
    ),
    "plain doctype in the content types": ("[Content_Types].xml", "<!DOCTYPE Types>", "utf-8"),
    "entity in a sheet written as UTF-16": (
        "xl/worksheets/sheet3.xml",
        '<!DOCTYPE worksheet [<!ENTITY x "boom">]>',
        "utf-16",
    ),
}


@pytest.mark.parametrize("case", list(DOCTYPES))
def test_an_xlsx_with_a_doctype_is_refused_with_a_message_not_a_parse_error(tmp_path: Path, case: str) -> None:
    part, prolog, encoding = DOCTYPES[case]
    path = with_prolog(workbook_from(TINY, tmp_path / "doctype.xlsx"), part, prolog, encoding)
    with pytest.raises(InputError) as refused:
        read_input(path)
    assert str(refused.value) == (
        f"doctype.xlsx: onderdeel {part} bevat een DOCTYPE of entiteiten; die worden geweigerd "
        f"(part {part} declares a DTD or entities, which are refused)"
    )


def test_an_xlsx_with_a_doctype_exits_2_on_the_command_line(tiny_atlas: Atlas, tmp_path: Path) -> None:
    path = with_prolog(workbook_from(TINY, tmp_path / "doctype.xlsx"), *DOCTYPES["entity in a sheet"])
    stderr = refused_cleanly(run_cli("import", str(path), store=tiny_atlas.settings.store))
    assert "doctype.xlsx: onderdeel xl/worksheets/sheet1.xml bevat een DOCTYPE" in stderr


def test_the_workbook_reader_itself_refuses_entities_as_a_second_wall(tmp_path: Path) -> None:
    """Even past the check before parsing, the Excel reader parses with defusedxml, which refuses entities."""
    from openpyxl import load_workbook

    path = with_prolog(workbook_from(TINY, tmp_path / "entity.xlsx"), *DOCTYPES["entity in a sheet"])
    with pytest.raises(ValueError) as refused:
        workbook = load_workbook(path, read_only=True)
        list(workbook["organisations"].iter_rows(values_only=True))
    causes = (refused.value, refused.value.__cause__, refused.value.__context__)
    assert "EntitiesForbidden" in {type(cause).__name__ for cause in causes}


# --- one rule for web addresses ---------------------------------------------------------------------------------

GOOD_ADDRESSES = [
    "https://alfa.example.org",
    "http://alfa.example.org/",
    "https://a.example/pad/naar?x=1&y=twee#deel",
    "https://a.example/caf%C3%A9",
    "https://bücherei.example/straße",
    "https://a.example:8443/x",
    "https://a.example/~naam/(1)/it's",
    "https://[2001:db8::1]/bibliotheek",
    "https://a.example/x;y=1,2",
]
BAD_ADDRESSES = [
    "https://a.example/x]y",  # the reported one: validate said valid, the import failed
    "https://a.example/[x]",  # the form accepted it, approval raised
    "https://a.example/?q=[1]",
    "https://a.example/x y",
    "https://a.example/<x>",
    'https://a.example/x"y',
    "https://a.example/{x}",
    "https://a.example/x|y",
    "https://a.example/x\\y",
    "https://a.example/x^y",
    "https://a.example/`x`",
    "https://a.example/%zz",
    "https://a.example/#a#b",
    "https://a.example/\ue000",
    "https://[x]/",
    "https://",
    "http://",
    "https:///pad",
    "https://bibliotheek.nl@evil.example/",
    "ftp://a.example/",
    "javascript:alert(1)",
    "HTTPS://A.EXAMPLE/",
    "www.bibliotheek.nl",
    "//a.example/x",
    "http://klaverblad",  # regression: the form took a host without a domain, which no visitor can open
    "https://klaverblad./",
]


def organisations_with_websites(folder: Path, addresses: list[str]) -> Path:
    folder.mkdir()
    with open(folder / "organisations.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "kind", "website"])
        for number, address in enumerate(addresses):
            writer.writerow([f"web-{number}", f"Zorg {number}", "care", address])
    return folder


@pytest.mark.parametrize("address", GOOD_ADDRESSES)
def test_the_web_address_rule_accepts_what_every_store_can_write(address: str) -> None:
    assert web_address_problem(address) is None


@pytest.mark.parametrize("address", BAD_ADDRESSES)
def test_the_web_address_rule_refuses_what_a_store_cannot_write_or_is_no_website(address: str) -> None:
    assert web_address_problem(address) is not None


def test_good_web_addresses_import_and_come_back_exactly(empty_atlas: Atlas, tmp_path: Path) -> None:
    folder = organisations_with_websites(tmp_path / "good", GOOD_ADDRESSES)
    report = import_path(empty_atlas, folder)
    assert report.ok, [p.render() for p in report.problems]
    organisations = template_tables(empty_atlas)["organisations"]
    assert sorted(organisations["website"]) == sorted(GOOD_ADDRESSES)


def test_a_website_the_store_cannot_write_is_refused_by_validate_and_by_import(
    empty_atlas: Atlas, tmp_path: Path
) -> None:
    folder = organisations_with_websites(tmp_path / "bad", BAD_ADDRESSES)
    before = empty_atlas.store.dump(private=EVERYTHING)
    checked = validate_path(empty_atlas, folder)
    imported = import_path(empty_atlas, folder)
    for report in (checked, imported):
        located = {(p.file, p.row, p.column) for p in report.problems}
        assert located == {("organisations.csv", row, "website") for row in range(2, len(BAD_ADDRESSES) + 2)}
    assert not imported.written
    assert empty_atlas.store.dump(private=EVERYTHING) == before
    stderr = refused_cleanly(run_cli("validate", str(folder), store=empty_atlas.settings.store))
    assert "organisations.csv:2: website: 'https://a.example/x]y' is geen geldig webadres" in stderr


def test_the_form_refuses_a_link_that_could_never_be_approved(tiny_atlas: Atlas) -> None:
    from graph.intake.submissions import NewOrganisation, SubmissionForm, submissions, submit

    before = len(submissions(tiny_atlas, viewer=COMMAND_LINE))
    form = SubmissionForm(
        new_library=NewOrganisation("Bibliotheek Rand", "Woerden", 52.086, 4.884, website="https://a.example/x]y"),
        care_site_id="x-woerden",
        link="https://a.example/[x]",
        submitter_email="partner@example.org",
    )
    result = submit(tiny_atlas, form)
    assert not result.ok
    assert {(p.file, p.column) for p in result.problems} >= {("library", "website"), ("collaboration", "source_url")}
    assert len(submissions(tiny_atlas, viewer=COMMAND_LINE)) == before


def test_a_stored_submission_with_such_a_link_gets_a_problem_at_approval_not_an_exception(tiny_atlas: Atlas) -> None:
    """A submission kept before the rule was shared: approval names the field; edited, it can be approved."""
    from rdflib import Literal, URIRef

    from graph.intake.submissions import SUBMISSIONS_GRAPH, SubmissionForm, approve, payload_tables, submission, submit
    from graph.model.vocab import ID, PW

    form = SubmissionForm(
        library_site_id="a-utrecht",
        care_site_id="w-utrecht",
        link="https://a.example/x",
        submitter_email="partner@example.org",
    )
    atlas = tiny_atlas
    code = submit(atlas, form).code
    old = submission(atlas, code, COMMAND_LINE)["payload"]
    node, graph = URIRef(f"{ID}submission/{code}"), SUBMISSIONS_GRAPH
    atlas.store.apply(
        Change(
            remove_quads=[(node, PW.payload, Literal(old), graph)],
            add=[(node, PW.payload, Literal(old.replace("https://a.example/x", "https://a.example/[x]")), graph)],
        )
    )
    problems = approve(atlas, code, Viewer.coordinator("anna"))
    assert [(p.file, p.row, p.column) for p in problems] == [("collaboration", 1, "source_url")]
    assert submission(atlas, code, COMMAND_LINE)["state"] == "pending"
    edited = payload_tables(atlas, code, COMMAND_LINE)
    edited.collaborations[0].values["source_url"] = "https://a.example/x"
    assert approve(atlas, code, Viewer.coordinator("anna"), edited=edited) == []
    assert submission(atlas, code, COMMAND_LINE)["state"] == "approved"


# --- declared limits: zip bombs, rows, columns, problems --------------------------------------------------------

INLINE_ROW = b'<row><c t="inlineStr"><is><t>boom</t></is></c></row>'


def one_cell_of(megabytes: int) -> Callable[[zipfile.ZipFile, str], None]:
    """A sheet whose one cell holds ``megabytes`` MiB of one letter: packs about a thousand times smaller."""
    megabyte = b"A" * (1024 * 1024)
    cell = b'<row r="1"><c r="A1" t="inlineStr"><is><t>'

    def write(archive: zipfile.ZipFile, name: str) -> None:
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as stream:
            stream.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            stream.write(cell)
            for _ in range(megabytes):
                stream.write(megabyte)
            stream.write(b"</t></is></c></row></sheetData></worksheet>")

    return write


@pytest.mark.parametrize(
    ("case", "megabytes", "expected"),
    [
        ("400 MB, like the reported bomb", 400, "uitgepakt is het Excel-bestand te groot (400 MB; hoogstens 200 MB)"),
        ("50 MB in one part", 50, "keer groter uit (hoogstens 100 keer): geweigerd als zipbom"),
    ],
)
def test_an_xlsx_zip_bomb_is_refused_early_in_little_time_and_memory(
    empty_atlas: Atlas, tmp_path: Path, case: str, megabytes: int, expected: str
) -> None:
    path = rewrite_part(workbook_from(TINY, tmp_path / "bomb.xlsx"), "xl/worksheets/sheet1.xml", one_cell_of(megabytes))
    assert path.stat().st_size < 500_000  # small on disk
    before = empty_atlas.store.dump(private=EVERYTHING)
    result, seconds, peak_kib = cli_with_memory(empty_atlas.settings.store, "import", str(path))
    stderr = refused_cleanly(result)
    assert expected in stderr, stderr
    assert seconds < 60 and peak_kib < 700_000, (seconds, peak_kib)  # reported: 160 s and 2.9 GB
    assert stderr.count("\n") < 5
    assert empty_atlas.store.dump(private=EVERYTHING) == before


@pytest.mark.parametrize(
    ("case", "rows", "repeat", "expected"),  # stored unpacked: the ratio check must not be what refuses them
    [
        (
            "a row with 20,000 cells",
            lambda: b'<row r="1">' + b'<c t="inlineStr"><is><t>x</t></is></c>' * 20_000 + b"</row>",
            1,
            "heeft een rij met meer dan 64 kolommen (part xl/worksheets/sheet1.xml has a row with more than 64 "
            "columns)",
        ),
        (
            "one cell far to the right, which would be lost",
            lambda: b'<row r="1"><c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row>',
            1,
            "heeft een rij met meer dan 64 kolommen",
        ),
        (
            "a row number beyond the row limit",
            lambda: b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>',
            1,
            "heeft meer dan 200.000 rijen (part xl/worksheets/sheet1.xml has more than 200,000 rows)",
        ),
        ("more rows than the limit", lambda: INLINE_ROW * 1_000, MAX_ROWS // 1_000 + 1, "heeft meer dan 200.000 rijen"),
    ],
)
def test_a_sheet_beyond_the_row_or_column_limit_is_refused_before_it_is_read(
    tmp_path: Path, case: str, rows: Callable[[], bytes], repeat: int, expected: str
) -> None:
    sheet = sheet_part(rows, repeat, stored=True)
    path = rewrite_part(workbook_from(TINY, tmp_path / "wide.xlsx"), "xl/worksheets/sheet1.xml", sheet)
    with pytest.raises(InputError, match="wide.xlsx: onderdeel xl/worksheets/sheet1.xml") as refused:
        read_input(path)
    assert expected in str(refused.value)


def test_a_csv_with_more_rows_than_the_limit_is_refused_at_the_first_row_beyond_it(tmp_path: Path) -> None:
    folder = tmp_path / "rows"
    folder.mkdir()
    with open(folder / "organisations.csv", "w", encoding="utf-8") as handle:
        handle.write("id,name,kind\n")
        handle.writelines(f"o{n},Naam {n},care\n" for n in range(MAX_ROWS + 5))
    tables = read_input(folder)
    assert len(tables.organisations) == MAX_ROWS
    assert [p.render("en") for p in tables.problems] == [
        f"organisations.csv:{MAX_ROWS + 2}: too many rows: a table has at most 200,000 rows; the rest was not read"
    ]


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import graph.intake.input_limits

    monkeypatch.setattr(graph.intake.input_limits, "MAX_FILE_BYTES", 500)
    folder = copy_tiny(tmp_path / "large")
    rendered = [p.render("en") for p in read_input(folder).problems]
    assert any(line.startswith("sites.csv: file is too large") for line in rendered), rendered
    for suffix in (".ttl", ".xlsx"):
        big = tmp_path / f"big{suffix}"
        big.write_bytes(b"#" * 2_000)
        with pytest.raises(InputError, match=f"big{suffix}: bestand is te groot"):
            read_input(big)


def test_thousands_of_problems_print_a_hundred_and_count_the_rest(empty_atlas: Atlas, tmp_path: Path) -> None:
    """The reported bomb printed 9 million problems; checking stops at 1,000 and the report shows 100."""
    folder = tmp_path / "many"
    folder.mkdir()
    with open(folder / "organisations.csv", "w", encoding="utf-8") as handle:
        handle.write("id,name,kind\n")
        handle.writelines("?,,school\n" for _ in range(20_000))
    result, seconds, _ = cli_with_memory(empty_atlas.settings.store, "validate", str(folder))
    lines = refused_cleanly(result).splitlines()
    assert lines[0].startswith("organisations.csv:2: id: ongeldige id '?'")
    assert len([line for line in lines if line.startswith("organisations.csv:")]) == MAX_PROBLEMS_SHOWN
    assert "… en nog 904 (and 904 more)" in lines  # 4 problems a row (the id repeats): 251 rows, then the stop
    assert "1004 probleem/problemen gevonden; er is niets geschreven (problems found; nothing was written)" in lines
    assert seconds < 60


def test_the_problem_after_the_limit_says_where_checking_stopped(tmp_path: Path) -> None:
    from graph.intake.validate import ValidationContext, validate_tables

    folder = tmp_path / "stop"
    folder.mkdir()
    (folder / "organisations.csv").write_text("id,name,kind\n" + "?,,school\n" * 500, encoding="utf-8")
    _, problems = validate_tables(read_input(folder), ValidationContext())
    assert problems[-1].render("en") == "organisations.csv:253: more than 1,000 problems: not checked from here on"


# --- imports without rows ---------------------------------------------------------------------------------------


def _empty_files(folder: Path) -> Path:
    folder.mkdir()
    for name in TABLES:
        (folder / f"{name}.csv").write_bytes(b"")
    return folder


def _headers_only(folder: Path) -> Path:
    folder.mkdir()
    for name in TABLES:
        with open(TINY / f"{name}.csv", encoding="utf-8") as source:
            (folder / f"{name}.csv").write_text(source.readline() + "\n,,\n", encoding="utf-8")
    return folder


def _empty_turtle(folder: Path) -> Path:
    folder.mkdir()
    (folder / "leeg.ttl").write_text("@prefix pw: <https://w3id.org/passendwerk/def#> .\n# niets\n", encoding="utf-8")
    return folder / "leeg.ttl"


def _json_ld_without_records(folder: Path) -> Path:
    folder.mkdir()
    (folder / "leeg.jsonld").write_text('[{"@id": "https://a.example/x", "https://a.example/p": "q"}]')
    return folder / "leeg.jsonld"


EMPTY_INPUTS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "empty files": (_empty_files, "bevat geen enkele organisatie, locatie of samenwerking; er is niets te importeren"),
    "header-only files": (_headers_only, "bevat geen enkele organisatie, locatie of samenwerking"),
    "an empty Turtle file": (_empty_turtle, "leeg.ttl: bevat geen enkele organisatie, locatie of samenwerking in"),
    "JSON-LD without records": (_json_ld_without_records, "leeg.jsonld: bevat geen enkele organisatie"),
}


@pytest.mark.parametrize("case", list(EMPTY_INPUTS))
def test_an_import_without_rows_is_refused_and_creates_no_import_graph(
    empty_atlas: Atlas, tmp_path: Path, case: str
) -> None:
    make, expected = EMPTY_INPUTS[case]
    path = make(tmp_path / "input")
    before = empty_atlas.store.dump(private=EVERYTHING)
    report = import_path(empty_atlas, path)
    assert not report.ok and not report.written and not report.activity
    assert any(expected in p.render() for p in report.problems), [p.render() for p in report.problems]
    assert empty_atlas.store.dump(private=EVERYTHING) == before  # not even the vocabulary


def test_an_empty_import_exits_2_on_the_command_line(empty_atlas: Atlas, tmp_path: Path) -> None:
    before = empty_atlas.store.dump(private=EVERYTHING)
    stderr = refused_cleanly(run_cli("import", str(_headers_only(tmp_path / "h")), store=empty_atlas.settings.store))
    assert "h: bevat geen enkele organisatie, locatie of samenwerking; er is niets te importeren" in stderr
    assert empty_atlas.store.dump(private=EVERYTHING) == before


def test_a_trig_file_is_refused_because_its_named_graphs_would_be_left_behind(
    tiny_atlas: Atlas, tmp_path: Path
) -> None:
    """The atlas's own records, in a named graph of a TriG file: reported as imported (nothing) before."""
    from graph.intake.exporter import export

    triples = export(tiny_atlas, "nt", None, False)
    assert triples
    trig = tmp_path / "atlas.trig"
    trig.write_bytes(b"<https://a.example/graph> {\n" + triples + b"\n}\n")
    before = tiny_atlas.store.dump(private=EVERYTHING)
    stderr = refused_cleanly(run_cli("import", str(trig), store=tiny_atlas.settings.store))
    assert "atlas.trig: bevat benoemde grafen (zoals https://a.example/graph)" in stderr
    assert tiny_atlas.store.dump(private=EVERYTHING) == before
