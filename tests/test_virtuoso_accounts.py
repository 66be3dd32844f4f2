"""Virtuoso as the README sets it up: the account of the public reads can neither update nor read private graphs.

This wall holds without the atlas's own checks; the console's tests show that those hold without this wall.
"""

from __future__ import annotations

import pytest
import requests

from graph.store.atlas import Atlas

from .conftest import EVERYTHING
from .test_console_attacks import FROM_BETWEEN_COMMENT_APOSTROPHES, PRIVATE_CONTACTS, PRIVATE_VALUES


@pytest.mark.parametrize("backend", ["virtuoso"], indirect=True)
def test_virtuosos_public_account_can_neither_update_nor_read_the_private_graphs(tiny_atlas: Atlas) -> None:
    """The README's Virtuoso set-up, as the local server applies it: a wall that holds without the atlas."""
    public = tiny_atlas.settings.server.public_query_url
    assert public is not None and public != tiny_atlas.store.location
    before = tiny_atlas.store.dump(private=EVERYTHING)
    insert = "INSERT DATA { GRAPH <https://w3id.org/passendwerk/graph/public/x> { <urn:a> <urn:b> 'owned' } }"
    assert requests.post(public, data={"query": insert}, timeout=30).status_code >= 400
    for query in (FROM_BETWEEN_COMMENT_APOSTROPHES, f"SELECT ?n WHERE {{ GRAPH <{PRIVATE_CONTACTS}> {{ ?c ?p ?n }} }}"):
        prologue = "PREFIX vcard: <http://www.w3.org/2006/vcard/ns#>\n"
        answer = requests.post(public, data={"query": prologue + query}, timeout=30)
        assert answer.status_code == 200 and not any(value in answer.text for value in PRIVATE_VALUES)
    assert tiny_atlas.store.dump(private=EVERYTHING) == before
    # while the atlas's own account reads them
    assert any(value in tiny_atlas.store.dump(private=EVERYTHING).decode() for value in PRIVATE_VALUES)
