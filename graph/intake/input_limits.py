"""What an input file may be: its size, and for a workbook its archive and XML, checked before it is parsed.

A file beyond these limits is refused before its content is read, so a small hostile file (a zip bomb, an XML
entity bomb) cannot take the machine's memory or time. The limits are generous for the atlas's real use: a
national import at ten times today's scale (58,000 sites) stays well within them.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from typing import IO
from xml.parsers import expat

from graph.model.language import BilingualError, Message

MAX_FILE_BYTES = 50 * 1024 * 1024  # one CSV, workbook or RDF file
MAX_ROWS = 200_000  # data rows per table
MAX_LINE_CHARS = 1024 * 1024  # one physical line of a CSV file
MAX_COLUMNS = 64  # columns read from a sheet; the template has at most 16
MAX_XLSX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024  # all parts of a workbook together, unpacked
MAX_XLSX_RATIO = 100  # unpacked size / packed size of one part (real workbooks: 5-20)
MAX_XLSX_PARTS = 1_000
MAX_PROBLEMS_KEPT = 1_000  # checking stops once this many problems are found
MAX_PROBLEMS_SHOWN = 100  # problems printed; the rest are counted ("... and N more")


class LimitError(BilingualError):
    """A file beyond a declared limit or not readable at all; names the file, says why in Dutch and English."""

    def __init__(self, file: str, message: Message) -> None:
        super().__init__(message)
        self.args = (f"{file}: {message.both()}",)  # the command line and logs name the file too
        self.file = file


def dutch_count(number: int) -> str:
    """200000 as Dutch readers write it: 200.000."""
    return f"{number:,}".replace(",", ".")


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def check_file_size(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise LimitError(
            path.name,
            Message(
                f"bestand is te groot ({_megabytes(size)}; hoogstens {_megabytes(MAX_FILE_BYTES)})",
                f"file is too large ({_megabytes(size)}; at most {_megabytes(MAX_FILE_BYTES)})",
            ),
        )


def check_workbook(path: Path) -> None:
    """Refuse a workbook whose archive unpacks beyond the limits, whose XML declares a DTD or entities, or whose
    sheets have more rows or columns than a table may have.

    The sizes come from the archive's directory; Python's zipfile never unpacks more than the size the
    directory declares for a part, so a part that lies about its size is cut off (and fails its checksum)
    instead of growing without bound.
    """
    check_file_size(path)
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            _check_archive(path.name, parts)
            for part in parts:
                # Every part, whatever its name: a workbook's relations may point a sheet at any part name.
                with archive.open(part) as stream:
                    _scan_part(path.name, part.filename, stream)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, NotImplementedError, RuntimeError, OSError) as error:
        raise LimitError(
            path.name, Message(f"geen leesbaar Excel-bestand: {error}", "not a readable Excel file")
        ) from error


def _check_archive(file: str, parts: list[zipfile.ZipInfo]) -> None:
    if len(parts) > MAX_XLSX_PARTS:
        raise LimitError(
            file,
            Message(
                f"het Excel-bestand heeft te veel onderdelen ({dutch_count(len(parts))}; hoogstens {MAX_XLSX_PARTS})",
                f"the workbook has too many parts (at most {MAX_XLSX_PARTS})",
            ),
        )
    total = sum(part.file_size for part in parts)
    if total > MAX_XLSX_UNCOMPRESSED_BYTES:
        limit = _megabytes(MAX_XLSX_UNCOMPRESSED_BYTES)
        raise LimitError(
            file,
            Message(
                f"uitgepakt is het Excel-bestand te groot ({_megabytes(total)}; hoogstens {limit})",
                f"the workbook unpacks to {_megabytes(total)}; at most {limit}",
            ),
        )
    for part in parts:
        ratio = part.file_size // max(part.compress_size, 1)
        # Small parts may compress well by nature; only a large part with an extreme ratio is a bomb.
        if part.file_size > 1024 * 1024 and ratio > MAX_XLSX_RATIO:
            raise LimitError(
                file,
                Message(
                    f"onderdeel {part.filename} pakt {ratio} keer groter uit (hoogstens {MAX_XLSX_RATIO} keer): "
                    "geweigerd als zipbom",
                    f"part {part.filename} unpacks {ratio} times larger (at most {MAX_XLSX_RATIO}): "
                    "refused as a zip bomb",
                ),
            )


class _Done(Exception):
    """Nothing more to check in this part (its root element is not a worksheet)."""


class _Refused(Exception):
    def __init__(self, message: Message) -> None:
        super().__init__(message.nl)
        self.message = message


class _PartScan:
    """Expat handlers for one part: no DTD or entities anywhere; in a worksheet, rows and cells within bounds.

    Checking the worksheet's rows and cells here, with a streaming parser that keeps nothing, means the workbook
    reader never meets a row with a million cells or a row number far beyond the limit.
    """

    def __init__(self) -> None:
        self.root = ""
        self.rows = 0
        self.cells = 0

    def document_type(self, *_: object) -> None:
        raise _Refused(
            Message(
                "bevat een DOCTYPE of entiteiten; die worden geweigerd", "declares a DTD or entities, which are refused"
            )
        )

    def start(self, name: str, attributes: dict[str, str]) -> None:
        local = name.rpartition(":")[2]
        if not self.root:
            self.root = local
            if local != "worksheet":
                raise _Done
        elif local == "row":
            self.rows += 1
            self.cells = 0
            number = attributes.get("r", "")
            beyond = number.isascii() and number.isdigit() and (len(number) > 9 or int(number) > MAX_ROWS + 1)
            if self.rows > MAX_ROWS + 1 or beyond:
                raise _Refused(
                    Message(f"heeft meer dan {dutch_count(MAX_ROWS)} rijen", f"has more than {MAX_ROWS:,} rows")
                )
        elif local == "c":
            self.cells += 1
            column = _column_number(attributes.get("r", ""))
            if self.cells > MAX_COLUMNS or column > MAX_COLUMNS:
                raise _Refused(
                    Message(
                        f"heeft een rij met meer dan {MAX_COLUMNS} kolommen",
                        f"has a row with more than {MAX_COLUMNS} columns",
                    ),
                )


def _column_number(reference: str) -> int:
    """The column of a cell reference such as ``AB12`` (0 when there is none)."""
    number = 0
    for character in reference:
        if not "A" <= character <= "Z":
            break
        number = number * 26 + ord(character) - ord("A") + 1
        if number > MAX_COLUMNS:
            break
    return number


def _scan_part(file: str, part: str, stream: IO[bytes]) -> None:
    scan = _PartScan()
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = scan.document_type
    parser.EntityDeclHandler = scan.document_type
    parser.StartElementHandler = scan.start
    try:
        while chunk := stream.read(64 * 1024):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _Done:
        return
    except _Refused as refused:
        raise LimitError(file, Message(f"onderdeel {part} ", f"part {part} ") + refused.message) from None
    except expat.ExpatError as error:
        # Pictures and other binary parts are not XML. An XML part that expat cannot read is refused by the
        # workbook reader itself (the same parser), and a DTD cannot come after the point where reading failed.
        if part.lower().endswith((".xml", ".rels")):
            reason = expat.errors.messages[error.code]
            raise LimitError(
                file, Message(f"onderdeel {part} is geen geldige XML: {reason}", f"part {part} is not valid XML")
            ) from None
