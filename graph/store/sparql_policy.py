"""What a free SPARQL question may contain, decided on its parse (its algebra), never on its text.

The console parses a question with rdflib's SPARQL 1.1 parser and walks the algebra. Everything is checked
against allow-lists: the query form (SELECT, ASK, CONSTRUCT, DESCRIBE), every algebra node, every function
(SPARQL 1.1 built-ins, aggregates, the XSD casts and the GeoSPARQL functions listed here) and every IRI
(no engine-specific namespaces such as Virtuoso's ``bif:`` and ``sql:``). A dataset clause (FROM, FROM NAMED)
and SERVICE are refused. What runs is exactly the text that was parsed, so a comment, a string or an escape
cannot hide anything from the check: the engine reads what the check read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pyparsing import ParseException
from rdflib import URIRef
from rdflib.namespace import XSD
from rdflib.paths import Path
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import expandUnicodeEscapes, parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from graph.model.language import BilingualError, Message
from graph.model.vocab import PREFIXES
from graph.store.sparql_patterns import unreadable_patterns

FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}

# Every algebra node a read-only SPARQL 1.1 question translates to, and nothing else (no ServiceGraphPattern).
# The parse-tree names (GroupGraphPatternSub, TriplesBlock …) occur in EXISTS, which rdflib translates only
# when it runs.
ALGEBRA_NODES = frozenset(FORMS) | {
    "Project", "Distinct", "Reduced", "Slice", "OrderBy", "OrderCondition", "Filter", "Extend", "Group",
    "AggregateJoin", "BGP", "Join", "LeftJoin", "Minus", "Union", "Graph", "ToMultiSet", "values",
    "GroupGraphPatternSub", "TriplesBlock", "GroupOrUnionGraphPattern", "OptionalGraphPattern",
    "MinusGraphPattern", "GraphGraphPattern", "Bind", "InlineData", "SubSelect", "Function",
    "RelationalExpression", "ConditionalAndExpression", "ConditionalOrExpression", "AdditiveExpression",
    "MultiplicativeExpression", "UnaryNot", "UnaryMinus", "UnaryPlus", "vars", "literal", "pname",
    "PrefixDecl", "Base", "TriplesSameSubjectPath", "TriplesSameSubject", "PropertyListPathNotEmpty",
    "ObjectListPath", "ObjectList", "PathAlternative", "PathSequence", "PathElt", "PathEltOrInverse",
    "PathNegatedPropertySet", "InversePath", "Collection", "BlankNodePropertyList", "BlankNodePropertyListPath",
    "GroupAs", "GroupClause", "HavingClause", "OrderClause", "LimitOffsetClauses", "ValuesClause",
    "FakeGroupGraphPatten", "TrueFilter",
}  # fmt: skip

# The built-in functions of SPARQL 1.1 (section 17.4), by the names rdflib's parser gives them.
BUILTINS = frozenset({
    "STR", "LANG", "LANGMATCHES", "DATATYPE", "BOUND", "IRI", "URI", "BNODE", "RAND", "ABS", "CEIL", "FLOOR",
    "ROUND", "CONCAT", "STRLEN", "UCASE", "LCASE", "ENCODE_FOR_URI", "CONTAINS", "STRSTARTS", "STRENDS",
    "STRBEFORE", "STRAFTER", "YEAR", "MONTH", "DAY", "HOURS", "MINUTES", "SECONDS", "TIMEZONE", "TZ", "NOW",
    "UUID", "STRUUID", "MD5", "SHA1", "SHA256", "SHA384", "SHA512", "COALESCE", "IF", "STRLANG", "STRDT",
    "sameTerm", "isIRI", "isURI", "isBLANK", "isLITERAL", "isNUMERIC", "REGEX", "SUBSTR", "REPLACE", "EXISTS",
    "NOTEXISTS",
})  # fmt: skip
AGGREGATES = frozenset({"Count", "Sum", "Min", "Max", "Avg", "Sample", "GroupConcat"})

# The casts of SPARQL 1.1 (section 17.5), the only function IRIs besides GeoSPARQL's that every engine knows.
XSD_CASTS = frozenset(
    URIRef(XSD[name]) for name in ("boolean", "double", "float", "decimal", "integer", "dateTime", "string")
)
# GeoSPARQL functions the atlas documents. None today: none of the three engines evaluates them (Oxigraph has
# none, Virtuoso only its own bif:st_* functions), so the atlas's points are compared with geo:lat/geo:long.
GEOSPARQL_FUNCTIONS: frozenset[URIRef] = frozenset()
ALLOWED_FUNCTIONS = XSD_CASTS | GEOSPARQL_FUNCTIONS

# IRIs an engine gives a meaning of its own even outside a function call (Virtuoso's bif:contains predicate).
ENGINE_NAMESPACES = (
    "bif:",
    "sql:",
    "http://www.openlinksw.com/schemas/bif#",
    "http://www.openlinksw.com/schemas/sql#",
    "http://www.openlinksw.com/virtrdf-data-formats#",
    "http://www.openlinksw.com/schemas/virtrdf#",
)


# The parser says what it expected in its own English and grammar terms ("Expected SelectQuery"); a Dutch
# reader gets the place and the text just before it, which is what finds the mistake.
NEAR_CHARACTERS = 30


def syntax_error(error: ParseException) -> Message:
    line = error.line or ""
    before = line[: max(0, error.col - 1)].strip()[-NEAR_CHARACTERS:]
    after = f" na “{before}”" if before else ""
    where = f"regel {error.lineno}, kolom {error.col}"
    return Message(
        f"Syntaxfout op {where}{after}: daar loopt de vraag vast. Kijk na of haakjes, accolades, punten en "
        "aanhalingstekens kloppen en of de vraag af is.",
        f"Syntax error at line {error.lineno}, column {error.col}{after.replace(' na ', ' after ')}: the query gets "
        "stuck there. Check that brackets, braces, full stops and quotes match and that the query is complete.",
    )


UNKNOWN_PREFIX = re.compile(r"Unknown namespace prefix\s*:\s*([A-Za-z_][\w.-]*)")


class ConsoleError(BilingualError):
    """A question the console will not or cannot answer; the message says why in Dutch and English."""


@dataclass(frozen=True)
class CheckedQuery:
    """A question that passed every check: its form and the exact text that was parsed (and is to run)."""

    form: str
    text: str
    prefixes: dict[str, str] = field(default_factory=dict)
    """The atlas's common prefixes the question uses without declaring them (a convenience of the console)."""
    warnings: tuple[Message, ...] = ()
    """What the reader should know before reading the answer: a pattern the engine cannot read, say."""


def check_query(query: str) -> CheckedQuery:
    """The checked question, or :class:`ConsoleError` saying in both languages what is not allowed."""
    try:
        return _checked(query)
    except RecursionError as error:  # thousands of patterns, or deep nesting: the parser's recursion runs out
        raise ConsoleError(
            Message(
                "De vraag is te lang of te diep genest om te controleren. Maak haar korter.",
                "The query is too long or nested too deeply to check. Make it shorter.",
            )
        ) from error


def _checked(query: str) -> CheckedQuery:
    if not query.strip():
        raise ConsoleError(Message("De vraag is leeg.", "The query is empty."))
    try:
        # The parser reads \\u escapes before anything else (SPARQL 1.1, 19.2); the engine gets the same text.
        text = expandUnicodeEscapes(query)
        parsed = parseQuery(text)
    except ValueError as error:  # an escape that is no code point
        raise ConsoleError(Message(f"Ongeldige vraag: {error}", f"Invalid query: {error}")) from error
    except ParseException as error:
        if _is_update(query):
            raise ConsoleError(
                Message(
                    "Alleen lezen: wijzigingen (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE …) zijn hier niet "
                    "toegestaan.",
                    "Read-only: updates (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE …) are not allowed here.",
                ),
            ) from error
        raise ConsoleError(syntax_error(error)) from error
    if _has_dataset_clause(parsed):
        raise _dataset_refused()
    try:
        algebra = translateQuery(parsed, initNs=PREFIXES).algebra
    except Exception as error:  # rdflib raises plain Exceptions for unknown prefixes and the like
        raise _unreadable(error) from error
    if algebra.name not in FORMS:
        raise ConsoleError(
            Message("Alleen SELECT, ASK, CONSTRUCT en DESCRIBE.", "Only SELECT, ASK, CONSTRUCT and DESCRIBE.")
        )
    if _field(algebra, "datasetClause"):
        raise _dataset_refused()
    _check_node(algebra)
    return CheckedQuery(FORMS[algebra.name], text, offered_prefixes(parsed), unreadable_patterns(algebra))


def _unreadable(error: Exception) -> ConsoleError:
    """The parser's complaint in the reader's words: an unknown prefix is the usual one."""
    unknown = UNKNOWN_PREFIX.search(str(error))
    if unknown:
        prefix = unknown.group(1)
        known = ", ".join(f"{name}:" for name in sorted(PREFIXES))
        return ConsoleError(
            Message(
                f"Het voorvoegsel '{prefix}:' is onbekend. Zet bovenaan de vraag PREFIX {prefix}: <…> met het juiste "
                f"adres, of gebruik een voorvoegsel dat de console al kent: {known}",
                f"The prefix '{prefix}:' is unknown. Put PREFIX {prefix}: <…> with its address at the top of the "
                f"query, or use a prefix the console knows already: {known}",
            )
        )
    return ConsoleError(
        Message(f"Deze vraag kan niet worden gelezen ({error})", f"This query cannot be read ({error})")
    )


def offered_prefixes(parsed: Any) -> dict[str, str]:
    """The common prefixes the console offers, except those the question declares itself (read from its parse).

    Only the console offers them, as a convenience for typing; the query files declare their own, so that what
    the *Vragen* page shows runs unchanged on any SPARQL endpoint."""
    declared = {
        dict.get(part, "prefix") or ""
        for part in parsed[0]
        if isinstance(part, CompValue) and part.name == "PrefixDecl"
    }
    return {prefix: namespace for prefix, namespace in PREFIXES.items() if prefix not in declared}


def names_own_dataset(query: str) -> bool:
    """Whether a query has a FROM or FROM NAMED clause, read from its parse (for the stores' own check)."""
    lowered = query.lower()
    # Parsing takes up to 0.4 s for a long question: skip it where no FROM can be, not even as an escape.
    if "from" not in lowered and "\\u" not in lowered:
        return False
    return _parsed_dataset_clause(query)


@lru_cache(maxsize=1024)
def _parsed_dataset_clause(query: str) -> bool:
    try:
        return _has_dataset_clause(parseQuery(query))
    except (ParseException, ValueError):
        return False  # the engine refuses what the parser cannot read


def _has_dataset_clause(parsed: Any) -> bool:
    return any(isinstance(part, CompValue) and bool(_field(part, "datasetClause")) for part in parsed)


def _field(node: CompValue, name: str) -> Any:
    # CompValue.get answers a missing key with the key's own name, so read it as a plain dict.
    return dict.get(node, name)


def _dataset_refused() -> ConsoleError:
    return ConsoleError(
        Message(
            "FROM en FROM NAMED zijn niet toegestaan: de console vraagt altijd alle openbare gegevens.",
            "FROM and FROM NAMED are not allowed: the console always asks all public data.",
        ),
    )


def _is_update(query: str) -> bool:
    try:
        parseUpdate(query)
        return True
    except (ParseException, ValueError):
        return False


def _check_node(node: Any) -> None:
    """Walk the algebra; every node, function and IRI must be on an allow-list."""
    if isinstance(node, CompValue):
        _check_name(node)
        for value in node.values():
            _check_node(value)
    elif isinstance(node, dict):
        for value in node.values():
            _check_node(value)
    elif isinstance(node, list | tuple | set | frozenset):
        for value in node:
            _check_node(value)
    elif isinstance(node, Path):
        for value in vars(node).values():
            _check_node(value)
    elif isinstance(node, URIRef):
        _check_iri(node)


def _check_name(node: CompValue) -> None:
    name = node.name
    if name == "ServiceGraphPattern":
        raise ConsoleError(
            Message(
                "SERVICE is niet toegestaan: de console doet geen verzoeken naar buiten.",
                "SERVICE is not allowed: the console makes no outgoing requests.",
            ),
        )
    if name == "Function" and _field(node, "iri") not in ALLOWED_FUNCTIONS:
        raise _function_refused(str(_field(node, "iri")))
    if name.startswith("Builtin_") and name[len("Builtin_") :] not in BUILTINS:
        raise _function_refused(name[len("Builtin_") :])
    if name.startswith("Aggregate_") and name[len("Aggregate_") :] not in AGGREGATES:
        raise _function_refused(name[len("Aggregate_") :])
    if not name.startswith(("Builtin_", "Aggregate_")) and name not in ALGEBRA_NODES:
        raise ConsoleError(Message(f"Niet toegestaan in de console: {name}", f"Not allowed in the console: {name}"))


def _check_iri(iri: URIRef) -> None:
    if str(iri).startswith(ENGINE_NAMESPACES):
        raise ConsoleError(
            Message(
                f"Het adres {iri} hoort bij een eigen uitbreiding van een SPARQL-server en is niet toegestaan",
                f"The IRI {iri} belongs to an extension of a SPARQL server and is not allowed",
            ),
        )


def _function_refused(function: str) -> ConsoleError:
    return ConsoleError(
        Message(
            f"De functie {function} is niet toegestaan: alleen de functies van SPARQL 1.1 en de XSD-omzettingen "
            "(zoals xsd:integer)",
            f"The function {function} is not allowed: only SPARQL 1.1 functions and the XSD casts "
            "(such as xsd:integer)",
        ),
    )
