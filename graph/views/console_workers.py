"""The console's worker processes: a small pool per store, so that one slow question does not hold up another.

Each worker is a process with its own public copy of the store; a question that takes too long is stopped for
real by killing its worker. The time limit runs from the user's request: waiting for a free worker counts,
starting a worker (importing the libraries, reading the store) does not, because that is the atlas's cost and
not the question's.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
import time
import types
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from rdflib import Graph

from graph.model.language import Message
from graph.store.interface import AtlasStore, QueryTooSlow, StoreError
from graph.store.opening import open_store

POOL_SIZE = 3
"""Workers per store at most: each embedded worker holds the public data in memory, so the pool stays small."""
START_LIMIT_S = 120.0
"""How long a worker may take to start and read the store before the console gives up."""


class ConsoleBusy(TimeoutError):
    """Every worker stayed busy for the whole time limit."""


class WorkerFailed(RuntimeError):
    """A worker could not start or stopped: ``message`` is for the reader, ``detail`` for the log."""

    def __init__(self, message: Message, detail: str) -> None:
        super().__init__(detail)
        self.message = message
        self.detail = detail


NOT_STARTED = Message(
    "De console kon niet starten. Probeer het later opnieuw; blijft dit zo, meld het dan aan de beheerder.",
    "The console could not start. Try again later; if this persists, tell the administrator.",
)
STOPPED = Message(
    "De console stopte tijdens het antwoord. Stel de vraag opnieuw.",
    "The console stopped while answering. Ask the question again.",
)


class _Worker:
    """One process that answers console questions from its own public copy of a store."""

    def __init__(self, location: str, access: Any) -> None:
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(location, access, child), daemon=True)
        with _without_main_script():
            self._process.start()
        child.close()
        self._connection = parent
        if not self._connection.poll(START_LIMIT_S):
            self.stop()
            raise WorkerFailed(NOT_STARTED, f"the console's worker did not start within {START_LIMIT_S:g} s")
        ready: dict[str, Any] = self._connection.recv()
        if "unavailable" in ready:
            self.stop()
            raise WorkerFailed(NOT_STARTED, str(ready["unavailable"]))

    def alive(self) -> bool:
        return bool(self._process.is_alive())

    def ask(self, request: tuple[str, str, int, dict[str, str]], seconds: float) -> dict[str, Any]:
        try:
            self._connection.send(request)
            answered = self._connection.poll(max(seconds, 0.0))
            answer: dict[str, Any] = self._connection.recv() if answered else {}
        except (EOFError, OSError) as error:  # the worker died (out of memory, killed)
            raise WorkerFailed(STOPPED, f"the console's worker stopped: {error!r}") from error
        if not answered:
            raise TimeoutError
        return answer

    def stop(self) -> None:
        self._process.kill()
        self._process.join(timeout=5)


_STARTING = threading.Lock()


@contextmanager
def _without_main_script() -> Iterator[None]:
    """A new worker is started without the parent's ``__main__`` file.

    A spawned process first runs the file of its parent's ``__main__`` module. In the app, that is the page
    script being run (Streamlit installs it as ``__main__``), so each new worker drew the *Vragen* page, bare,
    before it answered a question: a second's work, and dozens of "missing ScriptRunContext" warnings in the
    server's log. The worker needs nothing of it: it imports what it uses by name."""
    with _STARTING:
        main = sys.modules["__main__"]
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            yield
        finally:
            sys.modules["__main__"] = main


class WorkerPool:
    """Up to ``size`` workers for one store; a question takes an idle one, or starts one while under the cap."""

    def __init__(self, location: str, access: Any, size: int | None = None) -> None:
        self.location = location
        self.access = access
        self.size = size or POOL_SIZE
        self._idle: list[_Worker] = []
        self._running = 0
        self._changed = threading.Condition()

    def answer(
        self, query: str, form: str, max_rows: int, timeout_s: float, prefixes: dict[str, str] | None = None
    ) -> tuple[dict[str, Any], float]:
        """The worker's answer and the seconds it counted against the limit; TimeoutError when time ran out."""
        requested = time.monotonic()
        worker, start_up = self._take(requested + timeout_s)
        counted = time.monotonic() - requested - start_up
        try:
            answer = worker.ask((query, form, max_rows, prefixes or {}), timeout_s - counted)
        except BaseException:
            # A stopped question leaves its worker busy (or broken): kill it, a fresh one takes its place.
            self._discard(worker)
            raise
        self._give_back(worker)
        return answer, time.monotonic() - requested - start_up

    def _take(self, deadline: float) -> tuple[_Worker, float]:
        with self._changed:
            while True:
                while self._idle:
                    worker = self._idle.pop()
                    if worker.alive():
                        return worker, 0.0
                    self._running -= 1
                if self._running < self.size:
                    self._running += 1
                    break
                if not self._changed.wait(timeout=max(deadline - time.monotonic(), 0.0)):
                    raise ConsoleBusy
        started = time.monotonic()
        try:
            worker = _Worker(self.location, self.access)
        except BaseException:
            with self._changed:
                self._running -= 1
                self._changed.notify()
            raise
        return worker, time.monotonic() - started

    def _give_back(self, worker: _Worker) -> None:
        with self._changed:
            self._idle.append(worker)
            self._changed.notify()

    def _discard(self, worker: _Worker) -> None:
        worker.stop()
        with self._changed:
            self._running -= 1
            self._changed.notify()

    def stop(self) -> None:
        """Stop the idle workers (busy ones stop when their question ends or times out)."""
        with self._changed:
            idle, self._idle = self._idle, []
            self._running -= len(idle)
        for worker in idle:
            worker.stop()


_POOLS: dict[tuple[str, Any], WorkerPool] = {}
_POOLS_LOCK = threading.Lock()


def pool_for(location: str, access: Any) -> WorkerPool:
    with _POOLS_LOCK:
        key = (location, access)
        if key not in _POOLS:
            _POOLS[key] = WorkerPool(location, access)
        return _POOLS[key]


def stop_all_workers() -> None:
    """Stop every idle worker of this process (a fresh start, as after a restart)."""
    with _POOLS_LOCK:
        pools = list(_POOLS.values())
    for pool in pools:
        pool.stop()


def _serve(location: str, access: Any, connection: Any) -> None:
    """The worker's loop: answer each question from the public data, which follows committed writes."""
    try:
        store = open_store(location, access)
    except Exception as error:  # a store that cannot be opened is a message for the user, not a traceback
        connection.send({"unavailable": str(error)})
        return
    connection.send({"ready": True})
    while True:
        try:
            query, form, max_rows, prefixes = connection.recv()
        except EOFError:
            return
        try:
            connection.send(_answer(store, query, form, max_rows, prefixes))
        except QueryTooSlow:
            connection.send({"too_slow": True})
        except (StoreError, OSError) as error:  # the store failed, not the question (a server out of reach)
            connection.send({"unavailable": str(error)})
        except Exception as error:  # the engine refused the question: a message for the user, not a traceback
            connection.send({"error": str(error)})


def _answer(store: AtlasStore, query: str, form: str, max_rows: int, prefixes: dict[str, str]) -> dict[str, Any]:
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
    graph = store.construct(query, max_triples=max_rows + 1, prefixes=prefixes)
    triples = list(graph)
    kept = graph if len(triples) <= max_rows else _first(triples, max_rows)
    return {"ntriples": kept.serialize(format="nt"), "truncated": len(triples) > max_rows}


def _first(triples: list[Any], count: int) -> Graph:
    graph = Graph()
    for triple in triples[:count]:
        graph.add(triple)
    return graph
