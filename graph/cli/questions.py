"""Command line, part two: asking questions of the graph (named queries, free SPARQL)."""

from __future__ import annotations

import argparse
import sys

from graph.cli.output import Command, UsageError, add_lang_option, output_language, print_frame
from graph.model.enums import FollowUpState
from graph.model.viewer import COMMAND_LINE, Viewer
from graph.settings import PublicReads
from graph.store.atlas import Atlas


def cmd_query(atlas: Atlas, args: argparse.Namespace) -> int:
    if args.list or not args.name:
        import pandas as pd

        rows = [
            {
                "name": query.name,
                "title": query.title(output_language(args)),
                "parameters": " ".join(f"{p.name}={p.default or ''}" for p in query.parameters),
            }
            for query in atlas.questions.public()
        ]
        print_frame(pd.DataFrame(rows), args.format)
        return 0
    values = {}
    for item in args.param or []:
        name, separator, value = item.partition("=")
        if not separator:
            raise UsageError(f"--param {item!r}: gebruik naam=waarde (use name=value)")
        name = name.strip().lstrip("?")
        if name in values:
            raise UsageError(f"--param {name} staat er twee keer (is given twice): geef elke parameter één keer")
        values[name] = value
    _refuse_unknown_areas(atlas, args.name, values)
    print_frame(atlas.answer(args.name, values), args.format)
    return 0


AREA_WORDS = {"province": ("provincie", "province"), "municipality": ("gemeente", "municipality")}


def _known_areas(atlas: Atlas) -> dict[tuple[str, str], str]:
    """The atlas's provinces and municipalities, (level, code) → name, as the question `areas` lists them."""
    areas = atlas.rows("areas")
    code_at, level_at, name_at = (areas.columns.index(column) for column in ("code", "level", "name"))
    return {(str(row[level_at]), str(row[code_at])): str(row[name_at]) for row in areas.rows}


def _refuse_unknown_areas(atlas: Atlas, name: str, values: dict[str, str]) -> None:
    """A province or municipality the atlas does not know is refused, as `suggest` refuses it: a well-formed code
    such as PV99 would otherwise give an empty answer that reads as "none here"."""
    asked = [
        (parameter, values[parameter.name])
        for parameter in atlas.questions.get(name).parameters
        if parameter.type in AREA_WORDS and values.get(parameter.name, "").strip()
    ]
    if not asked:
        return
    known = _known_areas(atlas)
    for parameter, value in asked:
        code = str(parameter.to_term(value))
        if (parameter.type, code) not in known:
            dutch, english = AREA_WORDS[parameter.type]
            raise UsageError(
                f"--param {parameter.name}: {code} is geen {dutch} van de atlas (is not a {english} of the atlas); "
                "zie (see) python -m graph query areas"
            )


def cmd_sparql(atlas: Atlas, args: argparse.Namespace) -> int:
    from graph.views.console import (  # the SPARQL parser is slow to load: only for this command
        ConsoleError,
        run_console,
    )

    text = sys.stdin.read() if args.query == "-" else args.query
    try:
        result = run_console(
            atlas.store,
            text,
            timeout_s=args.timeout or atlas.settings.query_timeout_s,
            max_rows=args.max_rows,
            viewer=COMMAND_LINE,  # whoever runs the command holds the store: the store's own words help them
        )
    except ConsoleError as error:
        print(f"fout (error): {error}", file=sys.stderr)
        return 2
    for warning in result.warnings:
        print(f"let op (note): {warning}", file=sys.stderr)
    if result.table is not None:
        print_frame(result.table, args.format)
        if result.truncated:
            print(f"(afgekapt na {args.max_rows} rijen / truncated after {args.max_rows} rows)", file=sys.stderr)
    elif result.boolean is not None:
        print("true" if result.boolean else "false")
    elif result.graph is not None:
        sys.stdout.write(result.graph.serialize(format="turtle"))
        if result.truncated:
            print(f"(afgekapt na {args.max_rows} triples / truncated after {args.max_rows} triples)", file=sys.stderr)
    return 0


def cmd_suggest(atlas: Atlas, args: argparse.Namespace) -> int:
    from graph.analysis.suggest import suggest
    from graph.model.viewer import COMMAND_LINE
    from graph.views.organisation_names import named_suggestion_input

    lang = output_language(args)
    table = suggest(
        named_suggestion_input(atlas, COMMAND_LINE),
        args.radius_km,
        municipality=_area_code(atlas, args.municipality, "municipality"),
        province=_area_code(atlas, args.province, "province"),
        organisation=args.organisation,
        sort=args.sort,
        limit=args.limit,
        lang=lang,
    )
    if args.format == "table" and not table.empty:
        table = table[
            [
                "library_organisation",
                "care_organisation",
                "distance_km",
                "score",
                "municipality",
                "reasons",
                "follow_up",
            ]
        ]
    print_frame(table, args.format)
    return 0


def _area_code(atlas: Atlas, given: str | None, level: str) -> str | None:
    """The code of an area given by its code in any case ("pv31") or by its name ("Limburg", as the app's
    addresses take it); anything else is passed on as given, for `suggest` to refuse in its own words."""
    from graph.store.catalogue import CODE_PATTERNS

    if not given or not given.strip():
        return given
    written = given.strip()
    if CODE_PATTERNS[level].match(written.upper()):
        return written.upper()  # a code needs no question asked: the command stays quick
    named = {name.casefold(): code for (kind, code), name in _known_areas(atlas).items() if kind == level}
    return named.get(written.casefold(), written)


def cmd_suggestion_status(atlas: Atlas, args: argparse.Namespace) -> int:
    from graph.analysis.followup import record_state

    record_state(atlas, args.library, args.care, args.state, Viewer.coordinator(args.by), args.note or "", args.date)
    print(f"vastgelegd (recorded): {args.library} – {args.care}: {args.state}")
    return 0


def add_commands(command: Command) -> None:
    """Register the analysis commands on the main parser."""
    sub = command("query", cmd_query, "benoemde vragen uit queries/ (named questions); --list toont ze")
    sub.add_argument("name", nargs="?", help="naam van de vraag (query name), e.g. coverage")
    sub.add_argument("--list", action="store_true", help="toon alle vragen (list the questions)")
    sub.add_argument("--param", action="append", metavar="NAAM=WAARDE", help="parameter, e.g. province_code=PV26")
    sub.add_argument("--format", choices=("table", "csv", "json"), default="table")
    sub = command("sparql", cmd_sparql, "vrije SPARQL-vraag, alleen lezen (free read-only SPARQL); '-' leest stdin")
    sub.add_argument("query", help="SELECT, ASK, CONSTRUCT of DESCRIBE")
    sub.add_argument("--format", choices=("table", "csv", "json"), default="table")
    sub.add_argument("--timeout", type=float, help="seconden (seconds)")
    sub.add_argument("--max-rows", type=int, default=10_000)
    sub = command(
        "suggest", cmd_suggest, "koppelsuggesties: nabije paren zonder samenwerking (nearby unconnected pairs)"
    )
    sub.add_argument("--radius-km", type=float, required=True, help="straal in km (radius), 0 tot 300")
    sub.add_argument("--limit", type=int, help="hoogstens zoveel (at most this many); default: alle / all")
    sub.add_argument("--municipality", help="alleen bibliotheeklocaties in deze gemeente (GMxxxx of naam / or name)")
    sub.add_argument("--province", help="alleen bibliotheeklocaties in deze provincie (PVxx of naam / or name)")
    sub.add_argument("--organisation", help="alleen paren met deze organisatie (import id)")
    sub.add_argument("--sort", choices=("score", "distance"), default="score")
    sub.set_defaults(public_reads=PublicReads.COPY)  # every site and pair of the atlas: see graph/cli/main.py
    add_lang_option(sub)
    sub.add_argument("--format", choices=("table", "csv", "json"), default="table")
    sub = command(
        "suggestion-status", cmd_suggestion_status, "opvolging van een suggestie vastleggen (record follow-up)"
    )
    sub.add_argument("--library", required=True, help="import id van de bibliotheek")
    sub.add_argument("--care", required=True, help="import id van de zorgorganisatie")
    sub.add_argument("--state", required=True, choices=FollowUpState.values())
    sub.add_argument("--by", required=True, help="wie (who)")
    sub.add_argument("--note", help="notitie (note)")
    sub.add_argument("--date", help="JJJJ-MM-DD; default vandaag (today)")
