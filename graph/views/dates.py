"""Dates and times as Dutch and English readers write them: "25 nov 2026, 17:12", "1 mei 2023", "mei 2023"."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from graph.intake.field_rules import is_date

LOCAL_TIME = ZoneInfo("Europe/Amsterdam")  # coordinators work in Dutch time, whatever the server's clock says
MONTHS = {
    "nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}
FULL_MONTHS = {
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def moment(stamp: str, lang: str) -> str:
    """An ISO time as people read it, in Dutch time: "25 nov 2026, 17:12" (the stamp itself if it is no time)."""
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if when.tzinfo is not None:
        when = when.astimezone(LOCAL_TIME)
    month = MONTHS["en" if lang == "en" else "nl"][when.month - 1]
    return f"{when.day} {month} {when.year}, {when:%H:%M}"


def since(value: str, lang: str) -> str:
    """A start date at its own precision: "2023" → 2023, "2023-05" → mei 2023, "2023-05-01" → 1 mei 2023."""
    if not value or not is_date(value):
        return value
    parts = [int(part) for part in value.split("-")]
    months = FULL_MONTHS["en" if lang == "en" else "nl"]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return f"{months[parts[1] - 1]} {parts[0]}"
    return f"{parts[2]} {months[parts[1] - 1]} {parts[0]}"


def still_to_come(value: str, today: date | None = None) -> bool:
    """Whether a start date, at its own precision, lies after today: the planned start of an exploring
    collaboration ("2027" in 2026, "2026-12" in November 2026)."""
    if not value or not is_date(value):
        return False
    parts = tuple(int(part) for part in value.split("-"))
    now = today or datetime.now(LOCAL_TIME).date()
    return parts > (now.year, now.month, now.day)[: len(parts)]


def start_phrase(value: str, lang: str, today: date | None = None) -> str:
    """ "Gestart 1 mei 2023", or for a start still to come "Start gepland 1 maart 2027" (in English "Started …",
    "Planned start …")."""
    if still_to_come(value, today):
        return f"{'Planned start' if lang == 'en' else 'Start gepland'} {since(value, lang)}"
    return f"{'Started' if lang == 'en' else 'Gestart'} {since(value, lang)}"


DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
#: How a spreadsheet shows a day: as a Dutch reader writes it, and in English the unambiguous ISO order.
SPREADSHEET_DAY = {"nl": "d-m-yyyy", "en": "yyyy-mm-dd"}


def calendar_day(value: object) -> object:
    """A date given to the day ("2023-05-01") as a date a spreadsheet can sort and compute with; a year or a
    month ("2023", "2023-05") stays as given, so a download claims no more precision than the source."""
    if isinstance(value, str) and DAY.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value
