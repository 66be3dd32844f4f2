"""Row rules of the import template, shared by file import and the partner form.

Every problem names its file, row and column. The same rules are then checked again on the RDF that the
records become, by the SHACL shapes (:mod:`graph.intake.shacl`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import ClassVar, Literal

from graph.intake.field_rules import (
    EMAIL_PATTERN,
    MUNICIPALITY_PATTERN,
    NO,
    PHONE_DIGITS,
    POSTCODE_PATTERN,
    YES,
    FieldChecker,
    date_end,
    date_start,
    is_phone,
    normalise_postcode,
)
from graph.intake.template import InputTables, Problem, Row, shown
from graph.model.enums import CollaborationStatus, OrganisationKind
from graph.model.formats import coordinate
from graph.model.geo import MunicipalityLocator, in_netherlands_extent
from graph.model.language import Lang
from graph.model.records import CollaborationRecord, Contact, OrganisationRecord, Partners, RecordSet, SiteRecord
from graph.model.vocab import collaboration_iri, organisation_iri, site_iri

__all__ = ["EMAIL_PATTERN", "ValidationContext", "normalise_postcode", "validate_tables"]


@dataclass
class ValidationContext:
    """What the store already holds that new rows may refer to."""

    organisations: dict[str, str] = field(default_factory=dict)  # id -> kind
    names: dict[str, str] = field(default_factory=dict)  # organisation id -> name
    sites: dict[str, str] = field(default_factory=dict)  # id -> organisation id
    activities: dict[str, str] = field(default_factory=dict)  # lower-case label, notation or IRI -> code
    municipalities: dict[str, str] = field(default_factory=dict)  # code -> name (reference data)
    locator: MunicipalityLocator | None = None
    # A town as the reference data writes the place ("tegelen" → Tegelen), so that a file's town reads beside a
    # name as the form's does; None without reference data (the town is kept as typed).
    town_spelling: Callable[[str], str] | None = None


RefusedTable = Literal["organisations", "sites"]


@dataclass
class Refused:
    """Where the rows refused so far came from (``sites.csv:3``), by the id they give, organisations and sites."""

    organisations: dict[str, str] = field(default_factory=dict)
    sites: dict[str, str] = field(default_factory=dict)

    #: What a refused or unknown id is called in a message, per table: (Dutch, English).
    WORDS: ClassVar[dict[RefusedTable, tuple[str, str]]] = {
        "organisations": ("organisatie", "organisation"),
        "sites": ("locatie", "site"),
    }

    def note(self, record: object | None, row: Row, table: RefusedTable) -> None:
        where = getattr(self, table)
        if record is None and row.get("id") and row.get("id") not in where:
            where[row.get("id")] = f"{row.file}:{row.number}"

    def unknown(self, check: FieldChecker, row: Row, column: str, identifier: str, table: RefusedTable) -> None:
        """A reference to an id of ``table`` that is not there: refused itself, in its own row, or not known."""
        where: dict[str, str] = getattr(self, table)
        nl, en = self.WORDS[table]
        if identifier in where:
            check.add(
                row,
                column,
                f"{nl} {shown(identifier)} is zelf afgekeurd, zie {where[identifier]}",
                f"{en} {shown(identifier)} was refused itself, see {where[identifier]}",
            )
        else:
            check.add(row, column, f"onbekende {nl} {shown(identifier)}", f"unknown {en} {shown(identifier)}")


def validate_tables(tables: InputTables, context: ValidationContext) -> tuple[RecordSet, list[Problem]]:
    """Check every row; return the records and every problem found (an empty list means all is valid)."""
    problems = list(tables.problems)
    check = FieldChecker(problems)
    records = RecordSet()
    organisation_kinds = dict(context.organisations)
    names = dict(context.names)
    new_kinds: dict[str, str] = {}
    seen: set[str] = set()
    memberships: list[tuple[OrganisationRecord, Row]] = []
    # rows refused here, by id: a row that refers to one is told so, not that the id is unknown
    refused = Refused()
    for row in check.while_room(tables.organisations):
        record = _organisation(check, row, seen)
        refused.note(record, row, "organisations")
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
                    f"{shown(network_id)} is geen bekende netwerkorganisatie",
                    f"{shown(network_id)} is not a known network organisation",
                )
    site_organisations = dict(context.sites)
    seen = set()
    for row in check.while_room(tables.sites):
        site = _site(check, row, seen, organisation_kinds, context, refused)
        refused.note(site, row, "sites")
        if site:
            site_organisations[site.id] = site.organisation_id
            records.sites.append(site)
            records.origin[str(site_iri(site.id))] = (row.file, row.number)
    seen = set()
    for row in check.while_room(tables.collaborations):
        collaboration = _collaboration(check, row, seen, site_organisations, organisation_kinds, context, refused)
        if collaboration:
            library_id = site_organisations[collaboration.library_site_id]
            care_id = site_organisations[collaboration.care_site_id]
            partners = Partners(library_id, names.get(library_id, library_id), care_id, names.get(care_id, care_id))
            collaboration = replace(collaboration, partners=partners)
            records.collaborations.append(collaboration)
            records.origin[str(collaboration_iri(collaboration.id))] = (row.file, row.number)
    return records, problems


def _organisation(check: FieldChecker, row: Row, seen: set[str]) -> OrganisationRecord | None:
    before = len(check.problems)
    identifier = check.identifier(row, "id", seen)
    name = check.name(row, "name")
    kind = check.text(row, "kind", required=True).lower()
    if kind and kind not in OrganisationKind.values():
        check.add(
            row,
            "kind",
            f"{shown(kind)} moet library, care of network zijn",
            f"{shown(kind)} must be library, care or network",
        )
    website = check.url(row, "website")
    member_of = tuple(part.strip() for part in row.get("member_of").split(";") if part.strip())
    if len(check.problems) > before:
        return None
    return OrganisationRecord(identifier, name, kind, website, member_of)


def _site(
    check: FieldChecker,
    row: Row,
    seen: set[str],
    kinds: dict[str, str],
    context: ValidationContext,
    refused: Refused,
) -> SiteRecord | None:
    before = len(check.problems)
    identifier = check.identifier(row, "id", seen)
    organisation_id = check.text(row, "organisation_id", required=True)
    if organisation_id and organisation_id not in kinds:
        refused.unknown(check, row, "organisation_id", organisation_id, "organisations")
    name = check.name(row, "name")
    town = check.name(row, "town")
    if town and context.town_spelling is not None:
        town = context.town_spelling(town)
    lat, lon = check.number(row, "lat"), check.number(row, "lon")
    code = check.text(row, "municipality_code").upper()
    if code and not MUNICIPALITY_PATTERN.match(code):
        check.add(
            row, "municipality_code", f"{shown(code)} is geen CBS-gemeentecode (GMxxxx)", f"{shown(code)} is not GMxxxx"
        )
    elif code and context.municipalities and code not in context.municipalities:
        check.add(
            row,
            "municipality_code",
            f"onbekende gemeentecode {shown(code)}",
            f"unknown municipality code {shown(code)}",
        )
    if math.isfinite(lat) and math.isfinite(lon):
        located = context.locator.locate(lat, lon) if context.locator else None
        if context.locator and located is None or not context.locator and not in_netherlands_extent(lat, lon):
            check.add(
                row,
                "lat",
                f"het punt ({coordinate(lat, Lang.NL)}; {coordinate(lon, Lang.NL)}) ligt niet in Nederland",
                f"the point ({coordinate(lat, Lang.EN)}, {coordinate(lon, Lang.EN)}) is outside the Netherlands",
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
        check.add(
            row,
            "postcode",
            f"{shown(postcode)} is geen postcode (1234 AB)",
            f"{shown(postcode)} is not a Dutch postcode",
        )
    address = check.text(row, "address")
    if len(check.problems) > before:
        return None
    return SiteRecord(identifier, organisation_id, name, town, lat, lon, code, address, normalise_postcode(postcode))


def _collaboration(
    check: FieldChecker,
    row: Row,
    seen: set[str],
    site_organisations: dict[str, str],
    kinds: dict[str, str],
    context: ValidationContext,
    refused: Refused,
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
            refused.unknown(check, row, column, site_id, "sites")
        elif kinds.get(site_organisations[site_id]) != wanted:
            check.add(
                row,
                column,
                f"locatie {shown(site_id)} hoort niet bij een {label_nl}",
                f"site {shown(site_id)} does not belong to a {label_en}",
            )
    activities = []
    for label in (part.strip() for part in row.get("activities").split(";")):
        if not label:
            continue
        code = context.activities.get(label.lower())
        if code is None:
            check.add(row, "activities", f"onbekende activiteit {shown(label)}", f"unknown activity {shown(label)}")
        elif code not in activities:
            activities.append(code)
    status = check.text(row, "status").lower() or "active"
    if status not in CollaborationStatus.values():
        check.add(
            row,
            "status",
            f"{shown(status)} moet exploring, active, ended of unknown zijn",
            f"{shown(status)} must be exploring/active/ended/unknown",
        )
    start, end = check.date(row, "start_date"), check.date(row, "end_date")
    if start and end and date_end(end) < date_start(start):
        check.add(row, "end_date", "einddatum ligt vóór de startdatum", "end date is before the start date")
    participants = None
    raw = check.text(row, "participants")
    if raw:
        if raw.isascii() and raw.isdigit() and len(raw) <= 6 and int(raw) <= 100_000:
            participants = int(raw)
        else:
            check.add(row, "participants", f"{shown(raw)} is geen aantal (0 of meer)", f"{shown(raw)} is not a count")
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


def _contact(check: FieldChecker, row: Row) -> Contact:
    name = check.text(row, "contact_name")
    role = check.text(row, "contact_role")
    email = check.text(row, "contact_email")
    if email and not EMAIL_PATTERN.match(email):
        check.add(
            row,
            "contact_email",
            f"{shown(email)} is geen geldig e-mailadres",
            f"{shown(email)} is not a valid e-mail address",
        )
    phone = check.text(row, "contact_phone")
    if phone and not is_phone(phone):
        low, high = PHONE_DIGITS
        check.add(
            row,
            "contact_phone",
            f"{shown(phone)} is geen telefoonnummer ({low} tot {high} cijfers, zoals 077 123 45 67)",
            f"{shown(phone)} is not a phone number ({low} to {high} digits, such as 077 123 45 67)",
        )
    consent = check.text(row, "contact_public").lower()
    if consent not in YES | NO:
        check.add(row, "contact_public", "vul yes of no in", "fill in yes or no")
    contact = Contact(name, role, email.lower(), phone, consent in YES)
    if contact.public and not name:
        check.add(row, "contact_name", "een openbaar contact heeft een naam nodig", "a public contact needs a name")
    return contact
