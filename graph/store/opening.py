"""Opening the store a setting names: the embedded store in a folder, or a SPARQL server by its address."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from graph.settings import PublicReads
from graph.store.embedded import EmbeddedStore
from graph.store.files import is_there
from graph.store.interface import AtlasStore

if TYPE_CHECKING:
    from graph.settings import ServerAccess


def open_store(
    location: str, access: ServerAccess | None = None, public_reads: PublicReads = PublicReads.COPY
) -> AtlasStore:
    """The store at ``location``: an ``http(s)://`` SPARQL query endpoint, or a folder (created when missing).

    ``public_reads`` says how a folder's public graphs are read (a server answers them itself)."""
    if location.startswith(("http://", "https://")):
        from graph.store.server.store import SparqlServerStore

        return SparqlServerStore(location, access)
    return EmbeddedStore(Path(location), public_reads)


def is_missing_folder(location: str) -> bool:
    """Whether ``location`` names a store folder that is not there, not even one being put in place (a server
    address is never missing here)."""
    return not location.startswith(("http://", "https://")) and not is_there(Path(location))
