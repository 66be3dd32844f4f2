"""Reading a SPARQL server's answers, and telling a broken-off answer from a wrong one, and why a request failed.

A server that streams its answer has already sent "200 OK" when its time limit stops the query; Oxigraph
server then ends the body with a sentence ("The SPARQL operation has been cancelled") instead of the rest of
the JSON or N-Triples. Such an answer is reported as the query being too slow, never as a parse error.
"""

from __future__ import annotations

import re

import pyoxigraph as ox
import requests

from graph.store.interface import QueryTooSlow, StoreError

RESULTS_JSON = "application/sparql-results+json"
NTRIPLES = "application/n-triples"

# How Virtuoso ("estimated execution time … exceeds the limit", "timeout"), Oxigraph ("cancelled") and others
# say that a query took too long.
TIME_LIMIT = re.compile(r"time-?out|timed out|exceeds the limit|cancell?ed", re.IGNORECASE)
# SQLSTATE 40001 (serialization failure) is how Virtuoso ("SR172: Transaction deadlocked") and SQL-backed
# stores say that a transaction collided with another one and was rolled back.
WRITE_CONFLICT = re.compile(r"\b40001\b|deadlock", re.IGNORECASE)


class WriteConflict(StoreError):
    """The server rolled a change back because another writer held the same data; nothing was written."""


def refusal(response: requests.Response) -> StoreError:
    """The error for a request the server refused (HTTP 4xx/5xx), by what the server says the reason is."""
    reason = response.text[:500]
    if TIME_LIMIT.search(reason[:300]):
        return QueryTooSlow(f"De SPARQL-server stopte de vraag / the SPARQL server stopped the query: {reason[:300]}")
    if WRITE_CONFLICT.search(reason):
        return WriteConflict(
            "De SPARQL-server brak de wijziging af omdat anderen tegelijk dezelfde gegevens wijzigden; er is niets "
            "opgeslagen, probeer het opnieuw / the SPARQL server rolled the change back because others were "
            f"changing the same data; nothing was stored, try again: {reason[:200]}"
        )
    return StoreError(
        f"De SPARQL-server weigerde het verzoek / the SPARQL server refused the request "
        f"(HTTP {response.status_code}): {reason}"
    )


def answer(response: requests.Response) -> tuple[list[str], list[ox.QuerySolution]] | bool:
    """A SELECT's columns and solutions (read to the end), or an ASK's answer, from a SPARQL JSON results body."""
    try:
        result = ox.parse_query_results(response.content, ox.QueryResultsFormat.JSON)
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        # solutions are read lazily: a broken-off body fails while they are read, not before
        return [variable.value for variable in result.variables], list(result)
    except SyntaxError as error:
        raise _broken_off(response, error) from error


def solutions(response: requests.Response) -> list[ox.QuerySolution]:
    result = answer(response)
    if isinstance(result, bool):
        raise StoreError("de server gaf geen tabel terug / the server did not answer with a table")
    return result[1]


def answer_triples(response: requests.Response) -> list[ox.Triple]:
    try:
        return list(ox.parse(response.content, ox.RdfFormat.N_TRIPLES))
    except SyntaxError as error:
        raise _broken_off(response, error) from error


def _broken_off(response: requests.Response, error: SyntaxError) -> StoreError:
    ending = response.content[-300:].decode("utf-8", errors="replace")
    if TIME_LIMIT.search(ending):
        return QueryTooSlow(
            "De SPARQL-server stopte de vraag halverwege het antwoord / the SPARQL server stopped the query "
            f"while answering: {ending.strip()[-120:]}"
        )
    return StoreError(
        f"Het antwoord van de SPARQL-server is onleesbaar / the SPARQL server's answer is unreadable: {error}"
    )
