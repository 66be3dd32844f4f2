"""The partner form's own rules: forgiving input, dates that fit the status, and problems in the partner's words.

The form's rows go through the same checks as an import (:mod:`graph.intake.validate`), but a partner never saw
the import template: a problem must name the field on the form, never a column such as ``care_site_id`` or an
internal id such as ``pw-x7k2-care-site``. :func:`partner_problems` turns the import's problems into
:class:`FieldProblem` s, one list for the whole form, so every problem is shown at once next to its field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from graph.intake.field_rules import date_start, is_date
from graph.intake.template import Problem, ProblemKind

# d-m-jjjj as people write it in the Netherlands (also with / or .), and m-jjjj for "since May 2023".
DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$", re.ASCII)
MONTH_YEAR = re.compile(r"^(\d{1,2})[-/.](\d{4})$", re.ASCII)
# A collaboration being explored may name the start it plans, at most this far ahead; an active or ended one
# has started already, so its start date cannot lie in the future.
PLANNED_START_DAYS = 366

# The fields of the form, as the page names its widgets. A side is "library" or "care".
SIDE_FIELDS = ("site", "name", "town", "address", "postcode", "lat", "lon", "website")
COLLABORATION_FIELDS = {
    "library_site_id": "library_site",
    "care_site_id": "care_site",
    "activities": "activities",
    "status": "status",
    "start_date": "start_date",
    "end_date": "start_date",
    "participants": "participants",
    "activity_other": "activity_other",
    "description": "story",
    "source_url": "link",
    "contact_name": "contact_name",
    "contact_role": "contact_role",
    "contact_email": "contact_email",
    "contact_phone": "contact_phone",
    "contact_public": "consent",
}


@dataclass(frozen=True)
class FieldProblem:
    """A problem with one field of the form, in Dutch and English, as the partner reads it."""

    field: str
    message_nl: str
    message_en: str

    def message(self, lang: str) -> str:
        return self.message_en if lang == "en" else self.message_nl


def forgiving_date(value: str) -> str:
    """A date as the atlas stores it (JJJJ-MM-DD or JJJJ-MM) from how people write it: ``1-5-2023`` → 2023-05-01."""
    text = value.strip()
    found = DAY_MONTH_YEAR.match(text)
    if found:
        day, month, year = (int(part) for part in found.groups())
        return f"{year:04d}-{month:02d}-{day:02d}"
    found = MONTH_YEAR.match(text)
    if found:
        month, year = (int(part) for part in found.groups())
        return f"{year:04d}-{month:02d}"
    return text


def forgiving_web_address(value: str) -> str:
    """``www.voorbeeld.nl`` → ``https://www.voorbeeld.nl``: an address without a scheme is meant for the web."""
    text = value.strip()
    if not text or "://" in text or text.lower().startswith(("mailto:", "javascript:", "data:")):
        return text
    if re.match(r"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(/\S*)?$", text):
        return "https://" + text
    return text


def start_date_problem(status: str, start_date: str, today: date) -> FieldProblem | None:
    """A start date that does not fit the status: only a collaboration being explored may start later."""
    if not start_date or not is_date(start_date):
        return None
    start = date.fromisoformat(date_start(start_date))
    if status == "exploring":
        if (start - today).days > PLANNED_START_DAYS:
            return FieldProblem(
                "start_date",
                "Een geplande start mag hooguit een jaar vooruit liggen.",
                "A planned start may lie at most a year ahead.",
            )
        return None
    if start > today:
        return FieldProblem(
            "start_date",
            "Deze datum ligt in de toekomst. Is de samenwerking nog niet begonnen? Kies dan de status ‘Verkennend’.",
            "This date lies in the future. Has the collaboration not started yet? Then choose the status ‘Exploring’.",
        )
    return None


DATE_FIELDS = ("start_date", "end_date")


def partner_problems(problems: list[Problem], internal_ids: set[str], new_sides: set[str]) -> list[FieldProblem]:
    """The problems of the form's rows as the partner reads them: per form field, without internal ids.

    ``internal_ids`` are the ids the form made up for its rows; ``new_sides`` the sides ("library", "care") for
    which the partner added a new organisation, whose own fields already say what is wrong with it.
    """
    found: list[FieldProblem] = []
    for problem in problems:
        field_name = _field(problem)
        if field_name in ("library_site", "care_site") and (
            field_name.removesuffix("_site") in new_sides or problem.kind is ProblemKind.REQUIRED
        ):
            continue  # the new site's own fields, or "choose a site", say it already
        nl, en = problem.message_nl, problem.message_en
        if problem.file in ("library", "care") and problem.column == "site":
            nl, en = (
                "Kies een locatie, of voeg een nieuwe organisatie toe.",
                "Choose a site, or add a new organisation.",
            )
        elif field_name in ("library_site", "care_site"):
            nl = "Deze locatie staat niet (meer) in de atlas. Kies opnieuw."
            en = "This site is not (or no longer) in the atlas. Choose again."
        elif field_name in DATE_FIELDS and problem.kind is ProblemKind.NOT_A_DATE:
            nl, en = _date_words(problem.value)
        elif problem.kind is ProblemKind.REQUIRED:
            nl, en = "vul dit veld in", "please fill in this field"
        elif any(identifier in nl.lower() for identifier in internal_ids):
            nl, en = "Dit veld klopt niet; kijk het na.", "This field is not right; please check it."
        entry = FieldProblem(field_name, _sentence(nl), _sentence(en))
        if entry not in found:
            found.append(entry)
    return found


def _date_words(quoted: str) -> tuple[str, str]:
    """A date the row rule refused, as the partner reads it. The rule names the date as stored (2023-02-31 for
    31-02-2023) and the import's format, not the form's."""
    how_nl = "Schrijf dag-maand-jaar (1-5-2023), maand-jaar (5-2023) of een jaar."
    how_en = "Write day-month-year (1-5-2023), month-year (5-2023) or a year."
    if re.fullmatch(r"'[\d./-]+'", quoted):
        return f"Deze datum bestaat niet. {how_nl}", f"This date does not exist. {how_en}"
    return f"{quoted} is geen datum. {how_nl}", f"{quoted} is not a date. {how_en}"


def _field(problem: Problem) -> str:
    if problem.file == "submitter":
        return "submitter_email"
    if problem.file in ("library", "care"):
        column = {"municipality_code": "lat"}.get(problem.column, problem.column)
        return f"{problem.file}_{column if column in SIDE_FIELDS else 'site'}"
    return COLLABORATION_FIELDS.get(problem.column, "form")


def _sentence(message: str) -> str:
    """A message as a sentence: capital first, full stop last ("verplicht veld is leeg" → "Verplicht veld is leeg.")."""
    text = message.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."
