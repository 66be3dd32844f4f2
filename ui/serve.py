"""Serving the app: Streamlit's own server, with the atlas made ready while it starts.

``python -m ui.serve [streamlit options]`` is ``streamlit run app.py [options]`` plus a thread beside it. While the
server starts, the thread opens the atlas the way every page does and reads what a visitor opens first. On the
embedded store the first read makes the process's in-memory copy of the public graphs (about 2 s at demo scale
1); the libraries the pages draw with are loaded, and the overview's figures and the national map and coverage
are read into the answers every page shares. The first visitor after a restart then waits for none of it. A
page that comes in before the thread is done waits for the same copy, it is never made twice.

The thread then follows the store: after a write by any process (an approval in another replica, an import on
the command line) it reads the same again, and asks every named question of the whole country once, so that
the next visitor, and on the embedded store every other process, finds them answered (saved beside the store)
instead of waiting for the engine: the listings of every site or collaboration take 0.2–0.3 s at demo scale 1.
As soon as it sees a write it drops the answers the pages of this process share, which belong to the version
before it and may hold what the write removed (a contact person erased).
"""

from __future__ import annotations

import importlib
import logging
import sys
import threading
import time

from graph.settings import REPO_ROOT, settings_from_environment
from graph.store.interface import StoreError
from graph.store.opening import is_missing_folder

#: How often the server looks whether the store was written: reading a small file (the embedded store) or
#: asking one small question (a server), so a write is answered in the background within seconds.
FOLLOW_EVERY_SECONDS = 2.0

APP = REPO_ROOT / "app.py"
log = logging.getLogger("passendwerk.serve")
PAGE_MODULES = (
    "ui.components",
    "ui.map_layers",
    "ui.small_maps",
    "graph.views.examples_view",
    "graph.views.map_view",
    "graph.views.coverage_view",
    "graph.views.network_view",
    "graph.views.organisation_page",
    "graph.views.question_form",
    "graph.views.submit_form",
)


def read_first_pages() -> int:
    """Read what a visitor opens first into the answers every page shares; the number of key figures."""
    from graph.model.language import Lang
    from graph.model.viewer import ANONYMOUS
    from graph.store.labels import load_labels
    from graph.views.coverage_view import coverage_page
    from graph.views.examples_view import overview_page
    from graph.views.map_view import province_map
    from ui.context import atlas, read

    figures = atlas().rows("stats")
    # Whole-country answers may come saved from an earlier process; a question with a value bound (a
    # province chosen) needs the process's public copy, made (or brought up to date) here and not on that choice.
    atlas().store.count()
    # What a visitor opens first (the overview, and the whole country on the map and the coverage page), in
    # the answers every page shares, kept per version of the data: read as the pages read them.
    names = read(load_labels, Lang.NL)
    read(overview_page, ANONYMOUS)
    read(province_map, ANONYMOUS, None, names)
    read(coverage_page, ANONYMOUS, None, names)
    return len(figures.rows)


def ask_every_question() -> None:
    """Every named question of the whole country, asked once of the public data: on the embedded store each
    answer is then saved for this version of the data, for every process (see graph/store/saved_answers.py).
    The internal questions without values are asked too: suggestions, exports and imports start from them (a
    cold `suggest` took 1.25 s instead of 0.7 s when they were not saved)."""
    from ui.context import atlas

    catalogue = atlas().questions
    for name in catalogue.names(include_internal=True):
        question = catalogue.get(name)
        if not question.internal or not question.parameters:
            atlas().rows(name)


def make_ready() -> str | None:
    """Open the atlas and read its public data once; the version of the data read, or None after a failure, which
    is logged (the app then shows it on its page)."""
    from ui.context import atlas

    started = time.perf_counter()
    try:
        generation = atlas().store.generation()
        # The pages' read models and the libraries they draw with (pandas, pydeck, networkx) load here, not on
        # the first visit (0.3 s for the drawing components alone).
        for module in PAGE_MODULES:
            importlib.import_module(module)
        figures = read_first_pages()
    except StoreError as error:  # the server runs on: every page reports a store it cannot read
        print(f"De atlas kon niet worden voorbereid / the atlas could not be made ready: {error}", file=sys.stderr)
        return None
    except Exception:  # the same, for what nobody foresaw: the log keeps the traceback for the administrator
        log.exception("De atlas kon niet worden voorbereid / the atlas could not be made ready")
        return None
    print(
        f"Atlas klaar in {time.perf_counter() - started:.1f} s ({figures} kerncijfers) / "
        f"atlas ready in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
        flush=True,
    )
    return generation


def follow_writes(seen: str, stop: threading.Event, every: float = FOLLOW_EVERY_SECONDS) -> None:
    """After each write by any process (the store's version is no longer ``seen``), read the first pages again
    and ask every named question, in the background; a failure is logged once and tried again at the next look.

    The store must have stood still for one look first: a run of writes (a coordinator approving one submission
    after another, a write under way) is followed once, when it is over, instead of competing with the pages
    that the coordinator opens meanwhile."""
    from ui.context import atlas, forget_older_answers

    reported = ""  # the failure last logged: one that lasts is not logged every two seconds
    last_look = seen
    while not stop.wait(every):
        try:
            if is_missing_folder(atlas().store.location):
                # Reading would make an empty store in its place (as a first read does): gone is reported.
                raise StoreError(f"de opslag {atlas().store.location} is er niet meer / the store is gone")
            current, still = atlas().store.generation(), last_look
            last_look = current
            if current != still:  # at once, not when the store stands still: an erasure leaves nothing behind
                forget_older_answers()
            if current != seen and current == still:
                started = time.perf_counter()
                # Once more: a page that was reading when the write came may have kept its answer since.
                forget_older_answers()
                read_first_pages()
                ask_every_question()
                seen = current
                print(
                    f"Atlas bijgewerkt na een schrijfactie in {time.perf_counter() - started:.1f} s / "
                    f"atlas brought up to date after a write in {time.perf_counter() - started:.1f} s",
                    file=sys.stderr,
                    flush=True,
                )
            reported = ""
        except StoreError as error:
            if str(error) != reported:
                print(f"De atlas kon niet worden bijgewerkt / the atlas could not be brought up to date: {error}",
                      file=sys.stderr, flush=True)  # fmt: skip
            reported = str(error)
        except Exception as error:
            if repr(error) != reported:
                log.exception("De atlas kon niet worden bijgewerkt / the atlas could not be brought up to date")
            reported = repr(error)


def prepare_and_follow(stop: threading.Event) -> None:
    """Make the atlas ready, then follow its writes (a store that could not be read is not followed: every page
    reports it, and a restart after the repair reads it anew)."""
    generation = make_ready()
    if generation is not None:
        follow_writes(generation, stop)


def main(options: list[str]) -> None:
    from streamlit.web import cli

    try:  # settings the app could never work with stop the server before it starts, as they stop a command
        settings_from_environment()
    except ValueError as error:
        print(f"fout (error): {error}", file=sys.stderr)
        raise SystemExit(2) from None
    stop = threading.Event()  # never set while the server runs: the thread ends with the process
    threading.Thread(target=prepare_and_follow, args=(stop,), name="atlas-ready", daemon=True).start()
    sys.argv = ["streamlit", "run", str(APP), *options]
    cli.main()


if __name__ == "__main__":
    main(sys.argv[1:])
