"""Personal data: shown only with consent or to coordinators, exportable, and erasable everywhere for good."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from graph.analysis.followup import record_state
from graph.intake.exporter import export
from graph.intake.submissions import SubmissionForm, approve, reject, submissions, submit
from graph.model.viewer import ANONYMOUS, COMMAND_LINE, PrivateAccessRefused, Viewer
from graph.privacy.erasure import forget_contact, restore
from graph.privacy.personal_data import export_person
from graph.store.atlas import Atlas
from graph.store.embedded import EmbeddedStore
from graph.store.erasure_register import MARKER, Register, normal_phone, redact
from graph.store.public_snapshot import snapshot_path
from graph.store.saved_answers import FOLDER

from .conftest import EVERYTHING, TINY, run_cli

pytestmark = [pytest.mark.backends, pytest.mark.slow]

# The attack review's payload: the person's name, e-mail and phone written in a story, and variants of it
# (other case, other phone notation, inside a submission's rows, a review reason and a follow-up note).
STORY = "Vraag Piet Prive (piet@example.org, 06 1234 5678) naar het rooster."
VARIANT = "PIET PRIVE belt terug via +31 6 12345678 of Piet@Example.ORG."
TRACES = (b"piet@example.org", b"Piet Prive", b"PIET PRIVE", b"Piet@Example.ORG", b"1234 5678", b"12345678")


def _strict(text: str) -> object:
    def refuse(constant: str) -> object:
        raise ValueError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


def _spread_the_person(atlas: Atlas) -> str:
    """Piet in a public story (approved submission), a pending submission's rows, a review reason, a note."""
    published = SubmissionForm(
        library_site_id="a-utrecht", care_site_id="w-utrecht", description=STORY, contact_name="Piet Prive",
        contact_email="piet@example.org", contact_phone="06 1234 5678", submitter_email="piet@example.org",
    )  # fmt: skip
    code = submit(atlas, published).code
    assert approve(atlas, code, Viewer.coordinator("Anna")) == []
    refused = SubmissionForm(
        library_site_id="b-venlo", care_site_id="x-venlo", description=VARIANT, submitter_email="iemand@example.org"
    )
    refused_code = submit(atlas, refused).code
    reject(atlas, refused_code, Viewer.coordinator("Anna"), "Piet Prive (06-12345678) trok dit in")
    pending = SubmissionForm(
        library_site_id="c-amsterdam", care_site_id="z-amsterdam", description=VARIANT,
        contact_name="Piet Prive", contact_email="PIET@example.org", submitter_email="bram@example.org",
    )  # fmt: skip
    assert submit(atlas, pending).ok
    record_state(atlas, "lib-a", "care-y", "introduced", Viewer.coordinator("Anna"), note=f"Gebeld: {VARIANT}")
    return code


def _traces(content: bytes) -> list[bytes]:
    return [trace for trace in TRACES if trace in content]


def test_export_person_includes_notes_and_review_reasons_as_valid_json(tiny_atlas: Atlas) -> None:
    code = _spread_the_person(tiny_atlas)
    report = export_person(tiny_atlas, "Piet@Example.org", COMMAND_LINE)
    assert sorted(c["collaboration_id"] for c in report.contacts) == ["c3", code.lower()]
    assert len(report.submissions) == 2 and report.submissions[0]["sent_by_this_person"]
    mentioned = {m["predicate"].rsplit("#", 1)[-1].rsplit("/", 1)[-1] for m in report.mentions}
    assert {"note", "reviewReason", "description", "payload"} <= mentioned  # payload: the refused one's story
    result = run_cli("export-person", "piet@example.org", store=tiny_atlas.store.location)
    assert result.returncode == 0, result.stderr
    printed = _strict(result.stdout)
    assert isinstance(printed, dict) and len(printed["mentions"]) == len(report.mentions)
    assert all(isinstance(contact["role"], str) for contact in printed["contacts"])
    with pytest.raises(PrivateAccessRefused):
        export_person(tiny_atlas, "piet@example.org", ANONYMOUS)


def test_forget_contact_erases_name_email_and_phone_from_story_submission_reason_and_note(
    tiny_atlas: Atlas, tmp_path: Path
) -> None:
    _spread_the_person(tiny_atlas)
    assert _traces(tiny_atlas.store.dump(private=EVERYTHING))
    report = forget_contact(tiny_atlas, "piet@example.org", COMMAND_LINE)
    everything = tiny_atlas.store.dump(private=EVERYTHING)
    assert _traces(everything) == []
    assert len(report.contacts_removed) == 2  # c3 and the approved one's (the pending one's is only in its rows)
    changed = {item["predicate"].rsplit("#", 1)[-1].rsplit("/", 1)[-1] for item in report.values_replaced}
    assert {"description", "payload", "reviewReason", "note", "submitterEmail"} <= changed
    assert f"Vraag {MARKER} ({MARKER}, {MARKER}) naar het rooster.".encode() in tiny_atlas.store.dump()
    # what is not the person stays: the stories, the submissions and their states
    assert b"naar het rooster" in tiny_atlas.store.dump() and b"Verkenning van voorleesochtenden" in everything
    assert len(submissions(tiny_atlas, viewer=COMMAND_LINE)) == 3
    assert export_person(tiny_atlas, "piet@example.org", COMMAND_LINE).as_dict() == {
        "email": "piet@example.org", "contacts": [], "submissions": [], "mentions": []
    }  # fmt: skip
    private_export = export(tiny_atlas, "ttl", None, True, viewer=COMMAND_LINE)
    assert private_export is not None and _traces(private_export) == []
    backup = tmp_path / "backup-after-erasure"
    tiny_atlas.store.backup(backup)
    files = [backup] if backup.is_file() else [path for path in backup.rglob("*") if path.is_file()]
    assert [path for path in files if _traces(path.read_bytes())] == []


def test_forgetting_a_public_contact_on_the_command_line(tiny_atlas: Atlas) -> None:
    assert b"Anna Publiek" in tiny_atlas.store.dump()
    result = run_cli("forget-contact", "anna@example.org", store=tiny_atlas.store.location)
    assert result.returncode == 0, result.stderr
    assert "1 contactpersoon" in result.stdout
    assert _strict(result.stdout[result.stdout.index("{") :])
    assert b"Anna Publiek" not in tiny_atlas.store.dump(private=EVERYTHING)


def test_restoring_an_old_backup_erases_the_person_again_and_says_so(tiny_atlas: Atlas, tmp_path: Path) -> None:
    _spread_the_person(tiny_atlas)
    old = tmp_path / ("old.nq" if tiny_atlas.store.location.startswith("http") else "old")
    tiny_atlas.store.backup(old)
    forget_contact(tiny_atlas, "piet@example.org", COMMAND_LINE)
    result = run_cli("restore", str(old), store=tiny_atlas.store.location)
    assert result.returncode == 0, result.stderr
    assert "verwijderregister opnieuw toegepast" in result.stdout and "2 contactpersoon" in result.stdout
    assert _traces(tiny_atlas.store.dump(private=EVERYTHING)) == []
    # a second restore finds the register in place and erases again, also from the function
    again = restore(tiny_atlas.store, old)
    assert len(again.contacts_removed) == 2 and _traces(tiny_atlas.store.dump(private=EVERYTHING)) == []


def test_a_later_import_leaves_an_erased_contact_out_and_says_so(tiny_atlas: Atlas) -> None:
    forget_contact(tiny_atlas, "anna@example.org", COMMAND_LINE)
    result = run_cli("import", str(TINY), store=tiny_atlas.store.location)
    assert result.returncode == 0, result.stderr
    assert "4 gegeven(s) van verwijderde personen weggelaten" in result.stdout  # c1's name, role, e-mail, phone
    everything = tiny_atlas.store.dump(private=EVERYTHING)
    assert b"Anna Publiek" not in everything and b"anna@example.org" not in everything
    assert b"030 123 4567" not in everything and b"Zorg X zetten boeken terug" in everything


def test_names_match_whatever_their_case_accents_and_spacing() -> None:
    register = Register().entries_for([("name", "Piet Privé"), ("email", "piet@example.org")])
    text, count = redact("Met PIET  prive en piet privé; Pieter Prive niet; mail PIET@example.org.", register)
    assert count == 3 and text == f"Met {MARKER} en {MARKER}; Pieter Prive niet; mail {MARKER}."
    assert redact("Anna Paulowna", Register().entries_for([("name", "Anna")])) == ("Anna Paulowna", 0)


def test_phone_numbers_match_in_any_notation() -> None:
    assert {normal_phone(v) for v in ("06 1234 5678", "+31 6 12345678", "0031-6-1234-5678", "06-12345678")} == {
        "0612345678"
    }
    assert normal_phone("2024") == ""


def test_cli_export_person_and_bad_email(tiny_atlas: Atlas) -> None:
    result = run_cli("export-person", "piet@example.org", store=tiny_atlas.store.location)
    assert result.returncode == 0 and _strict(result.stdout)["contacts"][0]["name"] == "Piet Prive"  # type: ignore[index]
    bad = run_cli("export-person", "not-an-email", store=tiny_atlas.store.location)
    assert bad.returncode == 2 and "geen geldig e-mailadres" in bad.stderr


def test_coordinator_accounts(tmp_path: Path) -> None:
    from graph.privacy.accounts import AccountError, add_coordinator, authenticate

    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[other]\nkeep = "me"\n')
    add_coordinator("anna", "Anna de Vries", "een lang wachtwoord", secrets)
    add_coordinator("bram", "Bram", "nog een lang wachtwoord", secrets)
    add_coordinator("anna", "Anna de Vries", "een nieuw lang wachtwoord", secrets)
    assert authenticate("anna", "een nieuw lang wachtwoord", secrets) is not None
    assert authenticate("anna", "een lang wachtwoord", secrets) is None
    assert authenticate("bram", "nog een lang wachtwoord", secrets).name == "Bram"  # type: ignore[union-attr]
    assert authenticate("nobody", "whatever", secrets) is None
    assert 'keep = "me"' in secrets.read_text() and "een nieuw" not in secrets.read_text()
    with pytest.raises(AccountError):
        add_coordinator("x", "X", "kort", secrets)
    result = run_cli(
        "add-coordinator", "carla", "--name", "Carla", "--secrets", str(secrets), "--password-stdin",
        store=tmp_path / "store", input_text="een heel lang wachtwoord\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert authenticate("carla", "een heel lang wachtwoord", secrets) is not None


def test_the_store_folder_keeps_no_trace_of_an_erased_person(tiny_atlas: Atlas, backend: str) -> None:
    if backend != "embedded":
        pytest.skip("a server keeps its own files; the README says what an operator does there")
    folder = Path(tiny_atlas.store.location)
    _spread_the_person(tiny_atlas)

    def files_with_traces() -> list[str]:
        return [path.name for path in folder.rglob("*") if path.is_file() and _traces(path.read_bytes())]

    assert files_with_traces()  # the person is in the database's files (*.sst, the log) before
    saved_copy = snapshot_path(folder)
    saved_copy.unlink(missing_ok=True)
    EmbeddedStore(folder).count()  # another process starts: it copies the public graphs and saves the copy
    assert _traces(saved_copy.read_bytes())  # the public story is in the saved copy before
    stories = "SELECT ?story WHERE { ?s <https://schema.org/description> ?story }"
    EmbeddedStore(folder).select(stories)  # a whole-country answer, saved in the folder for the next process
    assert [path.name for path in (folder / FOLDER).iterdir() if _traces(path.read_bytes())]
    forget_contact(tiny_atlas, "piet@example.org", COMMAND_LINE)
    assert files_with_traces() == []
    siblings = [path.name for path in folder.parent.iterdir() if path.name.startswith(folder.name)]
    assert sorted(siblings) == ["store", "store.generation", "store.journal", "store.lock"]
    assert not _traces((folder.parent / "store.journal").read_bytes())  # the public copies' journal forgot too
    EmbeddedStore(folder).count()  # the next process saves a copy made after the erasure
    assert saved_copy.exists() and not _traces(saved_copy.read_bytes())


def test_data_put_back_outside_the_atlas_is_erased_again_on_request(tiny_atlas: Atlas) -> None:
    from rdflib import Literal, URIRef

    from graph.model.vocab import SDO, public_graph
    from graph.store.interface import Change

    forget_contact(tiny_atlas, "piet@example.org", COMMAND_LINE)
    story = (
        URIRef("https://w3id.org/passendwerk/id/collaboration/c3"),
        SDO.description,
        Literal("PIET PRIVE mailt Piet@Example.ORG"),
    )
    tiny_atlas.store.apply(Change(add=[(*story, public_graph("restored-by-hand"))]))  # a server's own restore
    assert _traces(tiny_atlas.store.dump())
    result = run_cli("reapply-erasures", store=tiny_atlas.store.location)
    assert result.returncode == 0, result.stderr
    assert "1 tekst" in result.stdout and _traces(tiny_atlas.store.dump(private=EVERYTHING)) == []


def test_a_rewrite_stopped_between_its_renames_loses_nothing(tiny_atlas: Atlas, backend: str) -> None:
    if backend != "embedded":
        pytest.skip("only the embedded store writes itself anew")
    import os

    from graph.store.opening import open_store

    folder = Path(tiny_atlas.store.location)
    before = tiny_atlas.store.dump(private=EVERYTHING)
    shutil.copytree(folder, folder.with_name("store.rewriting"))
    os.replace(folder, folder.with_name("store.erased"))  # the process died here
    assert open_store(str(folder)).dump(private=EVERYTHING) == before
    beside = {path.name for path in folder.parent.iterdir() if path.name.startswith("store.")}
    # no half-written copy left; the saved public copy is a whole file (graph/store/public_snapshot.py)
    assert beside <= {"store.generation", "store.journal", "store.lock", "store.public-copy.nq"}, beside
