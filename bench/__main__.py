"""python -m bench [load|queries|visibility|graphs|suggest|app|servers|factsheet|all] [--scales 1,10]
[--no-rdflib] [--reuse] [--server-only] [--browser [--browsers N]] [--out FILE]"""

from __future__ import annotations

import argparse
from pathlib import Path

from . import app, app_browser, factsheet, graphs, load, queries, servers, suggest, visibility


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "which",
        nargs="?",
        default="all",
        choices=("load", "queries", "visibility", "graphs", "suggest", "app", "servers", "factsheet", "all"),
    )
    parser.add_argument("--scales", default="1,10", help="comma-separated demo scales")
    parser.add_argument("--no-rdflib", action="store_true", help="skip the rdflib baseline of the query benchmark")
    parser.add_argument("--out", help="also write the tables to this Markdown file")
    parser.add_argument(
        "--reuse", action="store_true", help="servers: time the reading on stores a previous run wrote completely"
    )
    parser.add_argument(
        "--server-only",
        action="store_true",
        help="servers: the Oxigraph server alone, each question's time at the smallest scale as the baseline",
    )
    parser.add_argument(
        "--browser", action="store_true", help="app: time the pages in headless Chromium instead of AppTest"
    )
    parser.add_argument(
        "--browsers",
        type=int,
        default=1,
        help="app --browser: time every page in this many new browsers and give the median",
    )
    args = parser.parse_args()
    scales = [float(part) for part in args.scales.split(",")]
    parts = []
    if args.which in ("load", "all"):
        parts.append(load.run(scales))
        print(parts[-1], flush=True)
    if args.which in ("queries", "all"):
        parts.append(queries.run(scales, with_rdflib=not args.no_rdflib))
        print(parts[-1], flush=True)
    if args.which in ("visibility", "all"):
        parts.append(visibility.run(scales))
        print(parts[-1], flush=True)
    if args.which in ("graphs", "all"):
        parts.append(graphs.run(scales))
        print(parts[-1], flush=True)
    if args.which in ("suggest", "all"):
        parts.append(suggest.run(scales))
        print(parts[-1], flush=True)
    if args.which in ("app", "all"):
        parts.append(app_browser.run(scales, args.browsers) if args.browser else app.run(scales))
        print(parts[-1], flush=True)
    if args.which in ("servers", "all"):
        parts.append(servers.run(scales, reuse=args.reuse, server_only=args.server_only))
        print(parts[-1], flush=True)
    if args.which in ("factsheet", "all"):
        parts.append(factsheet.run(scales))
        print(parts[-1], flush=True)
    if args.out:
        Path(args.out).write_text("\n".join(parts), encoding="utf-8")


if __name__ == "__main__":
    main()
