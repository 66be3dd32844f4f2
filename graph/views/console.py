"""The free SPARQL console: read-only, public data only, bounded in time and size, no outgoing requests.

A question is checked on its parse before anything runs (see :mod:`graph.store.sparql_policy`): only SELECT, ASK,
CONSTRUCT and DESCRIBE, only SPARQL 1.1 functions, no dataset clause, no SERVICE, no engine extensions. It
then runs in a worker process (see :mod:`graph.views.console_workers`) on the public data only, so contacts without
consent cannot be read through it, and stops after the time limit and the row or triple limit.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import pandas as pd
from rdflib import Graph

from graph.model.language import Message
from graph.model.viewer import ANONYMOUS, Viewer
from graph.model.vocab import bind_prefixes
from graph.store.atlas import Atlas
from graph.store.interface import AtlasStore
from graph.store.sparql_policy import ConsoleError, check_query
from graph.views.console_workers import ConsoleBusy, WorkerFailed, pool_for

__all__ = ["ConsoleError", "ConsoleResult", "check_read_only", "run_console"]

log = logging.getLogger("passendwerk.console")
UNAVAILABLE = Message(
    "De console kan de gegevens nu niet lezen. Probeer het later opnieuw; blijft dit zo, meld het dan aan de "
    "beheerder.",
    "The console cannot read the data right now. Try again later; if this persists, tell the administrator.",
)
REFUSED = Message(
    "De opslag kon deze vraag niet uitvoeren. Controleer de vraag, of maak haar eenvoudiger.",
    "The store could not run this question. Check the question, or make it simpler.",
)


@dataclass
class ConsoleResult:
    form: str  # SELECT | ASK | CONSTRUCT | DESCRIBE
    table: pd.DataFrame | None = None
    boolean: bool | None = None
    graph: Graph | None = None
    truncated: bool = False
    seconds: float = 0.0
    warnings: tuple[Message, ...] = ()  # said above the answer: a pattern the engine cannot read, say


def check_read_only(query: str) -> str:
    """The query form when the console may run the question; raises :class:`ConsoleError` otherwise."""
    return check_query(query).form


def run_console(
    store: AtlasStore,
    query: str,
    *,
    timeout_s: float = 10.0,
    max_rows: int = 10_000,
    viewer: Viewer = ANONYMOUS,
) -> ConsoleResult:
    """Answer a free question on the public data, or raise :class:`ConsoleError` with a clear message.

    ``max_rows`` caps a SELECT's rows and a CONSTRUCT's or DESCRIBE's triples; ``timeout_s`` runs from the call.
    What the store or engine said when it failed goes to the log, and into the message only for a ``viewer`` who
    may see it: it can name the store's folder or the server's address.
    """
    checked = check_query(query)
    pool = pool_for(store.location, store.access)
    try:
        answer, seconds = pool.answer(checked.text, checked.form, max_rows, timeout_s, checked.prefixes)
    except ConsoleBusy:
        raise ConsoleError(
            Message(
                f"De console is bezet met andere vragen; probeer het over {timeout_s:g} s opnieuw.",
                f"The console is busy with other questions; try again in {timeout_s:g} s.",
            ),
        ) from None
    except TimeoutError:
        answer, seconds = {"too_slow": True}, timeout_s
    except WorkerFailed as error:
        raise ConsoleError(_failure(error.message, error.detail, viewer)) from error
    if answer.get("too_slow"):
        raise ConsoleError(
            Message(
                f"De vraag duurde langer dan {timeout_s:g} s en is afgebroken; maak haar specifieker.",
                f"The query took longer than {timeout_s:g} s and was stopped; make it more specific.",
            ),
        )
    if "unavailable" in answer:
        raise ConsoleError(_failure(UNAVAILABLE, str(answer["unavailable"]), viewer))
    if "error" in answer:
        raise ConsoleError(_failure(REFUSED, str(answer["error"]), viewer))
    result = ConsoleResult(
        checked.form, truncated=bool(answer.get("truncated")), seconds=seconds, warnings=checked.warnings
    )
    if checked.form == "SELECT":
        result.table = pd.DataFrame(answer["rows"], columns=answer["columns"])
    elif checked.form == "ASK":
        result.boolean = bool(answer["boolean"])
    else:
        result.graph = Graph().parse(data=answer["ntriples"], format="nt")
        bind_prefixes(result.graph)
    return result


def _failure(message: Message, detail: str, viewer: Viewer) -> Message:
    log.warning("console: %s", detail)
    if not viewer.sees_store_details:
        return message
    return Message(f"{message.nl} Melding van de opslag: {detail}", f"{message.en} The store said: {detail}")


def console_example(atlas: Atlas) -> str:
    """The question the console opens with (``queries/internal/console-example.rq``), as a reader would type it:
    without the file's header comments."""
    body = atlas.questions.get("internal/console-example").body
    return "\n".join(line for line in body.splitlines() if not line.startswith("#")).strip()


def console_answer(atlas: Atlas, query: str, viewer: Viewer) -> ConsoleResult:
    """The console's answer on this atlas's public data, within its settings' time and row limits."""
    return run_console(
        atlas.store,
        query,
        timeout_s=atlas.settings.query_timeout_s,
        max_rows=atlas.settings.row_limit,
        viewer=viewer,
    )
