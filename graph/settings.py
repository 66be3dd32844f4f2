"""Explicit settings, passed down from the CLI or the app; nothing is read at import time."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_STORE = "var/store"
DEFAULT_REFERENCE = REPO_ROOT.parent / "shared" / "data"
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


@dataclass(frozen=True)
class ServerAccess:
    """How to reach a SPARQL server besides its query URL: the update URL and credentials (never shown)."""

    update_url: str | None = None
    graph_store_url: str | None = None
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    auth: str = "basic"  # or "digest" (Virtuoso's /sparql-auth)
    timeout_s: float = 600.0


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
    lang: str = "nl"
    server: ServerAccess = field(default_factory=ServerAccess)
    public_url: str = DEFAULT_PUBLIC_URL

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]


def settings_from_environment(
    store: str | None = None, reference: str | None = None, environ: dict[str, str] | None = None
) -> Settings:
    """Settings from explicit arguments first, then ``PASSENDWERK_*`` variables, then the defaults."""
    env = os.environ if environ is None else environ
    store_location = store or env.get("PASSENDWERK_STORE") or DEFAULT_STORE
    reference_dir: Path | None
    if reference:
        reference_dir = Path(reference)
    elif env.get("PASSENDWERK_REFERENCE"):
        reference_dir = Path(env["PASSENDWERK_REFERENCE"])
    elif DEFAULT_REFERENCE.is_dir():
        reference_dir = DEFAULT_REFERENCE
    else:
        reference_dir = None
    server = ServerAccess(
        update_url=env.get("PASSENDWERK_STORE_UPDATE") or None,
        graph_store_url=env.get("PASSENDWERK_STORE_GRAPH_STORE") or None,
        user=env.get("PASSENDWERK_STORE_USER") or None,
        password=env.get("PASSENDWERK_STORE_PASSWORD") or None,
        auth=env.get("PASSENDWERK_STORE_AUTH", "basic"),
    )
    if server.auth not in ("basic", "digest"):
        raise ValueError("PASSENDWERK_STORE_AUTH moet 'basic' of 'digest' zijn / must be 'basic' or 'digest'")
    public_url = env.get("PASSENDWERK_PUBLIC_URL") or DEFAULT_PUBLIC_URL
    return Settings(store=store_location, reference=reference_dir, server=server, public_url=public_url)
