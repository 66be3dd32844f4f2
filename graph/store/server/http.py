"""Talking HTTP to a SPARQL server: one session per thread, a cap on concurrent requests, credentials, and
sending a write again when the server rolled it back for colliding with another writer."""

from __future__ import annotations

import http.client
import random
import threading
import time
from collections.abc import Mapping
from typing import Any

import requests

from graph.settings import ServerAccess
from graph.store.interface import StoreError
from graph.store.server.answers import WriteConflict, refusal

MAX_CONNECTIONS = 8
"""Concurrent requests per process: Virtuoso answers garbage, not an error, beyond its ServerThreads."""
WRITE_ATTEMPTS = 5
"""Tries of a write the server rolls back for a deadlock before the store gives up."""


class ServerConnection:
    """The HTTP side of a server store; it knows requests and answers, not RDF."""

    def __init__(self, access: ServerAccess) -> None:
        self.access = access
        self._local = threading.local()
        self._connections = threading.BoundedSemaphore(MAX_CONNECTIONS)
        # Virtuoso echoes every dataset graph as a response header; http.client gives up after 100 headers.
        http.client._MAXHEADERS = max(http.client._MAXHEADERS, 100_000)  # type: ignore[attr-defined]

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            if self.access.user is not None:
                password = self.access.password or ""
                if self.access.auth == "digest":
                    session.auth = requests.auth.HTTPDigestAuth(self.access.user, password)
                else:
                    session.auth = (self.access.user, password)
            self._local.session = session
        return session

    def post(
        self,
        url: str,
        data: Mapping[str, Any] | bytes,
        accept: str | None = None,
        params: Mapping[str, str] | None = None,
        content_type: str | None = None,
        read_only: bool = False,
    ) -> requests.Response:
        """One request; a refusal or an unreachable server is raised as a StoreError saying which.

        A ``read_only`` request (a query) whose connection the server broke off before answering is sent once
        more on a new connection: a kept-alive connection the server had just closed looks like that (seen with
        Virtuoso under fifty concurrent readers), and asking again changes nothing. A write is never sent again
        here, because the server may have applied it."""
        headers = {"Accept": accept} if accept else {}
        if content_type:
            headers["Content-Type"] = content_type
        for attempt in (1, 2):
            try:
                with self._connections:
                    response = self._session().post(
                        url, data=data, params=params, headers=headers, timeout=self.access.timeout_s
                    )
                break
            except requests.RequestException as error:
                broken_off = isinstance(error, requests.ConnectionError) and not isinstance(error, requests.Timeout)
                if read_only and broken_off and attempt == 1:
                    self._local.session = None  # a new session: a new connection
                    continue
                raise StoreError(
                    f"De SPARQL-server {url} is niet bereikbaar / the SPARQL server cannot be reached: {error}"
                ) from error
        if response.status_code >= 400:
            raise refusal(response)
        return response

    def write(self, url: str, data: Mapping[str, Any] | bytes, **options: Any) -> None:
        """A request that changes data, sent again (up to WRITE_ATTEMPTS times) after a rolled-back collision."""
        # A server that breaks off a transaction for a deadlock has rolled it back, so sending it again is safe;
        # Virtuoso does so under concurrent writers once its own retries are used up.
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                self.post(url, data, **options)
                return
            except WriteConflict:
                if attempt == WRITE_ATTEMPTS:
                    raise
                time.sleep(random.uniform(0.05, 0.2) * 2**attempt)
