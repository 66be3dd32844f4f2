"""Who is looking: the one place where the atlas decides what a reader may see.

Every read the app and the command line make on behalf of a person is made for a :class:`Viewer`. Public
graphs are public to everyone and need nothing more. Private graphs (contacts without consent, follow-up,
submissions, the review log, the erasure register) can only be read with a :class:`PrivateRead`: the store's
private read path refuses anything else, and only :func:`private_read` makes one, for a coordinator. Only the
modules named in :data:`PRIVATE_READERS` may call it (a test over the source holds every other module to
that), and each of them decides per viewer what leaves it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    ANONYMOUS = "anonymous"
    """A visitor of the app or a reader of a public export."""
    PARTNER = "partner"
    """Someone who adds their collaboration with the form; sees what a visitor sees."""
    COORDINATOR = "coordinator"
    """A signed-in coordinator, or the command line (whoever runs it holds the store itself)."""


@dataclass(frozen=True)
class Viewer:
    role: Role = Role.ANONYMOUS
    name: str = ""

    @classmethod
    def anonymous(cls) -> Viewer:
        return cls(Role.ANONYMOUS)

    @classmethod
    def partner(cls) -> Viewer:
        return cls(Role.PARTNER)

    @classmethod
    def coordinator(cls, name: str) -> Viewer:
        return cls(Role.COORDINATOR, name)

    @property
    def sees_private(self) -> bool:
        """Contacts without consent, follow-up states and notes, submissions and their review."""
        return self.role is Role.COORDINATOR

    @property
    def sees_store_details(self) -> bool:
        """What a store or engine said when it failed: it can name folders and server addresses, which are for
        the people who run the atlas; anyone else reads a plain message."""
        return self.role is Role.COORDINATOR


ANONYMOUS = Viewer.anonymous()
COMMAND_LINE = Viewer.coordinator("command line")

# The modules that may read private graphs (paths from the repository root); tests/test_viewer.py checks
# that no other module asks for a PrivateRead or passes one to the store.
PRIVATE_READERS = frozenset(
    {
        "graph/model/viewer.py",
        "graph/store/embedded.py",
        "graph/store/oxigraph_reader.py",  # hands a PrivateRead on to its store's one gate, unopened
        "graph/store/server/store.py",
        "graph/store/server/registry.py",  # the server store's one gate: the dataset of a read
        "graph/store/interface.py",  # declares the parameter every store takes
        "graph/store/atlas.py",  # hands a PrivateRead on to the store, unopened
        "graph/store/catalogue.py",  # hands a PrivateRead on to the store, unopened
        "graph/privacy/personal_data.py",
        "graph/privacy/erasure.py",
        "graph/store/erasure_register.py",
        "graph/intake/submissions.py",
        "graph/analysis/followup.py",
        "graph/intake/exporter.py",
        "graph/intake/migrate.py",  # rewrites every graph of an older store; run by whoever holds the store
        "graph/intake/reference.py",  # moves the sites of merged municipalities (pending ones too) for the store holder
    }
)


class PrivateAccessRefused(PermissionError):
    """A viewer asked for private data it may not see."""


class PrivateRead:
    """Proof, handed to the store, that a read of private graphs was allowed for a coordinator."""

    __slots__ = ("viewer",)

    def __init__(self, viewer: Viewer, token: object) -> None:
        if token is not _MINT:
            raise TypeError("a PrivateRead comes only from graph.model.viewer.private_read")
        self.viewer = viewer


_MINT = object()


def private_read(viewer: Viewer) -> PrivateRead:
    """The capability to read private graphs, for a viewer who may; refused for anyone else."""
    if not viewer.sees_private:
        raise PrivateAccessRefused("alleen coördinatoren zien deze gegevens (only coordinators may see this data)")
    return PrivateRead(viewer, _MINT)


def coordinator_name(viewer: Viewer) -> str:
    """Who takes a coordinator's step (a review decision, a follow-up), as the private log names them; refused
    for anyone but a coordinator, whatever page or command asks."""
    if not viewer.sees_private:
        raise PrivateAccessRefused("alleen coördinatoren kunnen dit doen (only coordinators may do this)")
    return viewer.name


def reads_private(private: PrivateRead | None) -> bool:
    """The store's check: ``None`` reads the public graphs; a private read needs a real :class:`PrivateRead`."""
    if private is None:
        return False
    if not isinstance(private, PrivateRead):
        raise TypeError(
            "private graphs are read only with a PrivateRead from graph.model.viewer.private_read, not "
            + type(private).__name__
        )
    return True
