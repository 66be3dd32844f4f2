"""Serving the app: Streamlit's own server, with the atlas made ready while it starts.

``python -m ui.serve [streamlit options]`` is ``streamlit run app.py [options]`` plus one thing: while the
server starts, a thread opens the atlas the way every page does and reads what a visitor opens first. On the
embedded store the first read makes the process's in-memory copy of the public graphs (about 2 s at demo scale
1); the libraries the pages draw with are loaded, and the overview's figures and the national map and coverage
are read into the answers every page shares. The first visitor after a restart then waits for none of it. A
page that comes in before the thread is done waits for the same copy, it is never made twice.
"""

from __future__ import annotations

import importlib
import logging
import sys
import threading
import time

from graph.settings import REPO_ROOT, settings_from_environment
from graph.store.interface import StoreError

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


def make_ready() -> None:
    """Open the atlas and read its public data once; a failure is logged, the app then shows it on its page."""
    started = time.perf_counter()
    try:
        # The pages' read models and the libraries they draw with (pandas, pydeck, networkx) load here, not on
        # the first visit (0.3 s for the drawing components alone).
        for module in PAGE_MODULES:
            importlib.import_module(module)
        from graph.model.language import Lang
        from graph.model.viewer import ANONYMOUS
        from graph.store.labels import load_labels
        from graph.views.coverage_view import coverage_page
        from graph.views.examples_view import overview_page
        from graph.views.map_view import province_map
        from ui.context import atlas, read

        figures = atlas().rows("stats")
        # Whole-country answers may come saved from an earlier process; a question with a value bound (a
        # province chosen) needs the process's public copy, made here and not on that first choice.
        atlas().store.count()
        # What a visitor opens first (the overview, and the whole country on the map and the coverage page), in
        # the answers every page shares, kept per version of the data: read as the pages read them.
        names = read(load_labels, Lang.NL)
        read(overview_page, ANONYMOUS)
        read(province_map, ANONYMOUS, None, names)
        read(coverage_page, ANONYMOUS, None, names)
    except StoreError as error:  # the server runs on: every page reports a store it cannot read
        print(f"De atlas kon niet worden voorbereid / the atlas could not be made ready: {error}", file=sys.stderr)
        return
    except Exception:  # the same, for what nobody foresaw: the log keeps the traceback for the administrator
        log.exception("De atlas kon niet worden voorbereid / the atlas could not be made ready")
        return
    print(
        f"Atlas klaar in {time.perf_counter() - started:.1f} s ({len(figures.rows)} kerncijfers) / "
        f"atlas ready in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
        flush=True,
    )


def main(options: list[str]) -> None:
    from streamlit.web import cli

    try:  # settings the app could never work with stop the server before it starts, as they stop a command
        settings_from_environment()
    except ValueError as error:
        print(f"fout (error): {error}", file=sys.stderr)
        raise SystemExit(2) from None
    threading.Thread(target=make_ready, name="atlas-ready", daemon=True).start()
    sys.argv = ["streamlit", "run", str(APP), *options]
    cli.main()


if __name__ == "__main__":
    main(sys.argv[1:])
