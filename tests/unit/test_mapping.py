"""Records to RDF, as a pure function: the one place that decides how an organisation, site or collaboration
is written, and that a contact without consent never lands in the public graph."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import DCAT, ORG, RDF, RDFS, XSD

from graph.intake.mapping import records_graphs
from graph.model.records import CollaborationRecord, Contact, OrganisationRecord, Partners, RecordSet, SiteRecord
from graph.model.vocab import PW, SDO, VCARD, WGS84, collaboration_iri, organisation_iri, site_iri

PARTNERS = Partners("lib-t", "Bibliotheek Tegelen", "care-p", "Werkleercentrum PSW")


def _records(contact: Contact) -> RecordSet:
    return RecordSet(
        organisations=[OrganisationRecord("lib-t", "Bibliotheek Tegelen", "library", "https://example.org")],
        sites=[SiteRecord("lib-t-1", "lib-t", "Tegelen", "Tegelen", 51.344, 6.136, "GM0983", postcode="5931 AB")],
        collaborations=[
            CollaborationRecord(
                "c-1",
                "lib-t-1",
                "care-p-1",
                ("werk",),
                "active",
                "2021-09",
                participants=4,
                description="Boeken terugzetten.",
                contact=contact,
                partners=PARTNERS,
            )  # fmt: skip
        ],
    )


def test_an_organisation_and_its_site_are_written_with_standard_terms() -> None:
    public, private = records_graphs(_records(Contact()), None)
    organisation, site = organisation_iri("lib-t"), site_iri("lib-t-1")
    assert (organisation, RDF.type, ORG.Organization) in public
    assert (organisation, SDO.name, Literal("Bibliotheek Tegelen")) in public
    assert (site, ORG.siteOf, organisation) in public and (organisation, ORG.hasSite, site) in public
    assert public.value(site, WGS84.lat) == Literal(51.344, datatype=XSD.double)
    assert len(private) == 0


def test_the_partners_are_members_and_name_the_collaboration_in_both_languages() -> None:
    public, _ = records_graphs(_records(Contact()), None)
    collaboration = collaboration_iri("c-1")
    assert set(public.objects(collaboration, ORG.hasMember)) == {organisation_iri("lib-t"), organisation_iri("care-p")}
    labels = {(label.language, str(label)) for label in public.objects(collaboration, RDFS.label)}
    assert ("nl", "Samenwerking Bibliotheek Tegelen en Werkleercentrum PSW") in labels
    assert public.value(collaboration, PW.participants) == Literal(4, datatype=XSD.integer)


def test_a_contact_without_consent_goes_only_to_the_private_graph() -> None:
    contact = Contact("Piet Prive", "coördinator", "piet@example.org", "06 12345678", public=False)
    public, private = records_graphs(_records(contact), None)
    person = URIRef(str(collaboration_iri("c-1")) + "/contact")
    assert (collaboration_iri("c-1"), DCAT.contactPoint, person) in private
    assert (person, VCARD.fn, Literal("Piet Prive")) in private
    assert not any(person in triple for triple in public)
    assert "Piet" not in public.serialize(format="nt")


def test_a_contact_with_consent_is_public() -> None:
    contact = Contact("Anna Publiek", email="anna@example.org", public=True)
    public, private = records_graphs(_records(contact), None)
    person = URIRef(str(collaboration_iri("c-1")) + "/contact")
    assert (person, VCARD.hasEmail, URIRef("mailto:anna@example.org")) in public
    assert len(private) == 0
