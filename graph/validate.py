"""Row rules of the import template, shared by file import and the partner form.

Every problem names its file, row and column. The same rules are then checked again on the RDF that the
records become, by the SHACL shapes (:mod:`graph.shacl`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from datetime import date

from .geo import MunicipalityLocator, in_netherlands_extent
from .records import CollaborationRecord, Contact, OrganisationRecord, Partners, RecordSet, SiteRecord
from .tables import InputTables, Problem, Row
from .vocab import KINDS, STATUSES, collaboration_iri, organisation_iri, site_iri

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
MUNICIPALITY_PATTERN = re.compile(r"^GM\d{4}$")
POSTCODE_PATTERN = re.compile(r"^([1-9]\d{3})\s?([A-Za-z]{2})$")
EMAIL_PATTERN = re.compile(
    r"^[A-Za-z0-9._+-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9-]{1,63})+$"
)
PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 ()-]{5,19}$")
URL_PATTERN = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
DATE_PATTERN = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
MAX_LENGTH = {"name": 200, "town": 100, "address": 200, "description": 4000, "end_reason": 1000, "default": 300}
YES = {"yes", "ja", "true", "1", "y", "j"}
NO = {"no", "nee", "false", "0", "n", ""}


@dataclass
class ValidationContext:
    """What the store already holds that new rows may refer to."""

    organisations: dict[str, str] = field(default_factory=dict)  # id -> kind
    names: dict[str, str] = field(default_factory=dict)  # organisation id -> name
    sites: dict[str, str] = field(default_factory=dict)  # id -> organisation id
    activities: dict[str, str] = field(default_factory=dict)  # lower-case label, notation or IRI -> code
    municipalities: dict[str, str] = field(default_factory=dict)  # code -> name (reference data)
    locator: MunicipalityLocator | None = None


class _Checker:
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems

    def add(self, row: Row, column: str, nl: str, en: str) -> None:
        self.problems.append(Problem(row.file, row.number, column, nl, en))

    def text(self, row: Row, column: str, *, required: bool = False) -> str:
        value = row.get(column)
        if required and not value:
            self.add(row, column, "verplicht veld is leeg", "required value is missing")
        limit = MAX_LENGTH.get(column.removeprefix("contact_"), MAX_LENGTH["default"])
        if len(value) > limit:
            self.add(row, column, f"te lang (maximaal {limit} tekens)", f"too long (at most {limit} characters)")
        if CONTROL_CHARACTERS.search(value):
            self.add(row, column, "bevat onzichtbare stuurtekens", "contains invisible control characters")
        return value

    def identifier(self, row: Row, column: str, seen: set[str] | None = None) -> str:
        value = self.text(row, column, required=True)
        if value and not ID_PATTERN.match(value):
            self.add(
                row,
                column,
                f"ongeldige id {value!r}: alleen letters, cijfers, '.', '_' en '-'",
                f"invalid id {value!r}: only letters, digits, '.', '_' and '-'",
            )
        if seen is not None and value:
            if value in seen:
                self.add(row, column, f"id {value!r} komt dubbel voor", f"duplicate id {value!r}")
            seen.add(value)
        return value

    def url(self, row: Row, column: str) -> str:
        value = self.text(row, column)
        if value and not URL_PATTERN.match(value):
            self.add(row, column, "geen geldige webadres (http:// of https://)", "not a valid http(s) URL")
        return value

    def number(self, row: Row, column: str) -> float:
        raw = self.text(row, column, required=True)
        if not raw:
            return math.nan
        try:
            value = float(raw.replace(",", "."))
        except ValueError:
            self.add(row, column, f"{raw!r} is geen getal", f"{raw!r} is not a number")
            return math.nan
        if not math.isfinite(value):
            self.add(row, column, f"{raw!r} is geen eindig getal", f"{raw!r} is not a finite number")
        return value

    def date(self, row: Row, column: str) -> str:
        value = self.text(row, column)
        if value and not _is_date(value):
            self.add(
                row, column, f"{value!r} is geen datum (JJJJ-MM-DD, JJJJ-MM of JJJJ)", f"{value!r} is not an ISO date"
            )
            return ""
        return value


def _is_date(value: str) -> bool:
    if not DATE_PATTERN.match(value):
        return False
    parts = [int(part) for part in value.split("-")] + [1, 1]
    try:
        date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return 1900 <= parts[0] <= 2100


def _date_start(value: str) -> str:
    return (value + "-01-01")[:10] if len(value) == 4 else (value + "-01")[:10]


def _date_end(value: str) -> str:
    return (value + "-12-31")[:10] if len(value) == 4 else (value + "-28")[:10]


def normalise_postcode(value: str) -> str:
    match = POSTCODE_PATTERN.match(value.strip())
    return f"{match.group(1)} {match.group(2).upper()}" if match else value


def validate_tables(tables: InputTables, context: ValidationContext) -> tuple[RecordSet, list[Problem]]:
    """Check every row; return the records and every problem found (an empty list means all is valid)."""
    problems = list(tables.problems)
    check = _Checker(problems)
    records = RecordSet()
    organisation_kinds = dict(context.organisations)
    names = dict(context.names)
    new_kinds: dict[str, str] = {}
    seen: set[str] = set()
    memberships: list[tuple[OrganisationRecord, Row]] = []
    for row in tables.organisations:
        record = _organisation(check, row, seen)
        if record:
            new_kinds[record.id] = record.kind
            names[record.id] = record.name
            records.organisations.append(record)
            records.origin[str(organisation_iri(record.id))] = (row.file, row.number)
            memberships.append((record, row))
    organisation_kinds.update(new_kinds)
    for record, row in memberships:
        for network_id in record.member_of:
            if organisation_kinds.get(network_id) != "network":
                check.add(
                    row,
                    "member_of",
                    f"{network_id!r} is geen bekende netwerkorganisatie",
                    f"{network_id!r} is not a known network organisation",
                )
    site_organisations = dict(context.sites)
    seen = set()
    for row in tables.sites:
        site = _site(check, row, seen, organisation_kinds, context)
        if site:
            site_organisations[site.id] = site.organisation_id
            records.sites.append(site)
            records.origin[str(site_iri(site.id))] = (row.file, row.number)
    seen = set()
    for row in tables.collaborations:
        collaboration = _collaboration(check, row, seen, site_organisations, organisation_kinds, context)
        if collaboration:
            library_id = site_organisations[collaboration.library_site_id]
            care_id = site_organisations[collaboration.care_site_id]
            partners = Partners(library_id, names.get(library_id, library_id), care_id, names.get(care_id, care_id))
            collaboration = replace(collaboration, partners=partners)
            records.collaborations.append(collaboration)
            records.origin[str(collaboration_iri(collaboration.id))] = (row.file, row.number)
    return records, problems


def _organisation(check: _Checker, row: Row, seen: set[str]) -> OrganisationRecord | None:
    before = len(check.problems)
    identifier = check.identifier(row, "id", seen)
    name = check.text(row, "name", required=True)
    kind = check.text(row, "kind", required=True).lower()
    if kind and kind not in KINDS:
        check.add(
            row, "kind", f"{kind!r} moet library, care of network zijn", f"{kind!r} must be library, care or network"
        )
    website = check.url(row, "website")
    member_of = tuple(part.strip() for part in row.get("member_of").split(";") if part.strip())
    if len(check.problems) > before:
        return None
    return OrganisationRecord(identifier, name, kind, website, member_of)


def _site(
    check: _Checker, row: Row, seen: set[str], kinds: dict[str, str], context: ValidationContext
) -> SiteRecord | None:
    before = len(check.problems)
    identifier = check.identifier(row, "id", seen)
    organisation_id = check.text(row, "organisation_id", required=True)
    if organisation_id and organisation_id not in kinds:
        check.add(
            row,
            "organisation_id",
            f"onbekende organisatie {organisation_id!r}",
            f"unknown organisation {organisation_id!r}",
        )
    name = check.text(row, "name", required=True)
    town = check.text(row, "town", required=True)
    lat, lon = check.number(row, "lat"), check.number(row, "lon")
    code = check.text(row, "municipality_code").upper()
    if code and not MUNICIPALITY_PATTERN.match(code):
        check.add(row, "municipality_code", f"{code!r} is geen CBS-gemeentecode (GMxxxx)", f"{code!r} is not GMxxxx")
    elif code and context.municipalities and code not in context.municipalities:
        check.add(row, "municipality_code", f"onbekende gemeentecode {code!r}", f"unknown municipality code {code!r}")
    if math.isfinite(lat) and math.isfinite(lon):
        located = context.locator.locate(lat, lon) if context.locator else None
        if context.locator and located is None or not context.locator and not in_netherlands_extent(lat, lon):
            check.add(
                row,
                "lat",
                f"het punt ({lat}, {lon}) ligt niet in Nederland",
                f"the point ({lat}, {lon}) is outside the Netherlands",
            )
        elif located is not None:
            if code and code != located.code:
                check.add(
                    row,
                    "municipality_code",
                    f"{code} past niet bij het punt, dat in {located.name} ({located.code}) ligt",
                    f"{code} disagrees with the point, which lies in {located.name} ({located.code})",
                )
            code = located.code
    postcode = check.text(row, "postcode")
    if postcode and not POSTCODE_PATTERN.match(postcode):
        check.add(row, "postcode", f"{postcode!r} is geen postcode (1234 AB)", f"{postcode!r} is not a Dutch postcode")
    address = check.text(row, "address")
    if len(check.problems) > before:
        return None
    return SiteRecord(identifier, organisation_id, name, town, lat, lon, code, address, normalise_postcode(postcode))


def _collaboration(
    check: _Checker,
    row: Row,
    seen: set[str],
    site_organisations: dict[str, str],
    kinds: dict[str, str],
    context: ValidationContext,
) -> CollaborationRecord | None:
    before = len(check.problems)
    identifier = check.identifier(row, "id", seen)
    ends = {}
    for column, wanted, label_nl, label_en in (
        ("library_site_id", "library", "bibliotheek", "library"),
        ("care_site_id", "care", "zorgorganisatie", "care organisation"),
    ):
        site_id = check.text(row, column, required=True)
        ends[column] = site_id
        if not site_id:
            continue
        if site_id not in site_organisations:
            check.add(row, column, f"onbekende locatie {site_id!r}", f"unknown site {site_id!r}")
        elif kinds.get(site_organisations[site_id]) != wanted:
            check.add(
                row,
                column,
                f"locatie {site_id!r} hoort niet bij een {label_nl}",
                f"site {site_id!r} does not belong to a {label_en}",
            )
    activities = []
    for label in (part.strip() for part in row.get("activities").split(";")):
        if not label:
            continue
        code = context.activities.get(label.lower())
        if code is None:
            check.add(row, "activities", f"onbekende activiteit {label!r}", f"unknown activity {label!r}")
        elif code not in activities:
            activities.append(code)
    status = check.text(row, "status").lower() or "active"
    if status not in STATUSES:
        check.add(
            row,
            "status",
            f"{status!r} moet exploring, active, ended of unknown zijn",
            f"{status!r} must be exploring/active/ended/unknown",
        )
    start, end = check.date(row, "start_date"), check.date(row, "end_date")
    if start and end and _date_end(end) < _date_start(start):
        check.add(row, "end_date", "einddatum ligt vóór de startdatum", "end date is before the start date")
    participants = None
    raw = check.text(row, "participants")
    if raw:
        if raw.isdigit() and int(raw) <= 100_000:
            participants = int(raw)
        else:
            check.add(row, "participants", f"{raw!r} is geen aantal (0 of meer)", f"{raw!r} is not a count")
    contact = _contact(check, row)
    description = check.text(row, "description")
    source_url = check.url(row, "source_url")
    end_reason = check.text(row, "end_reason")
    if len(check.problems) > before:
        return None
    return CollaborationRecord(
        identifier,
        ends["library_site_id"],
        ends["care_site_id"],
        tuple(activities),
        status,
        start,
        end,
        participants,
        description,
        contact,
        source_url,
        end_reason,
    )


def _contact(check: _Checker, row: Row) -> Contact:
    name = check.text(row, "contact_name")
    role = check.text(row, "contact_role")
    email = check.text(row, "contact_email")
    if email and not EMAIL_PATTERN.match(email):
        check.add(row, "contact_email", f"{email!r} is geen geldig e-mailadres", f"{email!r} is not a valid email")
    phone = check.text(row, "contact_phone")
    if phone and not PHONE_PATTERN.match(phone):
        check.add(row, "contact_phone", f"{phone!r} is geen telefoonnummer", f"{phone!r} is not a phone number")
    consent = check.text(row, "contact_public").lower()
    if consent not in YES | NO:
        check.add(row, "contact_public", "vul yes of no in", "fill in yes or no")
    contact = Contact(name, role, email.lower(), phone, consent in YES)
    if contact.public and not name:
        check.add(row, "contact_name", "een openbaar contact heeft een naam nodig", "a public contact needs a name")
    return contact
