"""Field rules of the import template: what one cell may hold, each problem named by file, row and column.

:mod:`graph.intake.validate` applies them row by row; the partner form's rows go through the same rules.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from datetime import date

from graph.intake.input_limits import MAX_PROBLEMS_KEPT, dutch_count
from graph.intake.template import Problem, ProblemKind, Row, shown
from graph.intake.web_address import web_address_problem
from graph.model.language import Message
from graph.model.text import CONTROL_CHARACTERS

# re.ASCII: \d and \s mean ASCII digits and spaces only, so "٢٠٢٥" is not a year and "５２" no latitude.
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
MUNICIPALITY_PATTERN = re.compile(r"^GM\d{4}$", re.ASCII)
POSTCODE_PATTERN = re.compile(r"^([1-9]\d{3})\s?([A-Za-z]{2})$", re.ASCII)
EMAIL_PATTERN = re.compile(
    r"^[A-Za-z0-9._+-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9-]{1,63})+$"
)
PHONE_PATTERN = re.compile(r"^\+?[0-9(][0-9 ()-]{5,19}$")
# A Dutch number has 10 digits (077 123 45 67), one written internationally 11 (+31 77 123 45 67); E.164 allows 15.
PHONE_DIGITS = (8, 15)
DATE_PATTERN = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$", re.ASCII)
# A coordinate as people and spreadsheets write it, with a decimal comma or point; no exponent (1e2 is a typing
# slip, not a latitude).
NUMBER_PATTERN = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$", re.ASCII)
MAX_LENGTH = {"name": 200, "town": 100, "address": 200, "description": 4000, "end_reason": 1000, "default": 300}
YES = {"yes", "ja", "true", "1", "y", "j"}
NO = {"no", "nee", "false", "0", "n", ""}


class FieldChecker:
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        self.stopped = False

    def add(
        self, row: Row, column: str, nl: str, en: str, kind: ProblemKind = ProblemKind.OTHER, value: str = ""
    ) -> None:
        self.problems.append(Problem(row.file, row.number, column, Message(nl, en), kind, value))

    def while_room(self, rows: list[Row]) -> Iterator[Row]:
        """The rows to check, until so many problems are found that more would not help anyone."""
        for row in rows:
            if len(self.problems) >= MAX_PROBLEMS_KEPT:
                if not self.stopped:
                    self.stopped = True
                    self.add(
                        row,
                        "",
                        f"meer dan {dutch_count(MAX_PROBLEMS_KEPT)} problemen: vanaf hier niet verder gecontroleerd",
                        f"more than {MAX_PROBLEMS_KEPT:,} problems: not checked from here on",
                    )
                return
            yield row

    def text(self, row: Row, column: str, *, required: bool = False) -> str:
        value = row.get(column)
        if required and not value:
            self.add(row, column, "verplicht veld is leeg", "required value is missing", ProblemKind.REQUIRED)
        limit = MAX_LENGTH.get(column.removeprefix("contact_"), MAX_LENGTH["default"])
        if len(value) > limit:
            self.add(row, column, f"te lang (maximaal {limit} tekens)", f"too long (at most {limit} characters)")
        if CONTROL_CHARACTERS.search(value):
            self.add(row, column, "bevat onzichtbare stuurtekens", "contains invisible control characters")
        return value

    def name(self, row: Row, column: str) -> str:
        """A required name (of an organisation, a site or a town) with its spaces as one reads them: "Zorggroep
        Dubbel" typed with two spaces is the same name, and is told apart from the other one of that name."""
        return " ".join(self.text(row, column, required=True).split())

    def identifier(self, row: Row, column: str, seen: set[str] | None = None) -> str:
        value = self.text(row, column, required=True)
        if value and not ID_PATTERN.match(value):
            self.add(
                row,
                column,
                f"ongeldige id {shown(value)}: alleen letters, cijfers, '.', '_' en '-'",
                f"invalid id {shown(value)}: only letters, digits, '.', '_' and '-'",
            )
        if seen is not None and value:
            if value in seen:
                self.add(row, column, f"id {shown(value)} komt dubbel voor", f"duplicate id {shown(value)}")
            seen.add(value)
        return value

    def url(self, row: Row, column: str) -> str:
        value = self.text(row, column)
        problem = web_address_problem(value) if value else None
        if problem:
            self.add(row, column, f"{shown(value)} {problem[0]}", f"{shown(value)} {problem[1]}")
        return value

    def number(self, row: Row, column: str) -> float:
        raw = self.text(row, column, required=True)
        if not raw:
            return math.nan
        if not NUMBER_PATTERN.match(raw):
            self.add(row, column, f"{shown(raw)} is geen getal", f"{shown(raw)} is not a number")
            return math.nan
        return float(raw.replace(",", "."))

    def date(self, row: Row, column: str) -> str:
        value = self.text(row, column)
        if value and not is_date(value):
            self.add(
                row,
                column,
                f"{shown(value)} is geen datum (JJJJ-MM-DD, JJJJ-MM of JJJJ)",
                f"{shown(value)} is not an ISO date",
                ProblemKind.NOT_A_DATE,
                shown(value),
            )
            return ""
        return value


def is_date(value: str) -> bool:
    if not DATE_PATTERN.match(value):
        return False
    parts = [int(part) for part in value.split("-")] + [1, 1]
    try:
        date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return 1900 <= parts[0] <= 2100


def date_start(value: str) -> str:
    return (value + "-01-01")[:10] if len(value) == 4 else (value + "-01")[:10]


def date_end(value: str) -> str:
    return (value + "-12-31")[:10] if len(value) == 4 else (value + "-28")[:10]


def is_phone(value: str) -> bool:
    """Written as a phone number, with as many digits as one has (077-123 has too few)."""
    digits = sum(character.isdigit() for character in value)
    return bool(PHONE_PATTERN.match(value)) and PHONE_DIGITS[0] <= digits <= PHONE_DIGITS[1]


def normalise_postcode(value: str) -> str:
    match = POSTCODE_PATTERN.match(value.strip())
    return f"{match.group(1)} {match.group(2).upper()}" if match else value
