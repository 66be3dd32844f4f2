"""Typed records: what a valid row of the import template means. Built by :mod:`graph.intake.validate`,
turned into RDF by :mod:`graph.intake.mapping`."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class OrganisationRecord:
    id: str
    name: str
    kind: str  # library | care | network
    website: str = ""
    member_of: tuple[str, ...] = ()


@dataclass(frozen=True)
class SiteRecord:
    id: str
    organisation_id: str
    name: str
    town: str
    lat: float
    lon: float
    municipality_code: str = ""
    address: str = ""
    postcode: str = ""


@dataclass(frozen=True)
class Contact:
    name: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""
    public: bool = False

    def is_empty(self) -> bool:
        return not (self.name or self.role or self.email or self.phone)


@dataclass(frozen=True)
class Partners:
    """The two organisations a collaboration's sites belong to, as known when it was checked."""

    library_id: str
    library_name: str
    care_id: str
    care_name: str


@dataclass(frozen=True)
class CollaborationRecord:
    id: str
    library_site_id: str
    care_site_id: str
    activities: tuple[str, ...] = ()  # activity codes of the scheme
    status: str = "active"
    start_date: str = ""  # YYYY, YYYY-MM or YYYY-MM-DD
    end_date: str = ""
    participants: int | None = None
    description: str = ""
    contact: Contact = field(default_factory=Contact)
    source_url: str = ""
    end_reason: str = ""
    partners: Partners | None = None  # derived from the sites, not a column of the template


@dataclass
class RecordSet:
    """Valid records ready to be written, with the file and row each came from."""

    organisations: list[OrganisationRecord] = field(default_factory=list)
    sites: list[SiteRecord] = field(default_factory=list)
    collaborations: list[CollaborationRecord] = field(default_factory=list)
    origin: dict[str, tuple[str, int]] = field(default_factory=dict)  # record IRI -> (file, row)

    def __len__(self) -> int:
        return len(self.organisations) + len(self.sites) + len(self.collaborations)
