"""What coordinators did with a suggestion: introduced, in conversation, declined — with date, note and who.

Each step is its own record (the history stays), kept in a private graph: notes about people and talks
are for coordinators, not for the public.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from graph.model.enums import FollowUpState
from graph.model.language import BilingualError, Message
from graph.model.text import CONTROL_CHARACTERS
from graph.model.viewer import Viewer, coordinator_name, private_read
from graph.model.vocab import ID, PW, SDO, organisation_iri, private_graph
from graph.store.atlas import Atlas
from graph.store.interface import Change

FOLLOW_UP_GRAPH = private_graph("follow-up")


class FollowUpError(BilingualError):
    """Follow-up that cannot be recorded; says why in Dutch and English."""


def record_state(
    atlas: Atlas,
    library_org_id: str,
    care_org_id: str,
    state: str,
    by: Viewer,
    note: str = "",
    on: str | None = None,
) -> URIRef:
    """Record one follow-up step for a (library, care) pair, taken by the coordinator ``by``; raises
    :class:`FollowUpError` on bad input."""
    name = coordinator_name(by)  # follow-up is a coordinator's, whatever page or command asks
    if state not in FollowUpState.values():
        allowed = ", ".join(FollowUpState.values())
        raise FollowUpError(
            Message(
                f"status moet een van {allowed} zijn, niet {state!r}", f"state must be one of {allowed}, not {state!r}"
            )
        )
    kinds = dict((str(row.id), str(row.kind)) for row in atlas.answer("internal/organisation-kinds").itertuples())
    if kinds.get(library_org_id) != "library":
        raise FollowUpError(
            Message(f"{library_org_id!r} is geen bekende bibliotheek", f"{library_org_id!r} is not a known library")
        )
    if kinds.get(care_org_id) != "care":
        raise FollowUpError(
            Message(
                f"{care_org_id!r} is geen bekende zorgorganisatie", f"{care_org_id!r} is not a known care organisation"
            )
        )
    if not name.strip() or len(name) > 200:
        raise FollowUpError(Message("vul in wie dit vastlegt", "who records this is required"))
    if len(note) > 2000 or CONTROL_CHARACTERS.search(note):
        raise FollowUpError(
            Message("de notitie is te lang of bevat stuurtekens", "the note is too long or has control characters")
        )
    try:
        day = date.fromisoformat(on) if on else datetime.now(UTC).date()
    except ValueError as error:
        raise FollowUpError(Message(f"{on!r} is geen datum JJJJ-MM-DD", f"{on!r} is not a date YYYY-MM-DD")) from error
    recorded = datetime.now(UTC)
    step = URIRef(
        f"{ID}suggestion/{quote(library_org_id, safe='')}--{quote(care_org_id, safe='')}/"
        f"{recorded.strftime('%Y%m%dT%H%M%S%f')}"
    )
    graph = Graph()
    graph.add((step, RDF.type, PW.Suggestion))
    graph.add((step, PW.libraryOrganisation, organisation_iri(library_org_id)))
    graph.add((step, PW.careOrganisation, organisation_iri(care_org_id)))
    graph.add((step, PW.followUpState, Literal(state)))
    graph.add((step, DCTERMS.date, Literal(day.isoformat(), datatype=XSD.date)))
    graph.add((step, PROV.generatedAtTime, Literal(recorded.isoformat(), datatype=XSD.dateTime)))
    agent = URIRef(f"{ID}agent/{quote(name.strip(), safe='')}")
    graph.add((step, PROV.wasAttributedTo, agent))
    graph.add((agent, SDO.name, Literal(name.strip())))
    if note.strip():
        graph.add((step, PW.note, Literal(note.strip())))
    change = Change()
    change.add_graph(graph, FOLLOW_UP_GRAPH)
    atlas.store.apply(change)
    return step


def history(atlas: Atlas, viewer: Viewer) -> list[dict[str, str]]:
    """Every recorded step, for a coordinator; nobody else sees follow-up (not even that a pair was declined)."""
    if not viewer.sees_private:
        return []
    frame = atlas.answer("internal/suggestion-states", private=private_read(viewer))
    return [{str(key): str(value) for key, value in record.items()} for record in frame.to_dict("records")]


def pair_history(atlas: Atlas, viewer: Viewer, library_org_id: str, care_org_id: str) -> list[dict[str, str]]:
    """The steps recorded for one pair, latest first (none for a viewer who may not see follow-up)."""
    steps = [
        step
        for step in history(atlas, viewer)
        if (step["library_org_id"], step["care_org_id"]) == (library_org_id, care_org_id)
    ]
    return steps[::-1]


def current_states(atlas: Atlas, viewer: Viewer) -> dict[tuple[str, str], dict[str, str]]:
    """The latest step per (library, care) pair, as far as the viewer may know."""
    latest: dict[tuple[str, str], dict[str, str]] = {}
    for step in history(atlas, viewer):  # ordered by the time it was recorded
        latest[(step["library_org_id"], step["care_org_id"])] = step
    return latest
