"""Erasure (AVG: the right to be forgotten): a person goes from every graph, the store's files and what comes back.

``forget_contact`` finds the person by e-mail, learns their names and phone numbers from their contacts and
submissions, and then searches every text literal in every graph, public and private, for any of them
(see :mod:`graph.store.erasure_register` for how). A contact person who matches goes whole; every other match is
replaced by :data:`~graph.store.erasure_register.MARKER`, in a story, a note, a review reason or a submission's rows.
The change is written as one transaction and the embedded store is compacted afterwards, so its files keep
no copy of what was removed. The person's values go into the erasure register as hashes, and
:func:`reapply` runs the same search with the register after a restore; imports apply it to their rows.
"""

from __future__ import annotations

import glob
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import DCAT
from rdflib.term import Node

from graph.model.viewer import Viewer, private_read
from graph.model.vocab import PW, VCARD
from graph.privacy.personal_data import export_person, text_quads
from graph.store.atlas import Atlas
from graph.store.erasure_register import (
    Register,
    load_register,
    normal_email,
    normal_name,
    normal_phone,
    redact,
    redact_rows,
    register_change,
)
from graph.store.interface import AtlasStore, Change

_ERASURE = Viewer.coordinator("erasure")


@dataclass
class ErasureReport:
    """What an erasure (or a renewed one after a restore) changed; it names places, never the values."""

    email: str = ""
    contacts_removed: list[str] = field(default_factory=list)
    values_replaced: list[dict[str, Any]] = field(default_factory=list)
    register_entries: int = 0
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "email": self.email,
            "contacts_removed": self.contacts_removed,
            "values_replaced": self.values_replaced,
            "register_entries": self.register_entries,
            "warnings": self.warnings,
        }

    def summary(self) -> str:
        replaced = sum(int(item["replaced"]) for item in self.values_replaced)
        return (
            f"{len(self.contacts_removed)} contactpersoon/contacts verwijderd (removed), {replaced} vermelding(en) "
            f"vervangen in {len(self.values_replaced)} tekst(en) (mentions replaced in texts)"
        )


def _redacted_payload(text: str, register: Register) -> tuple[str, int]:
    """A submission's rows with the register applied, still valid JSON (a plain search would miss escapes)."""
    try:
        rows = json.loads(text)
        tables = [[values for _, values in rows[name]] for name in rows]
    except (ValueError, TypeError, KeyError, AttributeError):
        return redact(text, register)
    count = 0
    for table in tables:
        count += redact_rows(table, register)
        for values in table:
            for column, value in values.items():
                if isinstance(value, str) and column != "id" and not column.endswith("_id"):
                    values[column], replaced = redact(value, register)
                    count += replaced
    return (json.dumps(rows, ensure_ascii=False), count) if count else (text, 0)


def _contact_value(predicate: Node, value: str) -> tuple[str, str]:
    if predicate == VCARD.hasEmail:
        return "email", normal_email(value)
    if predicate == VCARD.hasTelephone:
        return "phone", normal_phone(value)
    return "name", normal_name(value)


def erasure_change(store: AtlasStore, register: Register, report: ErasureReport) -> Change:
    """The change that applies the register to everything in the store; fills in the report."""
    change = Change(compact=True)
    quads = text_quads(store, private_read(_ERASURE))
    contact_predicates = (VCARD.hasEmail, VCARD.hasTelephone, VCARD.fn)
    gone = {
        subject
        for subject, predicate, value, _ in quads
        if predicate in contact_predicates and register.knows(*_contact_value(predicate, str(value)))
    }
    for subject in sorted(gone):
        change.remove_subjects.add(URIRef(subject))
        change.remove_incoming.add((DCAT.contactPoint, URIRef(subject)))
        report.contacts_removed.append(str(subject))
    for subject, predicate, value, graph in quads:
        if subject in gone or not isinstance(value, Literal):
            continue
        if predicate == PW.payload:
            text, count = _redacted_payload(str(value), register)
        else:
            text, count = redact(str(value), register)
        if count:
            change.remove_quads.append((subject, predicate, value, graph))
            kept = Literal(text, lang=value.language) if value.language else Literal(text, datatype=value.datatype)
            change.add.append((subject, predicate, kept, graph))
            report.values_replaced.append(
                {"graph": str(graph), "subject": str(subject), "predicate": str(predicate), "replaced": count}
            )
    return change


def forget_contact(atlas: Atlas, email: str, viewer: Viewer) -> ErasureReport:
    """Erase the person with this e-mail address everywhere, in one transaction; returns what changed."""
    person = export_person(atlas, email, viewer)
    known = load_register(atlas.store)
    entries = known.entries_for(person.terms())
    report = ErasureReport(person.email)
    change = erasure_change(atlas.store, entries, report)
    added = entries.missing_from(known)
    report.register_entries = len(added)
    additions = register_change(added, datetime.now(UTC).date().isoformat())
    change.add.extend(additions.add)
    atlas.store.apply(change)
    report.warnings = leftover_copies(atlas.store)
    return report


def reapply(store: AtlasStore, extra: Register | None = None) -> ErasureReport:
    """Apply the erasure register again (after a restore: a backup may predate an erasure). ``extra`` is a
    register to merge in first, such as the one the store held before it was restored."""
    register = load_register(store)
    report = ErasureReport()
    change = Change(compact=True)
    if extra is not None:
        missing = extra.missing_from(register)
        change.add.extend(register_change(missing, datetime.now(UTC).date().isoformat()).add)
        for salt, found in missing.hashes.items():
            register.hashes.setdefault(salt, set()).update(found)
    report.register_entries = len(register)
    applied = erasure_change(store, register, report)
    applied.add.extend(change.add)
    store.apply(applied)
    return report


def leftover_copies(store: AtlasStore) -> list[str]:
    """Earlier copies of an embedded store kept beside it by a restore: they still hold erased people."""
    folder = Path(store.location)
    if not folder.is_dir():
        return []
    return [
        f"{copy}: een eerdere kopie van de opslag; verwijder die met de hand (an earlier copy of the store, "
        "delete it by hand)"
        for copy in sorted(folder.parent.glob(glob.escape(folder.name) + ".before-restore-*"))
    ]


def restore(store: AtlasStore, source: Path) -> ErasureReport:
    """Restore a backup and erase again whoever the register (the store's now, or the backup's) names."""
    before = load_register(store)
    store.restore(source)
    return reapply(store, before)
