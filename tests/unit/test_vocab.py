import pytest

from graph.model.vocab import PW, SDO, VCARD, collaboration_iri, local_id, organisation_iri


def test_misspelt_project_term_raises_instead_of_minting_an_iri() -> None:
    with pytest.raises(AttributeError):
        _ = PW.librarySyte


def test_misspelt_schema_term_raises() -> None:
    with pytest.raises(AttributeError):
        _ = SDO.nmae


def test_vcard_terms_with_dashes_are_known() -> None:
    assert str(VCARD["street-address"]).endswith("#street-address")


def test_iris_are_stable_and_reversible() -> None:
    assert organisation_iri("lib-a") == organisation_iri("lib-a")
    assert str(organisation_iri("lib-a")) == "https://w3id.org/passendwerk/id/organisation/lib-a"
    assert local_id(str(collaboration_iri("c.1_x"))) == "c.1_x"
