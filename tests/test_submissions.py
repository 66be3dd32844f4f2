"""Partners' submissions: checked like an import, private until approved, every decision logged."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from graph.analysis.similar import search_organisations, similar_organisations
from graph.intake.exporter import template_tables
from graph.intake.rate_limit import RateLimiter
from graph.intake.submissions import (
    NewOrganisation,
    SubmissionError,
    SubmissionForm,
    approve,
    payload_tables,
    reject,
    revert,
    submissions,
    submit,
)
from graph.model.viewer import COMMAND_LINE, Viewer
from graph.model.vocab import PREFIXES
from graph.settings import REPO_ROOT
from graph.store.atlas import Atlas

from .conftest import EVERYTHING, FEATURE_BACKENDS

pytestmark = [pytest.mark.backends(*FEATURE_BACKENDS), pytest.mark.slow]


def new_pair_form(**changes: object) -> SubmissionForm:
    form = SubmissionForm(
        new_library=NewOrganisation("Bibliotheek Oudewater", "Oudewater", 52.025, 4.87),
        care_site_id="x-woerden",
        activities=("werk", "koffiecorner"),
        status="active",
        start_date="2025-02",
        participants="5",
        description="Deelnemers draaien de koffiecorner.",
        link="https://example.org/oudewater",
        contact_name="Sanne Zichtbaar",
        contact_email="sanne@example.org",
        contact_consent=True,
        submitter_email="Partner@Example.org",
    )
    for key, value in changes.items():
        setattr(form, key, value)
    return form


def public_ids(atlas: Atlas) -> set[str]:
    return set(template_tables(atlas)["collaborations"]["id"])


def test_a_valid_submission_is_pending_and_not_public(tiny_atlas: Atlas) -> None:
    result = submit(tiny_atlas, new_pair_form())
    assert result.ok and result.code.startswith("PW-") and len(result.code) == 11
    pending = submissions(tiny_atlas, "pending", viewer=COMMAND_LINE)
    assert [row["code"] for row in pending] == [result.code]
    assert pending[0]["submitter_email"] == "partner@example.org"
    assert result.code.lower() not in public_ids(tiny_atlas)
    assert b"Bibliotheek Oudewater" not in tiny_atlas.store.dump()


def test_only_a_coordinator_decides_whatever_page_or_command_asks(tiny_atlas: Atlas) -> None:
    """Regression: approving, rejecting, reverting and follow-up took a plain name, so only the pages checked that
    a coordinator asked. The decision itself now refuses anyone else, and nothing is written."""
    from graph.analysis.followup import record_state
    from graph.model.viewer import ANONYMOUS, PrivateAccessRefused

    code = submit(tiny_atlas, new_pair_form()).code
    before = tiny_atlas.store.dump()
    for take_step in (
        lambda: approve(tiny_atlas, code, ANONYMOUS),
        lambda: reject(tiny_atlas, code, Viewer.partner(), "weg ermee"),
        lambda: revert(tiny_atlas, code, ANONYMOUS, "weg ermee"),
        lambda: record_state(tiny_atlas, "lib-a", "care-y", "introduced", ANONYMOUS),
    ):
        with pytest.raises(PrivateAccessRefused):
            take_step()
    assert tiny_atlas.store.dump() == before
    assert [row["state"] for row in submissions(tiny_atlas, viewer=COMMAND_LINE)] == ["pending"]


def test_approval_publishes_with_provenance_and_revert_takes_it_back(tiny_atlas: Atlas) -> None:
    atlas = tiny_atlas
    code = submit(atlas, new_pair_form()).code
    assert approve(atlas, code, Viewer.coordinator("coordinator-anna")) == []
    assert code.lower() in public_ids(tiny_atlas)
    coverage = atlas.answer("coverage").set_index("municipality_code")
    assert coverage.at["GM0589", "active_collaborations"] == 1  # Oudewater
    provenance = atlas.store.select(
        "SELECT ?id ?agent WHERE { ?c dcterms:identifier ?id ; prov:wasGeneratedBy/prov:wasAssociatedWith ?agent }",
        {"id": __import__("rdflib").Literal(code.lower())},
        prefixes=PREFIXES,
    )
    # the public provenance names the role; who it was is personal data, kept in the private review log
    assert list(provenance.agent) == ["https://w3id.org/passendwerk/id/agent/coordinator"]
    assert b"coordinator-anna" not in atlas.store.dump()
    assert [row["decided_by"] for row in submissions(atlas, viewer=COMMAND_LINE)] == ["coordinator-anna"]
    with pytest.raises(SubmissionError, match="approved"):
        approve(atlas, code, Viewer.coordinator("coordinator-anna"))
    revert(atlas, code, Viewer.coordinator("coordinator-anna"), "dubbel ingevoerd")
    assert code.lower() not in public_ids(tiny_atlas)
    assert b"Bibliotheek Oudewater" not in atlas.store.dump() and b"Sanne" not in atlas.store.dump()
    states = {row["code"]: (row["state"], row["reason"]) for row in submissions(atlas, viewer=COMMAND_LINE)}
    assert states[code] == ("reverted", "dubbel ingevoerd")


def test_edit_then_approve(tiny_atlas: Atlas) -> None:
    atlas = tiny_atlas
    code = submit(atlas, new_pair_form()).code
    edited = payload_tables(atlas, code, COMMAND_LINE)
    edited.organisations[0].values["name"] = "Bibliotheek Oudewater (gecorrigeerd)"
    assert approve(atlas, code, Viewer.coordinator("anna"), edited) == []
    names = set(template_tables(atlas)["organisations"]["name"])
    assert "Bibliotheek Oudewater (gecorrigeerd)" in names


def test_rejection_needs_a_reason_and_is_logged(tiny_atlas: Atlas) -> None:
    atlas = tiny_atlas
    code = submit(atlas, new_pair_form()).code
    with pytest.raises(SubmissionError, match="reden"):
        reject(atlas, code, Viewer.coordinator("anna"), " ")
    reject(atlas, code, Viewer.coordinator("anna"), "Geen echte samenwerking")
    row = next(r for r in submissions(atlas, viewer=COMMAND_LINE) if r["code"] == code)
    assert (row["state"], row["reason"], row["decided_by"]) == ("rejected", "Geen echte samenwerking", "anna")


@pytest.mark.parametrize(
    ("changes", "where"),
    [
        ({"submitter_email": "geen-mail"}, ("submitter", "email")),
        ({"new_library": NewOrganisation("", "Oudewater", 52.025, 4.87)}, ("library", "name")),
        ({"new_library": NewOrganisation("Bieb", "Parijs", 48.85, 2.35)}, ("library", "lat")),
        ({"care_site_id": "b-venlo"}, ("collaboration", "care_site_id")),
        ({"start_date": "gisteren"}, ("collaboration", "start_date")),
        ({"contact_email": "x@"}, ("collaboration", "contact_email")),
        ({"care_site_id": ""}, ("care", "site")),
    ],
)
def test_bad_fields_are_named_and_nothing_is_stored(
    tiny_atlas: Atlas, changes: dict[str, object], where: tuple[str, str]
) -> None:
    before = tiny_atlas.store.dump(private=EVERYTHING)
    result = submit(tiny_atlas, new_pair_form(**changes))
    assert not result.ok
    assert where in {(problem.file, problem.column) for problem in result.problems}
    assert tiny_atlas.store.dump(private=EVERYTHING) == before


def test_fifty_submissions_from_threads_all_arrive_once(tiny_atlas: Atlas) -> None:
    codes: list[str] = []
    lock = threading.Lock()

    def send(number: int) -> None:
        form = new_pair_form(description=f"Inzending {number}", new_library=None, library_site_id="a-utrecht")
        result = submit(tiny_atlas, form)
        assert result.ok
        with lock:
            codes.append(result.code)

    threads = [threading.Thread(target=send, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stored = [row["code"] for row in submissions(tiny_atlas, viewer=COMMAND_LINE)]
    assert len(codes) == 50 and sorted(stored) == sorted(codes)


SUBMIT_IN_A_PROCESS = """
import sys
from graph.store.atlas import Atlas
from graph.settings import settings_from_environment
from graph.intake.submissions import SubmissionForm, submit
atlas = Atlas.open(settings_from_environment(sys.argv[1]))
for number in range(int(sys.argv[2])):
    form = SubmissionForm(library_site_id="a-utrecht", care_site_id="w-utrecht", description=f"{sys.argv[3]}-{number}",
                          submitter_email="p@example.org")
    assert submit(atlas, form).ok
"""


def test_submissions_from_four_processes_all_arrive_once(tiny_atlas: Atlas) -> None:
    """Regression: a writer released its file lock while its database handle was still open."""
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", SUBMIT_IN_A_PROCESS, tiny_atlas.settings.store, "13", f"p{n}"], cwd=REPO_ROOT
        )
        for n in range(4)
    ]
    assert all(process.wait(timeout=300) == 0 for process in processes)
    rows = submissions(tiny_atlas, viewer=COMMAND_LINE)
    descriptions = [__import__("json").loads(r["payload"])["collaborations"][0][1]["description"] for r in rows]
    assert len(rows) == 52 and len(set(descriptions)) == 52


def test_rate_limiter() -> None:
    limiter = RateLimiter(limit=3, window_s=60)
    assert [limiter.allow("s", now=t) for t in (0, 1, 2, 3)] == [True, True, True, False]
    assert limiter.allow("other", now=3) and limiter.allow("s", now=61.5)


def test_likely_duplicates_and_search(tiny_atlas: Atlas) -> None:
    organisations = tiny_atlas.answer("internal/organisation-kinds")
    assert list(similar_organisations("De Bibliotheek Alfa", organisations, "library").id) == ["lib-a"]
    assert list(search_organisations("de bieb gamma", organisations, "library").id)[:1] == ["lib-c"]
    assert similar_organisations("Iets heel anders", organisations).empty


def test_cli_review_flow(tiny_atlas: Atlas, tmp_path: Path) -> None:
    from .conftest import run_cli

    code = submit(tiny_atlas, new_pair_form()).code
    listed = run_cli("submissions", "list", store=tiny_atlas.store.location)
    assert code in listed.stdout
    approved = run_cli("submissions", "approve", "--code", code, "--by", "anna", store=tiny_atlas.store.location)
    assert approved.returncode == 0, approved.stderr
    assert code.lower() in public_ids(tiny_atlas)


@pytest.mark.parametrize("typed", ["31-02-2023", "2023-02-31", "13-2023"])
def test_a_date_that_does_not_exist_is_said_in_the_partners_words(tiny_atlas: Atlas, typed: str) -> None:
    """Regression: 31-02-2023, written as the form asks, came back as "'2023-02-31' is geen datum (JJJJ-MM-DD,
    JJJJ-MM of JJJJ)": turned around, in the import's format, and in English "is not an ISO date"."""
    result = submit(tiny_atlas, new_pair_form(start_date=typed))
    said = {(field.field, field.message("nl"), field.message("en")) for field in result.fields}
    assert (
        "start_date",
        "Deze datum bestaat niet. Schrijf dag-maand-jaar (1-5-2023), maand-jaar (5-2023) of een jaar.",
        "This date does not exist. Write day-month-year (1-5-2023), month-year (5-2023) or a year.",
    ) in said
    assert not [message for _, nl, en in said for message in (nl, en) if "ISO" in message or "JJJJ" in message]
