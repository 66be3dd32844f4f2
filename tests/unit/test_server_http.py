"""A query whose connection the server broke off is asked once more; a write never is (it may have been applied)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest

from graph.settings import ServerAccess
from graph.store.interface import StoreError
from graph.store.server.http import ServerConnection

ANSWER = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"


@pytest.fixture
def breaks_off_first() -> Iterator[tuple[str, list[int]]]:
    """A server on this machine that closes the first connection without an answer and answers the next ones."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    requests_seen: list[int] = []

    def serve() -> None:
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            with connection:
                connection.recv(65536)
                requests_seen.append(1)
                if len(requests_seen) > 1:
                    connection.sendall(ANSWER)

    threading.Thread(target=serve, daemon=True).start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/sparql", requests_seen
    listener.close()


def test_a_query_broken_off_before_its_answer_is_asked_again(breaks_off_first: tuple[str, list[int]]) -> None:
    """Regression: under fifty concurrent readers Virtuoso closed a kept-alive connection as it was reused, and a
    partner's submission failed on a read."""
    url, seen = breaks_off_first
    response = ServerConnection(ServerAccess(timeout_s=5)).post(url, {"query": "ASK {}"}, read_only=True)
    assert response.status_code == 200 and len(seen) == 2


def test_a_write_broken_off_is_not_sent_again(breaks_off_first: tuple[str, list[int]]) -> None:
    url, seen = breaks_off_first
    with pytest.raises(StoreError, match="cannot be reached"):
        ServerConnection(ServerAccess(timeout_s=5)).post(url, {"update": "INSERT DATA {}"})
    assert len(seen) == 1
