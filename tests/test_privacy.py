"""Personal data: shown only with consent or to coordinators, exportable and erasable everywhere."""

from __future__ import annotations

import json

import pytest

from graph.atlas import Atlas
from graph.exporter import export
from graph.privacy import export_person, forget_contact
from graph.submissions import SubmissionForm, submissions, submit

from .conftest import run_cli

pytestmark = pytest.mark.backends


def test_export_person_shows_public_and_private_contacts_and_submissions(tiny_atlas: Atlas) -> None:
    form = SubmissionForm(
        library_site_id="a-utrecht", care_site_id="w-utrecht", contact_name="Piet Prive",
        contact_email="piet@example.org", submitter_email="piet@example.org",
    )  # fmt: skip
    code = submit(tiny_atlas.store, tiny_atlas.library, tiny_atlas.settings.data_dir, form).code
    report = export_person(tiny_atlas.store, tiny_atlas.library, "Piet@Example.org")
    assert [(c["collaboration_id"], c["name"], c["public"]) for c in report.contacts] == [("c3", "Piet Prive", False)]
    assert [s["code"] for s in report.submissions] == [code]
    assert report.submissions[0]["sent_by_this_person"]


def test_forget_contact_removes_the_person_everywhere(tiny_atlas: Atlas) -> None:
    form = SubmissionForm(
        library_site_id="a-utrecht", care_site_id="w-utrecht", contact_name="Piet Prive",
        contact_email="piet@example.org", contact_phone="06 1234 5678", submitter_email="piet@example.org",
    )  # fmt: skip
    submit(tiny_atlas.store, tiny_atlas.library, tiny_atlas.settings.data_dir, form)
    report = forget_contact(tiny_atlas.store, tiny_atlas.library, "piet@example.org")
    assert len(report.contacts) == 1 and len(report.submissions) == 1
    everything = tiny_atlas.store.dump(private=True)
    assert b"piet@example.org" not in everything and b"Piet Prive" not in everything and b"1234 5678" not in everything
    assert export_person(tiny_atlas.store, tiny_atlas.library, "piet@example.org").as_dict() == {
        "email": "piet@example.org", "contacts": [], "submissions": []
    }  # fmt: skip
    private_export = export(tiny_atlas.store, tiny_atlas.library, "ttl", None, include_private=True)
    assert private_export is not None and b"Piet" not in private_export
    # the rest of the collaboration and the submission stay
    assert len(submissions(tiny_atlas.store, tiny_atlas.library)) == 1
    assert b"Verkenning van voorleesochtenden" in tiny_atlas.store.dump()


def test_forgetting_a_public_contact(tiny_atlas: Atlas) -> None:
    assert b"Anna Publiek" in tiny_atlas.store.dump()
    result = run_cli("forget-contact", "anna@example.org", store=tiny_atlas.store.location)
    assert result.returncode == 0, result.stderr
    assert "1 contactpersoon" in result.stdout
    assert b"Anna Publiek" not in tiny_atlas.store.dump(private=True)


def test_cli_export_person_and_bad_email(tiny_atlas: Atlas) -> None:
    result = run_cli("export-person", "piet@example.org", store=tiny_atlas.store.location)
    assert result.returncode == 0 and json.loads(result.stdout)["contacts"][0]["name"] == "Piet Prive"
    bad = run_cli("export-person", "not-an-email", store=tiny_atlas.store.location)
    assert bad.returncode == 2 and "geen geldig e-mailadres" in bad.stderr


def test_coordinator_accounts(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from graph.accounts import AccountError, add_coordinator, authenticate

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
