"""Partners' submissions: checked like an import, kept private until a coordinator approves them.

A submission is stored as the rows of the import template it amounts to (its payload), in a private named
graph of its own with who sent it and when. Approval checks the rows again against the graph as it is then,
and writes the records into a public graph of their own, with the decision, in one transaction; a
rejection or a revert is logged the same way. Nothing pending is ever in a public graph.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

from graph.intake.form_check import (
    FieldProblem,
    forgiving_date,
    forgiving_web_address,
    partner_problems,
    start_date_problem,
)
from graph.intake.importer import (
    MUNICIPALITY_STUB_GRAPH,
    check_tables,
    merge,
    municipality_stubs,
    network_ids,
    partner_updates,
)
from graph.intake.mapping import Provenance, owned_nodes, records_graphs, replacement
from graph.intake.template import InputTables, Problem, Row
from graph.intake.validate import EMAIL_PATTERN
from graph.model.viewer import Viewer, private_read
from graph.model.vocab import ID, PW, collaboration_iri, organisation_iri, private_graph, public_graph, site_iri
from graph.store.atlas import Atlas
from graph.store.interface import Change

REVIEW_LOG = private_graph("review-log")
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


class SubmissionError(ValueError):
    pass


@dataclass
class NewOrganisation:
    name: str
    town: str
    lat: float | None
    lon: float | None
    address: str = ""
    postcode: str = ""
    website: str = ""


@dataclass
class SubmissionForm:
    """What a partner fills in. Each side is an existing site (its id) or a new organisation with its site."""

    library_site_id: str = ""
    new_library: NewOrganisation | None = None
    care_site_id: str = ""
    new_care: NewOrganisation | None = None
    activities: tuple[str, ...] = ()
    activity_other: str = ""
    status: str = "active"
    start_date: str = ""
    participants: str = ""
    description: str = ""
    link: str = ""
    contact_name: str = ""
    contact_role: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    contact_consent: bool = False
    submitter_email: str = ""


@dataclass
class SubmitResult:
    code: str = ""
    problems: list[Problem] = field(default_factory=list)
    fields: list[FieldProblem] = field(default_factory=list)  # the same problems, per field of the form

    @property
    def ok(self) -> bool:
        return bool(self.code) and not self.problems


def new_code() -> str:
    return "PW-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


def _coordinate(value: float | None) -> str:
    return "" if value is None else repr(float(value))


def form_tables(form: SubmissionForm, code: str) -> InputTables:
    """The import-template rows a form amounts to, and the form's own problems (a site on each side, the sender's
    e-mail); row files name the part of the form they came from."""
    tables = InputTables(source=f"formulier {code}")
    if not EMAIL_PATTERN.match(form.submitter_email.strip().lower()):
        tables.problems.append(
            Problem("submitter", 1, "email", "vul een geldig e-mailadres in", "enter a valid e-mail")
        )
    ends = {}
    for side, kind, existing, new in (
        ("library", "library", form.library_site_id, form.new_library),
        ("care", "care", form.care_site_id, form.new_care),
    ):
        if new is None:
            ends[side] = existing
            if not existing:
                tables.problems.append(Problem(side, 1, "site", "kies een locatie of voeg er een toe", "choose a site"))
            continue
        organisation_id = f"{code.lower()}-{side}"
        tables.organisations.append(
            Row(
                side,
                1,
                {"id": organisation_id, "name": new.name, "kind": kind, "website": forgiving_web_address(new.website)},
            )
        )
        values = {
            "id": f"{organisation_id}-site",
            "organisation_id": organisation_id,
            "name": new.name,
            "town": new.town,
            "lat": _coordinate(new.lat),
            "lon": _coordinate(new.lon),
            "address": new.address,
            "postcode": new.postcode,
        }
        tables.sites.append(Row(side, 1, values))
        ends[side] = values["id"]
    description = form.description.strip()
    if form.activity_other.strip():
        description = f"{description}\n\nOverige activiteiten: {form.activity_other.strip()}".strip()
    tables.collaborations.append(
        Row(
            "collaboration",
            1,
            {
                "id": code.lower(),
                "library_site_id": ends["library"],
                "care_site_id": ends["care"],
                "activities": ";".join(form.activities),
                "status": form.status,
                "start_date": forgiving_date(form.start_date),
                "participants": form.participants,
                "description": description,
                "contact_name": form.contact_name,
                "contact_role": form.contact_role,
                "contact_email": form.contact_email,
                "contact_phone": form.contact_phone,
                "contact_public": "yes" if form.contact_consent else "no",
                "source_url": forgiving_web_address(form.link),
            },
        )
    )
    return tables


def _payload(tables: InputTables) -> str:
    return json.dumps(
        {
            name: [[row.file, row.values] for row in tables.table(name)]
            for name in ("organisations", "sites", "collaborations")
        },
        ensure_ascii=False,
    )


def _tables_from_payload(payload: str, code: str) -> InputTables:
    data = json.loads(payload)
    tables = InputTables(source=f"formulier {code}")
    for name in ("organisations", "sites", "collaborations"):
        for file, values in data.get(name, []):
            tables.table(name).append(Row(file, 1, {str(k): str(v) for k, v in values.items()}))
    return tables


def submit(atlas: Atlas, form: SubmissionForm, *, code: str | None = None, today: date | None = None) -> SubmitResult:
    """Check the whole form in one pass and keep it as pending; returns the reference code or every problem."""
    code = code or new_code()
    tables = form_tables(form, code)
    email = form.submitter_email.strip().lower()
    # The form's own problems and the import's row checks together, so the partner sees all of them at once.
    own, tables.problems = tables.problems, []
    problems = [*own, *check_tables(atlas, tables).problems]
    fields = partner_problems(problems, {code.lower()}, {side for side in ("library", "care") if _is_new(form, side)})
    timing = start_date_problem(form.status, forgiving_date(form.start_date), today or date.today())
    if timing is not None:
        fields.append(timing)
        problems.append(Problem("collaboration", 1, "start_date", timing.message_nl, timing.message_en))
    if problems:
        return SubmitResult("", problems, fields)
    node = URIRef(f"{ID}submission/{code}")
    graph = Graph()
    graph.add((node, RDF.type, PW.Submission))
    graph.add((node, PW.referenceCode, Literal(code)))
    graph.add((node, PW.submitterEmail, Literal(email)))
    graph.add((node, PROV.generatedAtTime, Literal(datetime.now(UTC).isoformat(), datatype=XSD.dateTime)))
    graph.add((node, PW.reviewState, Literal("pending")))
    graph.add((node, PW.payload, Literal(_payload(tables))))
    change = Change()
    change.add_graph(graph, submission_graph(code))
    atlas.store.apply(change)
    return SubmitResult(code, [])


def _is_new(form: SubmissionForm, side: str) -> bool:
    return (form.new_library if side == "library" else form.new_care) is not None


def submission_graph(code: str) -> URIRef:
    return private_graph(f"submission/{code}")


def submissions(atlas: Atlas, state: str | None = None, *, viewer: Viewer) -> list[dict[str, str]]:
    """Every submission (or those in one state) with sender and rows; for coordinators only."""
    private = private_read(viewer)
    frame = atlas.answer("internal/submissions", {"state": state} if state else {}, private=private)
    return [{str(k): ("" if v is None else str(v)) for k, v in row.items()} for row in frame.to_dict("records")]


def submission(atlas: Atlas, code: str, viewer: Viewer) -> dict[str, str]:
    for row in submissions(atlas, viewer=viewer):
        if row["code"] == code:
            return row
    raise SubmissionError(f"onbekende inzending {code!r} (unknown submission)")


def payload_tables(atlas: Atlas, code: str, viewer: Viewer) -> InputTables:
    return _tables_from_payload(submission(atlas, code, viewer)["payload"], code)


def _decision(code: str, state: str, reviewer: str, reason: str = "") -> tuple[Change, URIRef]:
    """The change that sets a submission's state and logs the decision."""
    node = URIRef(f"{ID}submission/{code}")
    change = Change()
    change.remove_quads.extend(
        (node, PW.reviewState, Literal(previous), submission_graph(code))
        for previous in ("pending", "approved", "rejected", "reverted")
    )
    change.add.append((node, PW.reviewState, Literal(state), submission_graph(code)))
    now = datetime.now(UTC)
    entry = URIRef(f"{node}/decision/{now.strftime('%Y%m%dT%H%M%S%f')}")
    log = Graph()
    log.add((entry, RDF.type, PROV.Activity))
    log.add((entry, PROV.used, node))
    log.add((entry, PW.reviewState, Literal(state)))
    log.add((entry, PROV.endedAtTime, Literal(now.isoformat(), datatype=XSD.dateTime)))
    log.add((entry, PROV.wasAssociatedWith, Literal(reviewer)))
    if reason:
        log.add((entry, PW.reviewReason, Literal(reason)))
    change.add_graph(log, REVIEW_LOG)
    return change, entry


def _require(atlas: Atlas, code: str, states: tuple[str, ...], reviewer: str) -> dict[str, str]:
    found = submission(atlas, code, Viewer.coordinator(reviewer))
    if found["state"] not in states:
        raise SubmissionError(f"inzending {code} is {found['state']} (submission is {found['state']})")
    return found


def approve(
    atlas: Atlas,
    code: str,
    reviewer: str,
    edited: InputTables | None = None,
) -> list[Problem]:
    """Publish a pending submission (optionally as edited by the reviewer); returns problems, if any."""
    found = _require(atlas, code, ("pending",), reviewer)
    tables = edited or _tables_from_payload(found["payload"], code)
    checked = check_tables(atlas, tables)
    if checked.problems:
        return checked.problems
    provenance = Provenance.new("approval", reviewer, f"formulier {code}")
    public, private = records_graphs(checked.records, provenance)
    graph_iri = public_graph(f"submission/{code}")
    change = replacement(checked.records, public, private, graph_iri, network_ids(checked))
    merge(change, partner_updates(atlas, checked, graph_iri))
    change.add_graph(municipality_stubs(checked.records, checked.context.municipalities), MUNICIPALITY_STUB_GRAPH)
    decision, _ = _decision(code, "approved", reviewer)
    change.remove_quads.extend(decision.remove_quads)
    change.add.extend(decision.add)
    if edited is not None:
        node = URIRef(f"{ID}submission/{code}")
        change.remove_quads.append((node, PW.payload, Literal(found["payload"]), submission_graph(code)))
        change.add.append((node, PW.payload, Literal(_payload(edited)), submission_graph(code)))
    atlas.store.apply(change)
    return []


def reject(atlas: Atlas, code: str, reviewer: str, reason: str) -> None:
    _require(atlas, code, ("pending",), reviewer)
    if not reason.strip():
        raise SubmissionError("geef een reden (a reason is required)")
    change, _ = _decision(code, "rejected", reviewer, reason.strip())
    atlas.store.apply(change)


def revert(atlas: Atlas, code: str, reviewer: str, reason: str) -> None:
    """Take an approved submission off the public graph again (its records and its contact)."""
    found = _require(atlas, code, ("approved",), reviewer)
    tables = _tables_from_payload(found["payload"], code)
    change, _ = _decision(code, "reverted", reviewer, reason.strip())
    change.remove_graphs.add(public_graph(f"submission/{code}"))
    for row in tables.organisations:
        change.remove_subjects.update(owned_nodes(organisation_iri(row.get("id"))))
    for row in tables.sites:
        change.remove_subjects.update(owned_nodes(site_iri(row.get("id"))))
    for row in tables.collaborations:
        change.remove_subjects.update(owned_nodes(collaboration_iri(row.get("id"))))
    atlas.store.apply(change)


class RateLimiter:
    """At most ``limit`` events per ``window_s`` seconds per key (a browser session, say)."""

    def __init__(self, limit: int = 5, window_s: float = 60.0) -> None:
        self.limit, self.window_s = limit, window_s
        self._events: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def allow(self, key: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        with self._lock:
            events = self._events[key]
            while events and now - events[0] > self.window_s:
                events.popleft()
            if len(events) >= self.limit:
                return False
            events.append(now)
            return True
