"""The server store's own questions, read from ``queries/store/``: which graphs the atlas has, its version, a
count, one graph's content.

They are fixed texts with a header like every question file, and run unchanged on any SPARQL 1.1 server; the
store names the dataset of each in its request. They are how the store keeps its books, not questions about the
atlas, so the query catalogue and the *Vragen* page do not offer them. What the store writes (one update per
change, with the change's own terms) is made in :mod:`graph.store.server.updates`.
"""

from __future__ import annotations

from functools import cache

from graph.settings import REPO_ROOT
from graph.store.catalogue import parse_query_file

STORE_QUERIES = REPO_ROOT / "queries" / "store"


@cache
def store_query(name: str) -> str:
    """The text of ``queries/store/<name>.rq``."""
    return parse_query_file(STORE_QUERIES / f"{name}.rq").text
