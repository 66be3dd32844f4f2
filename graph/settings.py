"""Explicit settings, passed down from the CLI or the app; nothing is read at import time."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from urllib.parse import urlsplit

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_STORE = "var/store"
# The reference data this repository carries (CBS / PDOK municipalities and provinces, GeoNames places).
DEFAULT_REFERENCE = REPO_ROOT / "data" / "reference"
#: Where readers reach the app; reports print the address of their page under it (``PASSENDWERK_PUBLIC_URL``).
DEFAULT_PUBLIC_URL = "http://127.0.0.1:8501"


def update_url_for(query_url: str) -> str:
    """The usual update URL beside a query URL: ``…/query`` → ``…/update`` (Oxigraph, Fuseki), else the same."""
    if query_url.rstrip("/").endswith("/query"):
        return query_url.rstrip("/")[: -len("query")] + "update"
    return query_url


def graph_store_url_for(query_url: str) -> str | None:
    """The usual Graph Store Protocol URL beside a query URL, or ``None`` (then INSERT DATA is used)."""
    path = query_url.rstrip("/")
    if path.endswith("/query"):  # Oxigraph
        return path[: -len("query")] + "store"
    if path.endswith("/sparql"):  # Virtuoso
        return path + "-graph-crud"
    if path.endswith("/sparql-auth"):  # Virtuoso, with an account
        return path[: -len("auth")] + "graph-crud-auth"
    return None


def public_query_url_for(query_url: str) -> str | None:
    """The usual anonymous query URL beside an account's one (Virtuoso: ``…/sparql-auth`` → ``…/sparql``)."""
    path = query_url.rstrip("/")
    if path.endswith("/sparql-auth"):
        return path[: -len("-auth")]
    return None


@dataclass(frozen=True)
class ServerAccess:
    """How to reach a SPARQL server besides its query URL: the update URL and credentials (never shown).

    ``public_query_url`` answers the public reads (the console's too) without the credentials, as an account
    that can neither update nor read private graphs; ``None`` means the query URL and the account.
    """

    update_url: str | None = None
    public_query_url: str | None = None
    graph_store_url: str | None = None
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    auth: str = "basic"  # or "digest" (Virtuoso's /sparql-auth)
    timeout_s: float = 600.0


CC_BY_4 = "https://creativecommons.org/licenses/by/4.0/"


@dataclass(frozen=True)
class Publication:
    """How every RDF export describes the atlas as a dataset (DCAT and VoID), so a data catalogue can list it.

    ``publisher_url`` becomes the publisher's IRI; ``sparql_endpoint`` is the public SPARQL endpoint, named
    only when one is configured. The licence defaults to CC BY 4.0, the licence of the CBS / PDOK and GeoNames
    reference data in every export.
    """

    publisher_name: str = "Passend Werk Atlas"
    publisher_url: str | None = None
    licence: str = CC_BY_4
    sparql_endpoint: str | None = None
    landing_page: str | None = None


class PublicReads(StrEnum):
    """Where a process reads the public graphs of the embedded store from."""

    COPY = "copy"
    """An in-memory copy, made once and kept up to date from the journal: for a process that answers many
    questions for a long time (the app). Answers come several times faster than from disk, but the copy
    takes about 2 s to make at demo scale 1."""
    DISK = "disk"
    """The folder itself, each question asked of the public graphs only: for a process that asks a few
    questions and ends (a command), which then starts answering at once."""


@dataclass(frozen=True)
class Settings:
    """Where the graph lives and how answers are limited.

    ``store`` is a folder for the embedded store or an ``http(s)://`` SPARQL endpoint.
    ``server`` says how to reach that endpoint's update URL and with which credentials.
    ``reference`` is a folder with CBS municipality data, or ``None`` when there is none.
    """

    store: str = DEFAULT_STORE
    reference: Path | None = None
    data_dir: Path = field(default=REPO_ROOT / "data")
    queries_dir: Path = field(default=REPO_ROOT / "queries")
    query_timeout_s: float = 10.0
    row_limit: int = 10_000
    server: ServerAccess = field(default_factory=ServerAccess)
    publication: Publication = field(default_factory=Publication)
    public_url: str = DEFAULT_PUBLIC_URL
    public_reads: PublicReads = PublicReads.COPY

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]


def settings_from_environment(
    store: str | None = None,
    reference: str | None = None,
    environ: dict[str, str] | None = None,
    public_reads: PublicReads = PublicReads.COPY,
) -> Settings:
    """Settings from explicit arguments first, then ``PASSENDWERK_*`` variables, then the defaults.

    ``public_reads`` is how this kind of process reads the public graphs (the app: a copy; a command: the
    folder) unless ``PASSENDWERK_PUBLIC_READS`` (``copy`` or ``disk``) says otherwise: an operator who would
    rather spend time than memory sets ``disk`` for the app."""
    env = os.environ if environ is None else environ
    if env.get("PASSENDWERK_PUBLIC_READS"):
        try:
            public_reads = PublicReads(env["PASSENDWERK_PUBLIC_READS"].strip().lower())
        except ValueError:
            raise ValueError("PASSENDWERK_PUBLIC_READS moet 'copy' of 'disk' zijn / must be 'copy' or 'disk'") from None
    store_location = store or env.get("PASSENDWERK_STORE") or DEFAULT_STORE
    reference_dir: Path
    if reference:
        reference_dir = Path(reference)
    elif env.get("PASSENDWERK_REFERENCE"):
        reference_dir = Path(env["PASSENDWERK_REFERENCE"])
    else:
        reference_dir = DEFAULT_REFERENCE
    server = ServerAccess(
        update_url=env.get("PASSENDWERK_STORE_UPDATE") or None,
        graph_store_url=env.get("PASSENDWERK_STORE_GRAPH_STORE") or None,
        public_query_url=env.get("PASSENDWERK_STORE_PUBLIC") or public_query_url_for(store_location),
        user=env.get("PASSENDWERK_STORE_USER") or None,
        password=env.get("PASSENDWERK_STORE_PASSWORD") or None,
        auth=env.get("PASSENDWERK_STORE_AUTH", "basic"),
    )
    if server.auth not in ("basic", "digest"):
        raise ValueError("PASSENDWERK_STORE_AUTH moet 'basic' of 'digest' zijn / must be 'basic' or 'digest'")
    return Settings(
        store=store_location,
        reference=reference_dir,
        server=server,
        publication=publication_from(env),
        public_url=env.get("PASSENDWERK_PUBLIC_URL") or DEFAULT_PUBLIC_URL,
        public_reads=public_reads,
    )


def publication_from(env: Mapping[str, str]) -> Publication:
    """The dataset description's settings from ``PASSENDWERK_PUBLISHER``, ``PASSENDWERK_PUBLISHER_URL``,
    ``PASSENDWERK_LICENCE``, ``PASSENDWERK_SPARQL_ENDPOINT`` and ``PASSENDWERK_LANDING_PAGE``."""
    urls = {}
    for name, variable in (
        ("publisher_url", "PASSENDWERK_PUBLISHER_URL"),
        ("licence", "PASSENDWERK_LICENCE"),
        ("sparql_endpoint", "PASSENDWERK_SPARQL_ENDPOINT"),
        ("landing_page", "PASSENDWERK_LANDING_PAGE"),
    ):
        value = env.get(variable, "").strip()
        if value and (urlsplit(value).scheme not in ("http", "https") or not urlsplit(value).netloc or " " in value):
            raise ValueError(f"{variable} moet een http(s)-adres zijn / must be an http(s) URL: {value!r}")
        urls[name] = value or None
    return Publication(
        publisher_name=env.get("PASSENDWERK_PUBLISHER", "").strip() or Publication.publisher_name,
        publisher_url=urls["publisher_url"],
        licence=urls["licence"] or CC_BY_4,
        sparql_endpoint=urls["sparql_endpoint"],
        landing_page=urls["landing_page"],
    )
