"""Personal data (AVG/GDPR): show everything held about one person, and erase it everywhere.

People appear as contact persons of collaborations (public with consent, private without) and as the
sender of a submission, whose rows may hold their details too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import DCAT

from .queries import QueryLibrary
from .store import AtlasStore, Change
from .submissions import submission_graph, submissions
from .validate import EMAIL_PATTERN
from .vocab import ID, PW

CONTACT_FIELDS = ("contact_name", "contact_role", "contact_email", "contact_phone")


class PrivacyError(ValueError):
    pass


@dataclass
class PersonReport:
    email: str
    contacts: list[dict[str, Any]] = field(default_factory=list)
    submissions: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"email": self.email, "contacts": self.contacts, "submissions": self.submissions}


def _checked(email: str) -> str:
    email = email.strip().lower()
    if not EMAIL_PATTERN.match(email):
        raise PrivacyError(f"{email!r} is geen geldig e-mailadres (not a valid e-mail address)")
    return email


def _mentions(values: dict[str, str], email: str) -> bool:
    return any(email in str(value).lower() for value in values.values())


def export_person(store: AtlasStore, library: QueryLibrary, email: str) -> PersonReport:
    """Everything the atlas holds about the person with this e-mail address."""
    email = _checked(email)
    report = PersonReport(email)
    frame = library.run(store, "internal/person-contacts", {"email": URIRef("mailto:" + email)}, private=True)
    for row in frame.to_dict("records"):
        report.contacts.append(
            {
                "collaboration_id": row["collaboration_id"],
                "name": row["name"],
                "role": row["role"],
                "phone": row["phone"],
                "public": bool(row["public"]),
                "graph": row["graph"],
            }
        )
    for found in submissions(store, library):
        rows = json.loads(found["payload"])
        mentioned = [values for name in rows for _, values in rows[name] if _mentions(values, email)]
        if found["submitter_email"] == email or mentioned:
            report.submissions.append(
                {
                    "code": found["code"],
                    "state": found["state"],
                    "submitted": found["submitted"],
                    "sent_by_this_person": found["submitter_email"] == email,
                    "rows_mentioning_this_person": mentioned,
                }
            )
    return report


def forget_contact(store: AtlasStore, library: QueryLibrary, email: str) -> PersonReport:
    """Remove the person's data from every graph in one transaction; returns what was removed."""
    report = export_person(store, library, email)
    change = Change()
    for node in _contact_nodes(store, library, report.email):
        change.remove_subjects.add(node)
        change.remove_incoming.add((DCAT.contactPoint, node))
    for found in report.submissions:
        code = found["code"]
        subject = URIRef(f"{ID}submission/{code}")
        graph = submission_graph(code)
        original = next(s for s in submissions(store, library) if s["code"] == code)
        if original["submitter_email"] == report.email:
            change.remove_quads.append((subject, PW.submitterEmail, Literal(report.email), graph))
        rows = json.loads(original["payload"])
        for name in rows:
            for _, values in rows[name]:
                if _mentions(values, report.email):
                    for column in CONTACT_FIELDS:
                        if column in values:
                            values[column] = ""
                    if "contact_public" in values:
                        values["contact_public"] = "no"
        scrubbed = json.dumps(rows, ensure_ascii=False)
        if scrubbed != original["payload"]:
            change.remove_quads.append((subject, PW.payload, Literal(original["payload"]), graph))
            change.add.append((subject, PW.payload, Literal(scrubbed), graph))
    store.apply(change)
    return report


def _contact_nodes(store: AtlasStore, library: QueryLibrary, email: str) -> list[URIRef]:
    frame = library.run(store, "internal/person-contacts", {"email": URIRef("mailto:" + email)}, private=True)
    return [URIRef(str(value)) for value in frame["contact"].unique()]
