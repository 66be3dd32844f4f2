"""Personal data (AVG/GDPR): who may see a contact person, and everything held about one person.

People appear as contact persons of collaborations (public with consent, private without), as the sender
of a submission, whose rows may hold their details too, and by name, e-mail or phone in any text: a
collaboration's story, a follow-up note, a review reason. Erasure is in :mod:`graph.privacy.erasure`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import pyoxigraph as ox
from rdflib import URIRef

from graph.intake.submissions import submissions
from graph.intake.validate import EMAIL_PATTERN
from graph.model.terms import from_ox
from graph.model.viewer import PrivateRead, Viewer, private_read
from graph.model.vocab import ID, VCARD
from graph.store.atlas import Atlas
from graph.store.erasure_register import Register, redact
from graph.store.interface import AtlasStore

CONTACT_FIELDS = ("contact_name", "contact_role", "contact_email", "contact_phone")
TEXT_TYPES = {"http://www.w3.org/2001/XMLSchema#string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}


class PrivacyError(ValueError):
    pass


def contacts(atlas: Atlas, viewer: Viewer) -> pd.DataFrame:
    """The contact person per collaboration: everyone for a coordinator, only who consented for anyone else."""
    private = private_read(viewer) if viewer.sees_private else None
    return atlas.answer("internal/contacts", private=private)


@dataclass
class PersonReport:
    email: str
    contacts: list[dict[str, Any]] = field(default_factory=list)
    submissions: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, str]] = field(default_factory=list)
    """Every other text that names the person: stories, follow-up notes, review reasons."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "email": self.email,
            "contacts": self.contacts,
            "submissions": self.submissions,
            "mentions": self.mentions,
        }

    def terms(self) -> list[tuple[str, str]]:
        """(kind, value) of everything that identifies the person: the e-mail and the names and phones found."""
        found = [("email", self.email)]
        for contact in self.contacts:
            found += [("name", contact["name"]), ("phone", contact["phone"])]
        for submitted in self.submissions:
            for values in submitted["rows_mentioning_this_person"]:
                found += [("name", values.get("contact_name", "")), ("phone", values.get("contact_phone", ""))]
        return [(kind, value) for kind, value in found if value]


def checked_email(email: str) -> str:
    email = email.strip().lower()
    if not EMAIL_PATTERN.match(email):
        raise PrivacyError(f"{email!r} is geen geldig e-mailadres (not a valid e-mail address)")
    return email


def _plain(value: Any) -> Any:
    """A value that JSON can hold: no NaN for a missing role or phone."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return value


def export_person(atlas: Atlas, email: str, viewer: Viewer) -> PersonReport:
    """Everything the atlas holds about the person with this e-mail address (for a coordinator)."""
    private = private_read(viewer)
    report = PersonReport(checked_email(email))
    frame = atlas.answer("internal/person-contacts", {"email": URIRef("mailto:" + report.email)}, private=private)
    for row in frame.to_dict("records"):
        report.contacts.append(
            {
                "collaboration_id": _plain(row["collaboration_id"]),
                "name": _plain(row["name"]),
                "role": _plain(row["role"]),
                "phone": _plain(row["phone"]),
                "public": bool(_plain(row["public"])),
                "graph": _plain(row["graph"]),
                "contact": _plain(row["contact"]),
            }
        )
    for found in submissions(atlas, viewer=viewer):
        rows = json.loads(found["payload"])
        mentioned = [
            values
            for name in rows
            for _, values in rows[name]
            if str(values.get("contact_email", "")).strip().lower() == report.email
        ]
        if found["submitter_email"] == report.email or mentioned:
            report.submissions.append(
                {
                    "code": found["code"],
                    "state": found["state"],
                    "submitted": found["submitted"],
                    "sent_by_this_person": found["submitter_email"] == report.email,
                    "rows_mentioning_this_person": mentioned,
                }
            )
    # Listed already: their own contact nodes and the submissions above (whose rows are shown whole).
    listed = {contact["contact"] for contact in report.contacts}
    listed |= {f"{ID}submission/{submitted['code']}" for submitted in report.submissions}
    searched = Register().entries_for(report.terms())
    for quad in text_quads(atlas.store, private):
        if str(quad[0]) in listed:
            continue
        text = str(quad[2])
        if redact(text, searched)[1]:
            report.mentions.append(
                {"graph": str(quad[3]), "subject": str(quad[0]), "predicate": str(quad[1]), "text": text}
            )
    return report


def text_quads(store: AtlasStore, private: PrivateRead) -> list[tuple[Any, Any, Any, Any]]:
    """Every quad, public and private, whose object is text (or a contact's e-mail address)."""
    found = []
    for quad in ox.parse(store.dump(private=private), format=ox.RdfFormat.N_QUADS):
        obj = quad.object
        is_text = isinstance(obj, ox.Literal) and obj.datatype.value in TEXT_TYPES
        is_email = isinstance(obj, ox.NamedNode) and quad.predicate.value == str(VCARD.hasEmail)
        if (is_text or is_email) and isinstance(quad.graph_name, ox.NamedNode):
            found.append((from_ox(quad.subject), from_ox(quad.predicate), from_ox(obj), URIRef(quad.graph_name.value)))
    return found
