"""Why a server refused a request, and what the store does about it: a rolled-back change is sent again."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from graph.intake.submissions import submissions, submit
from graph.model.viewer import COMMAND_LINE
from graph.settings import ServerAccess, Settings
from graph.store.atlas import Atlas
from graph.store.interface import QueryTooSlow, StoreError
from graph.store.server.answers import WriteConflict

from .conftest import EVERYTHING
from .test_submissions import new_pair_form

# What Virtuoso 7.2 answered a submission while other writers held the same rows (HTTP 500).
VIRTUOSO_DEADLOCK = "Virtuoso 40001 Error SR172: Transaction deadlocked\n\nSPARQL query:\nPREFIX pw: <https://w3id.org/passendwerk/def#>"


class Relay(ThreadingHTTPServer):
    """Passes every request on to a real server, except that the next ``deadlocks`` updates get the answer a
    server gives when it rolled a transaction back for a deadlock, which no test can cause on demand."""

    daemon_threads = True

    def __init__(self, target: str, access: ServerAccess) -> None:
        super().__init__(("127.0.0.1", 0), _RelayHandler)
        self.origin = urlsplit(target)._replace(path="", query="").geturl()
        self.base_path = urlsplit(target).path
        # The relay signs in for the atlas, so the atlas talks to it without credentials.
        self.auth = requests.auth.HTTPDigestAuth(access.user, access.password or "") if access.user else None
        self.deadlocks = 0
        self.updates_seen = 0
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{self.base_path}"  # the server's paths: its other URLs follow


class _RelayHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Relay

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if "update" in parse_qs(body.decode("utf-8")):
            with self.server.lock:
                self.server.updates_seen += 1
                refuse = self.server.deadlocks > 0
                self.server.deadlocks -= int(refuse)
            if refuse:
                return self._send(500, "text/plain", VIRTUOSO_DEADLOCK.encode("utf-8"))
        headers = {name: self.headers[name] for name in ("Content-Type", "Accept") if self.headers[name]}
        answer = requests.post(
            self.server.origin + self.path, data=body, headers=headers, timeout=120, auth=self.server.auth
        )
        self._send(answer.status_code, answer.headers.get("Content-Type", "text/plain"), answer.content)

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def relayed(tiny_atlas: Atlas) -> Iterator[tuple[Atlas, Relay]]:
    relay = Relay(tiny_atlas.settings.store, tiny_atlas.settings.server)
    thread = threading.Thread(target=relay.serve_forever, daemon=True)
    thread.start()
    try:
        yield Atlas.open(Settings(store=relay.url, reference=tiny_atlas.settings.reference)), relay
    finally:
        relay.shutdown()
        relay.server_close()


@pytest.mark.parametrize("backend", ["virtuoso"], indirect=True)
def test_a_change_rolled_back_for_a_deadlock_is_sent_again(relayed: tuple[Atlas, Relay]) -> None:
    """Regression: under fifty concurrent submissions Virtuoso answered one with "SR172: Transaction
    deadlocked" and that submission was lost; the store now sends a rolled-back change again."""
    atlas, relay = relayed
    relay.deadlocks = 2
    result = submit(atlas, new_pair_form(description="Na twee botsingen"))
    assert result.ok
    assert relay.deadlocks == 0
    stored = [row for row in submissions(atlas, viewer=COMMAND_LINE) if row["code"] == result.code]
    assert len(stored) == 1


@pytest.mark.parametrize("backend", ["virtuoso"], indirect=True)
def test_a_change_that_keeps_colliding_is_refused_plainly_and_writes_nothing(relayed: tuple[Atlas, Relay]) -> None:
    atlas, relay = relayed
    before = atlas.store.dump(private=EVERYTHING)
    relay.deadlocks = 1_000
    with pytest.raises(WriteConflict, match="niets opgeslagen") as refused:
        submit(atlas, new_pair_form())
    assert "nothing was stored" in str(refused.value)
    assert relay.updates_seen == 5  # a bounded number of tries, not a loop
    assert atlas.store.dump(private=EVERYTHING) == before


@pytest.mark.parametrize(
    ("status", "said", "kind", "words"),
    [
        (500, VIRTUOSO_DEADLOCK, WriteConflict, "tegelijk dezelfde gegevens"),
        (503, "40001 could not serialize access due to concurrent update", WriteConflict, "niets opgeslagen"),
        (500, "Virtuoso S1T00 Error SR171: Transaction timed out", QueryTooSlow, "stopte de vraag"),
        (400, "Parser error: unexpected end of input", StoreError, "HTTP 400"),
    ],
)
def test_refusals_are_told_apart_by_what_the_server_says(
    status: int, said: str, kind: type[StoreError], words: str
) -> None:
    from graph.store.server.answers import refusal

    response = requests.Response()
    response.status_code = status
    response._content = said.encode("utf-8")
    error = refusal(response)
    assert type(error) is kind and words in str(error)
