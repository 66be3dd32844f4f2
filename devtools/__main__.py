"""Development commands: ``python -m devtools demo --scale 1 [--load]`` writes generated demo data.

The demo data is not part of the product: it is generated, every name ends in "(demo)", and it is loaded with
the product's own ``import`` command, so it goes through every check a real file goes through.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from devtools.demo import write_demo
from graph.cli.main import main as atlas_command
from graph.settings import settings_from_environment


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m devtools", description="Ontwikkelhulp (development tooling).")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    demo = commands.add_parser(
        "demo", help="demogegevens op landelijke schaal maken (generate national-scale demo data)"
    )
    demo.add_argument("--scale", type=float, default=1.0)
    demo.add_argument("--seed", type=int, default=2026)
    demo.add_argument("--out", default="var/demo")
    demo.add_argument("--load", action="store_true", help="ook importeren (also import)")
    demo.add_argument("--store", help="map of SPARQL-endpoint (folder or endpoint); default $PASSENDWERK_STORE")
    demo.add_argument("--reference", help="map met referentiegegevens (reference folder)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = settings_from_environment(args.store, args.reference)
    out = Path(args.out)
    counts = write_demo(out, args.scale, args.seed, settings.reference)
    print(f"demo-gegevens (demo data) in {out}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    if not args.load:
        return 0
    store_options = ["--store", args.store] if args.store else []
    reference_options = ["--reference", args.reference] if args.reference else []
    return atlas_command([*store_options, *reference_options, "import", str(out), "--agent", "demo"])


if __name__ == "__main__":
    sys.exit(main())
