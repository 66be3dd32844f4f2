"""Named SPARQL questions: loaded from ``queries/*.rq``, documented by their own header, run with bound values.

A query file opens with comment lines::

    # title-nl: Dekking per gemeente
    # title-en: Coverage per municipality
    # description-nl: ...
    # description-en: ...
    # param: ?province_code string
    # param: ?radius_km decimal 15
    # default-graph: de openbare grafen samen / the union of the atlas's public graphs
    PREFIX schema: <https://schema.org/>

Each file declares its own PREFIXes (the runner adds none) and says in ``# default-graph:`` which dataset
it expects, so that the text shown on the *Vragen* page runs unchanged on any SPARQL 1.1 endpoint: over an
export loaded as one graph, or over the atlas's public graphs as the default graph.

A parameter's type is a datatype (``string``, ``integer``, ``decimal``, ``boolean``, ``date``, ``iri``) or one
of the atlas's codes (``province``, ``municipality``, ``kind``, ``status``, ``activity``, ``level``,
``organisation``): a code is bound as a string, but the *Vragen* page offers its values by name, and a value that
cannot be such a code ("Gelderland" for a province) is refused instead of silently answering nothing.

A parameter without a default is optional: when no value is given the variable stays unbound (and a file run
elsewhere, with nothing bound, answers for every value). Values are converted to RDF terms and bound (never
pasted into the text), so a value cannot change the question.

Bound values are joined with the answer at the top level of the query: that is what Oxigraph's substitutions
do and what rdflib's ``initBindings`` does against a remote endpoint. So every parameter must be a column of
the answer, bound by a pattern (not only used in a FILTER or inside a subquery), and then a value selects the
rows that have it. :func:`parameter_problems` checks this.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from graph.model.enums import CollaborationStatus, OrganisationKind
from graph.model.viewer import PrivateRead
from graph.store.interface import ReadableStore

if TYPE_CHECKING:
    import pandas as pd

    from graph.store.answers import Solutions

HEADER_LINE = re.compile(r"^#\s*(title-nl|title-en|description-nl|description-en|param):\s*(.*)$")
# The closed lists are taken from their enums: a mistyped "actve" is refused, not answered with nothing.
CLOSED_LISTS = {"kind": OrganisationKind.values(), "status": CollaborationStatus.values()}
CODE_PATTERNS = {
    "province": re.compile(r"^PV\d{2}$", re.ASCII),
    "municipality": re.compile(r"^GM\d{4}$", re.ASCII),
    **{name: re.compile("^(" + "|".join(values) + ")$") for name, values in CLOSED_LISTS.items()},
    "activity": re.compile(r"^[a-z0-9-]+$"),
    "level": re.compile(r"^(municipality|province)$"),
    "organisation": re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$"),
}
PARAM_LINE = re.compile(
    r"^\?([A-Za-z_][A-Za-z0-9_]*)\s+(string|integer|decimal|boolean|date|iri|" + "|".join(CODE_PATTERNS) + r")"
    r"(?:\s+(.+))?$"
)
# Kept in the body on purpose: whoever copies the SPARQL also reads which dataset it expects.
DEFAULT_GRAPH_LINE = re.compile(r"^#\s*default-graph:\s*(.+)$", re.MULTILINE)
REQUIRED_HEADERS = ("title-nl", "title-en", "description-nl", "description-en")


class QueryError(ValueError):
    """A named query or its parameters are wrong; the message says what, in Dutch and English. ``parameter``
    names the parameter whose value was refused, for a page that says so in its own words."""

    def __init__(self, message: str, parameter: str = "") -> None:
        super().__init__(message)
        self.parameter = parameter


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    default: str | None = None

    def to_term(self, raw: str) -> Identifier:
        """The RDF term for a value typed by a user; raises :class:`QueryError` naming the parameter."""
        value = raw.strip()
        # A code is written one way: PV25 and GM0983 in capitals, statuses and kinds in small letters, so "pv25"
        # and "ACTIVE" are read as the code they spell.
        if self.type in ("province", "municipality"):
            value = value.upper()
        elif self.type in CLOSED_LISTS:
            value = value.lower()
        try:
            if self.type in CODE_PATTERNS and not CODE_PATTERNS[self.type].match(value):
                raise ValueError(value)
            if self.type == "integer":
                return Literal(int(value), datatype=XSD.integer)
            if self.type == "decimal":
                return Literal(Decimal(value.replace(",", ".")), datatype=XSD.decimal)
            if self.type == "boolean":
                if value.lower() not in ("true", "false", "ja", "nee", "yes", "no", "1", "0"):
                    raise ValueError(value)
                return Literal(value.lower() in ("true", "ja", "yes", "1"))
            if self.type == "date":
                return Literal(date.fromisoformat(value).isoformat(), datatype=XSD.date)
            if self.type == "iri":
                if not re.match(r"^https?://[^\s<>\"{}|\\^`]+$", value):
                    raise ValueError(value)
                return URIRef(value)
        except (ValueError, InvalidOperation) as error:
            choices = ", ".join(CLOSED_LISTS.get(self.type, ()))
            raise QueryError(
                f"parameter {self.name}: {raw!r} is geen geldige waarde van type {self.type} "
                f"({raw!r} is not a valid {self.type})" + (f"; kies uit / choose from: {choices}" if choices else ""),
                parameter=self.name,
            ) from error
        return Literal(value)


@dataclass(frozen=True)
class NamedQuery:
    name: str
    path: Path
    text: str
    headers: dict[str, str]
    parameters: tuple[Parameter, ...] = field(default=())
    internal: bool = False

    def title(self, lang: str = "nl") -> str:
        return self.headers.get(f"title-{lang}") or self.headers.get("title-nl", self.name)

    def description(self, lang: str = "nl") -> str:
        return self.headers.get(f"description-{lang}") or self.headers.get("description-nl", "")

    @property
    def default_graph(self) -> str:
        """What the file expects as its default graph (its ``# default-graph:`` line, shown with the SPARQL)."""
        match = DEFAULT_GRAPH_LINE.search(self.text)
        return match.group(1).strip() if match else ""

    @property
    def body(self) -> str:
        """The query text without its header comments (what is shown to a reader)."""
        return "\n".join(line for line in self.text.splitlines() if not HEADER_LINE.match(line)).strip()

    def bindings(self, values: Mapping[str, str | Identifier | None] | None = None) -> dict[str, Identifier]:
        """Check values against the declared parameters and convert them to RDF terms."""
        values = dict(values or {})
        declared = {parameter.name: parameter for parameter in self.parameters}
        unknown = sorted(set(values) - set(declared))
        if unknown:
            allowed = ", ".join(declared) or "geen / none"
            raise QueryError(
                f"{self.name}: onbekende parameter {', '.join(unknown)} (unknown parameter); toegestaan / allowed: "
                f"{allowed}"
            )
        bound: dict[str, Identifier] = {}
        for name, parameter in declared.items():
            value = values.get(name)
            if isinstance(value, Identifier):
                bound[name] = value
            elif value is not None and str(value).strip() != "":
                bound[name] = parameter.to_term(str(value))
            elif parameter.default is not None:
                bound[name] = parameter.to_term(parameter.default)
        return bound


def parameter_problems(query: NamedQuery) -> list[str]:
    """What is wrong with a query's header and parameters (an empty list when nothing is)."""
    from rdflib.plugins.sparql import prepareQuery

    problems = [f"header '{key}' is missing" for key in REQUIRED_HEADERS if not query.headers.get(key)]
    if not query.default_graph:
        problems.append("header 'default-graph' is missing")
    # Parsed by Oxigraph with no prefixes given (rdflib would supply its own): a file must declare every
    # prefix it uses, so that it runs as it is anywhere.
    try:
        ox.Store().query(query.text)
    except SyntaxError as error:
        problems.append(f"does not run as it is: {error}")
        return problems
    prepared = prepareQuery(query.text)
    projected = {str(variable) for variable in (prepared.algebra.get("PV") or [])}
    for parameter in query.parameters:
        if parameter.name not in projected:
            problems.append(f"parameter ?{parameter.name} is not a column of the answer")
        if parameter.default is not None:
            parameter.to_term(parameter.default)
    return problems


def parse_query_file(path: Path, internal: bool = False) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    headers: dict[str, str] = {}
    parameters: list[Parameter] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        match = HEADER_LINE.match(line)
        if not match:
            continue
        key, value = match.group(1), match.group(2).strip()
        if key == "param":
            param = PARAM_LINE.match(value)
            if not param:
                raise QueryError(f"{path.name}: ongeldige regel / invalid line '# param: {value}'")
            parameters.append(Parameter(param.group(1), param.group(2), param.group(3)))
        else:
            headers[key] = value
    return NamedQuery(path.stem, path, text, headers, tuple(parameters), internal)


class QueryCatalogue:
    """Every ``.rq`` file of a folder (``internal/`` holds the ones the product itself uses)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    @cached_property
    def _queries(self) -> dict[str, NamedQuery]:
        queries: dict[str, NamedQuery] = {}
        for path in sorted(self.folder.glob("*.rq")):
            queries[path.stem] = parse_query_file(path)
        for path in sorted((self.folder / "internal").glob("*.rq")):
            queries["internal/" + path.stem] = parse_query_file(path, internal=True)
        return queries

    def names(self, *, include_internal: bool = False) -> list[str]:
        return [name for name, query in self._queries.items() if include_internal or not query.internal]

    def public(self) -> list[NamedQuery]:
        return [query for query in self._queries.values() if not query.internal]

    def get(self, name: str) -> NamedQuery:
        try:
            return self._queries[name]
        except KeyError:
            raise QueryError(
                f"onbekende vraag {name!r} (unknown query); kies uit / choose from: {', '.join(self.names())}"
            ) from None

    def run(
        self,
        store: ReadableStore,
        name: str,
        values: Mapping[str, str | Identifier | None] | None = None,
        *,
        private: PrivateRead | None = None,
    ) -> pd.DataFrame:
        query = self.get(name)
        return store.select(query.text, query.bindings(values), private=private)

    def rows(
        self,
        store: ReadableStore,
        name: str,
        values: Mapping[str, str | Identifier | None] | None = None,
        *,
        private: PrivateRead | None = None,
    ) -> Solutions:
        """The answer to ``name`` as rows of plain values, without a table (see :meth:`ReadableStore.rows`)."""
        query = self.get(name)
        return store.rows(query.text, query.bindings(values), private=private)
