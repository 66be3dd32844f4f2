"""The free SPARQL console: read-only, public data only, bounded in time and rows, no outgoing requests.

A question is parsed before it runs. Only SELECT, ASK, CONSTRUCT and DESCRIBE are accepted; an update
(INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ...) and any SERVICE clause are refused. It runs on the public
read copy, which holds no private data, so contacts without consent cannot be read through it.
"""

from __future__ import annotations

import multiprocessing
import re
import threading
import time
from dataclasses import dataclass
from typing import Any

import pandas as pd
from pyparsing import ParseException
from rdflib import Graph
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

from .sparql_text import chooses_own_dataset, without_strings_and_comments
from .store import AtlasStore, QueryTooSlow, open_store
from .vocab import PREFIXES, bind_prefixes

UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY")


class ConsoleError(ValueError):
    """A question the console will not or cannot answer; the message says why in Dutch and English."""

    def __init__(self, message_nl: str, message_en: str) -> None:
        super().__init__(f"{message_nl} ({message_en})")
        self.message_nl = message_nl
        self.message_en = message_en

    def message(self, lang: str) -> str:
        return self.message_en if lang == "en" else self.message_nl


@dataclass
class ConsoleResult:
    form: str  # SELECT | ASK | CONSTRUCT | DESCRIBE
    table: pd.DataFrame | None = None
    boolean: bool | None = None
    graph: Graph | None = None
    truncated: bool = False
    seconds: float = 0.0


def check_read_only(query: str) -> str:
    """The query form when the text is a read-only query without SERVICE; raises :class:`ConsoleError` otherwise."""
    if not query.strip():
        raise ConsoleError("De vraag is leeg", "The query is empty")
    try:
        parsed = parseQuery(query)
    except ParseException as error:
        if _is_update(query):
            raise ConsoleError(
                "Alleen lezen: wijzigingen (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE …) zijn hier niet toegestaan",
                "Read-only: updates (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE …) are not allowed here",
            ) from error
        raise ConsoleError(
            f"Syntaxfout op regel {error.lineno}, kolom {error.col}: {error.msg}",
            f"Syntax error at line {error.lineno}, column {error.col}: {error.msg}",
        ) from error
    try:
        algebra = translateQuery(parsed, initNs=PREFIXES).algebra
    except Exception as error:  # rdflib raises plain Exceptions for unknown prefixes and the like
        raise ConsoleError(f"Ongeldige vraag: {error}", f"Invalid query: {error}") from error
    if _uses_service(algebra) or re.search(r"\bSERVICE\b", without_strings_and_comments(query), re.IGNORECASE):
        raise ConsoleError(
            "SERVICE is niet toegestaan: de console doet geen verzoeken naar buiten",
            "SERVICE is not allowed: the console makes no outgoing requests",
        )
    if chooses_own_dataset(query):
        raise ConsoleError(
            "FROM en FROM NAMED zijn niet toegestaan: de console vraagt altijd alle openbare gegevens",
            "FROM and FROM NAMED are not allowed: the console always asks all public data",
        )
    return {
        "SelectQuery": "SELECT",
        "AskQuery": "ASK",
        "ConstructQuery": "CONSTRUCT",
        "DescribeQuery": "DESCRIBE",
    }[algebra.name]


def _is_update(query: str) -> bool:
    try:
        parseUpdate(query)
        return True
    except ParseException:
        text = without_strings_and_comments(query).upper()
        return any(re.search(rf"\b{keyword}\b", text) for keyword in UPDATE_KEYWORDS)


def _uses_service(node: Any) -> bool:
    if isinstance(node, dict):
        if getattr(node, "name", "") == "ServiceGraphPattern":
            return True
        return any(_uses_service(value) for value in node.values())
    if isinstance(node, list | tuple):
        return any(_uses_service(value) for value in node)
    return False


def run_console(store: AtlasStore, query: str, *, timeout_s: float = 10.0, max_rows: int = 10_000) -> ConsoleResult:
    """Answer a free question on the public data, or raise :class:`ConsoleError` with a clear message.

    The question runs in a worker process with its own public copy, so that a question that takes too long
    can be stopped for real (the worker is killed and a fresh one starts for the next question).
    """
    form = check_read_only(query)
    started = time.monotonic()
    worker = _worker_for(store.location, getattr(store, "access", None))
    try:
        answer = worker.ask(query, form, max_rows, timeout_s)
    except TimeoutError:
        answer = {"too_slow": True}
    if answer.get("too_slow"):
        raise ConsoleError(
            f"De vraag duurde langer dan {timeout_s:g} s en is afgebroken; maak haar specifieker",
            f"The query took longer than {timeout_s:g} s and was stopped; make it more specific",
        )
    if "error" in answer:
        raise ConsoleError(
            f"De vraag kon niet worden uitgevoerd: {answer['error']}", f"The query failed: {answer['error']}"
        )
    result = ConsoleResult(form, truncated=bool(answer.get("truncated")))
    if form == "SELECT":
        result.table = pd.DataFrame(answer["rows"], columns=answer["columns"])
    elif form == "ASK":
        result.boolean = bool(answer["boolean"])
    else:
        result.graph = Graph().parse(data=answer["ntriples"], format="nt")
        bind_prefixes(result.graph)
    result.seconds = time.monotonic() - started
    return result


class _Worker:
    """One process that answers console questions from its own public copy of a store."""

    def __init__(self, location: str, access: Any) -> None:
        self.location = location
        self.access = access
        self._lock = threading.Lock()
        self._process: Any = None
        self._connection: Any = None

    def _start(self) -> None:
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(self.location, self.access, child), daemon=True)
        self._process.start()
        child.close()
        self._connection = parent

    def stop(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.join(timeout=5)
        self._process = self._connection = None

    def ask(self, query: str, form: str, max_rows: int, timeout_s: float) -> dict[str, Any]:
        with self._lock:
            if self._process is None or not self._process.is_alive():
                self._start()
            self._connection.send((query, form, max_rows))
            # The first question also waits for the worker to start and read the store.
            if not self._connection.poll(timeout_s + (20.0 if self._fresh() else 0.0)):
                self.stop()
                raise TimeoutError
            answer: dict[str, Any] = self._connection.recv()
            self._started_once = True
            return answer

    def _fresh(self) -> bool:
        return not getattr(self, "_started_once", False)


_WORKERS: dict[str, _Worker] = {}
_WORKERS_LOCK = threading.Lock()


def _worker_for(location: str, access: Any) -> _Worker:
    with _WORKERS_LOCK:
        if location not in _WORKERS:
            _WORKERS[location] = _Worker(location, access)
        return _WORKERS[location]


def _serve(location: str, access: Any, connection: Any) -> None:
    """The worker's loop: answer each question from the public data, which follows committed writes."""
    store = open_store(location, access)
    while True:
        try:
            query, form, max_rows = connection.recv()
        except EOFError:
            return
        try:
            connection.send(_answer(store, query, form, max_rows))
        except QueryTooSlow:
            connection.send({"too_slow": True})
        except Exception as error:  # every engine error becomes a message for the user
            connection.send({"error": str(error)})


def offered_prefixes(query: str) -> dict[str, str]:
    """The atlas's common prefixes that the console offers, except those the query declares itself.

    Only the console offers them, as a convenience for typing; the query files declare their own, so that
    what the *Vragen* page shows runs unchanged on any SPARQL endpoint."""
    declared = set(re.findall(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", without_strings_and_comments(query), re.IGNORECASE))
    return {prefix: namespace for prefix, namespace in PREFIXES.items() if prefix not in declared}


def _answer(store: AtlasStore, query: str, form: str, max_rows: int) -> dict[str, Any]:
    prefixes = offered_prefixes(query)
    if form == "SELECT":
        table = store.select(query, max_rows=max_rows + 1, prefixes=prefixes)
        shown = table.head(max_rows).astype(object)
        return {
            "columns": list(table.columns),
            "rows": shown.where(shown.notna(), None).values.tolist(),
            "truncated": len(table) > max_rows,
        }
    if form == "ASK":
        return {"boolean": store.ask(query, prefixes=prefixes)}
    graph = store.construct(query, prefixes=prefixes)
    return {"ntriples": graph.serialize(format="nt")}
