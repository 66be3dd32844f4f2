"""The closed lists of the atlas, each defined once: collaboration statuses, organisation kinds, follow-up states
of a suggestion and review states of a submission.

Their names in Dutch and English are not written here: they are the ``skos:prefLabel``s of the concepts in
``data/vocabulary.ttl`` (one concept scheme per list, ``skos:notation`` = the value). That file is read once per
process, so a label is at hand without a store; the store holds the same file as its vocabulary graph.
"""

from __future__ import annotations

import math
from enum import StrEnum
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from graph.model.language import Message
from graph.model.vocab import BASE

VOCABULARY_FILE = Path(__file__).resolve().parents[2] / "data" / "vocabulary.ttl"
_PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"


class VocabularyEnum(StrEnum):
    """A closed list whose members are concepts of one scheme in the vocabulary."""

    @classmethod
    def namespace(cls) -> str:
        raise NotImplementedError

    @property
    def iri(self) -> URIRef:
        return URIRef(self.namespace() + self.value)

    @property
    def label(self) -> Message:
        """The concept's preferred labels; the bare value only if the vocabulary lacks it (a test forbids that)."""
        return vocabulary_labels().get(str(self.iri), Message(self.value, self.value))

    @classmethod
    def values(cls) -> tuple[str, ...]:
        return tuple(member.value for member in cls)

    @classmethod
    def label_of(cls, value: object, lang: object) -> str:
        """The label of a value in one language; a value outside the list is shown as it is, no value as ""."""
        if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
            return ""
        try:
            return cls(str(value)).label.text(lang)
        except ValueError:
            return str(value)


class CollaborationStatus(VocabularyEnum):
    EXPLORING = "exploring"
    ACTIVE = "active"
    ENDED = "ended"
    UNKNOWN = "unknown"  # the source does not say whether it still runs; does not count as active

    @classmethod
    def namespace(cls) -> str:
        return BASE + "id/status/"


class OrganisationKind(VocabularyEnum):
    LIBRARY = "library"
    CARE = "care"
    NETWORK = "network"

    @classmethod
    def namespace(cls) -> str:
        return BASE + "id/kind/"


class FollowUpState(VocabularyEnum):
    INTRODUCED = "introduced"
    IN_CONVERSATION = "in_conversation"
    DECLINED = "declined"

    @classmethod
    def namespace(cls) -> str:
        return BASE + "id/follow-up/"


class SubmissionState(VocabularyEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    REVERTED = "reverted"

    @classmethod
    def namespace(cls) -> str:
        return BASE + "id/review-state/"


ENUMS: tuple[type[VocabularyEnum], ...] = (CollaborationStatus, OrganisationKind, FollowUpState, SubmissionState)


@cache
def vocabulary_labels(path: Path = VOCABULARY_FILE) -> dict[str, Message]:
    """Every concept's ``skos:prefLabel`` in Dutch and English, keyed by IRI; read from the file once."""
    found: dict[str, dict[str, str]] = {}
    for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
        value = triple.object
        if triple.predicate.value == _PREF_LABEL and isinstance(value, ox.Literal) and value.language in ("nl", "en"):
            found.setdefault(triple.subject.value, {})[str(value.language)] = value.value
    return {iri: Message(names.get("nl", ""), names.get("en", "")) for iri, names in found.items()}
