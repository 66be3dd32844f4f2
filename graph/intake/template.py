"""The import template's shape: its three tables and their columns, a row as read, and a problem with its place.

Every value stays text here; :mod:`graph.intake.validate` decides what is valid and says where a problem is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from graph.model.language import BOTH, Message

ORGANISATION_COLUMNS = ("id", "name", "kind", "website", "member_of")
SITE_COLUMNS = ("id", "organisation_id", "name", "town", "lat", "lon", "municipality_code", "address", "postcode")
COLLABORATION_COLUMNS = (
    "id",
    "library_site_id",
    "care_site_id",
    "activities",
    "status",
    "start_date",
    "end_date",
    "participants",
    "description",
    "contact_name",
    "contact_role",
    "contact_email",
    "contact_phone",
    "contact_public",
    "source_url",
    "end_reason",
)
TABLE_COLUMNS = {
    "organisations": ORGANISATION_COLUMNS,
    "sites": SITE_COLUMNS,
    "collaborations": COLLABORATION_COLUMNS,
}
REQUIRED_COLUMNS = {
    "organisations": ("id", "name", "kind"),
    "sites": ("id", "organisation_id", "name", "town", "lat", "lon"),
    "collaborations": ("id", "library_site_id", "care_site_id"),
}
RDF_SUFFIXES = {".ttl": "turtle", ".jsonld": "json-ld", ".json": "json-ld", ".nt": "nt", ".trig": "trig"}


@dataclass(frozen=True)
class Row:
    """One data row and where it came from (``file`` and the 1-based line or sheet row; the header is row 1)."""

    file: str
    number: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column, "").strip()


class ProblemKind(StrEnum):
    """What kind of problem a row rule found, for code that says it again in other words (the partner form): it
    decides on the kind, never on the wording of the message."""

    OTHER = "other"
    REQUIRED = "required"
    NOT_A_DATE = "not_a_date"


@dataclass
class Problem:
    """A problem with the input, located as precisely as possible."""

    file: str
    row: int
    column: str
    message: Message
    kind: ProblemKind = ProblemKind.OTHER
    value: str = ""  # the value refused, as the message quotes it (for a kind that is said again elsewhere)

    @property
    def message_nl(self) -> str:
        return self.message.nl

    @property
    def message_en(self) -> str:
        return self.message.en

    def render(self, lang: object = BOTH) -> str:
        """``file:row: column: message`` in ``nl``, ``en`` or ``both`` (Dutch with the English in brackets)."""
        message = self.message.text(lang)
        location = f"{self.file}:{self.row}" if self.row else self.file
        return f"{location}: {self.column}: {message}" if self.column else f"{location}: {message}"


@dataclass
class InputTables:
    organisations: list[Row] = field(default_factory=list)
    sites: list[Row] = field(default_factory=list)
    collaborations: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    source: str = ""

    def table(self, name: str) -> list[Row]:
        rows: list[Row] = getattr(self, name)
        return rows


class InputError(ValueError):
    """The input cannot be read at all (not found, wrong format, beyond a declared limit)."""


def shown(value: str, limit: int = 60) -> str:
    """A value as quoted in a message: short enough that a hostile cell cannot flood the report."""
    return repr(value) if len(value) <= limit else repr(value[:limit]) + f"… ({len(value)} tekens/characters)"
