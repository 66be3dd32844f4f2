"""The *Vragen* page's read model: a control per parameter from its typed ``# param:`` header, and answers whose
problems are told in the reader's language.

A code parameter (province, municipality, kind, status, activity, level, organisation) becomes a choice that
shows names; a number or a date becomes a number or date input. A value that arrives as text (from a shared URL)
may be a code or a name: "Gelderland" is read as PV25, and a value that is neither is said, not silently
answered with no rows.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal

import pandas as pd

from graph.analysis.overview import organisations
from graph.model.enums import CollaborationStatus, OrganisationKind
from graph.store.atlas import Atlas
from graph.store.catalogue import CODE_PATTERNS, NamedQuery, Parameter, QueryError
from graph.store.labels import load_labels

#: The question the page opens with: the key figures answer at once, where the first by title (every site,
#: 5,800 rows at demo scale) would make a visitor wait before choosing anything.
FIRST_QUESTION = "stats"
CONTROL_KINDS = {"integer": "number", "decimal": "number", "date": "date", "boolean": "boolean"}
TYPE_NAMES = {
    "province": ("Provincie", "Province"),
    "municipality": ("Gemeente", "Municipality"),
    "kind": ("Soort organisatie", "Kind of organisation"),
    "status": ("Status", "Status"),
    "activity": ("Activiteit", "Activity"),
    "level": ("Niveau", "Level"),
    "organisation": ("Organisatie", "Organisation"),
}
PARAMETER_NAMES = {
    "library_org_id": ("Bibliotheek", "Library"),
    "care_org_id": ("Zorgorganisatie", "Care organisation"),
    "radius_km": ("Straal (km)", "Radius (km)"),
    "year": ("Startjaar", "Year of start"),
}
EXPECTED = {
    "integer": ("een geheel getal", "a whole number"),
    "decimal": ("een getal", "a number"),
    "date": ("een datum (JJJJ-MM-DD)", "a date (YYYY-MM-DD)"),
    "boolean": ("ja of nee", "yes or no"),
    "iri": ("een webadres", "a web address"),
}
LEVELS = {"municipality": ("Gemeente", "Municipality"), "province": ("Provincie", "Province")}


@dataclass(frozen=True)
class Control:
    """One parameter as the page shows it: a choice of codes shown by name, a number, a date or free text."""

    name: str
    label: str
    kind: str  # choice | number | date | boolean | text
    options: dict[str, str] = field(default_factory=dict)  # code → name, for a choice
    default: str | None = None
    code_type: str = ""  # the parameter's type for a code (province, municipality, …), else ''
    whole: bool = False  # a number without decimals (a year): counted in steps of one, shown without ",00"


#: The largest whole number a browser's number field holds exactly (JavaScript's safe integers).
LARGEST_NUMBER = 2**53 - 1


def number_value(shared: str) -> float | None:
    """A number from the address for a number field: None for no value; ValueError for text, infinity, "nan" or a
    value beyond what the browser's field holds (Streamlit refuses those while drawing the page)."""
    if not shared:
        return None
    value = float(shared.replace(",", "."))
    if not math.isfinite(value) or abs(value) > LARGEST_NUMBER:
        raise ValueError(shared)
    return value


def number_text(value: float, whole: bool) -> str:
    """A number as the address and the question take it: 1234567, not 1.23457e+06; 0.1, not 0.1000000000000001."""
    if whole:
        return str(round(value))
    written = format(Decimal(repr(value)), "f")
    return written.rstrip("0").rstrip(".") if "." in written else written


class QuestionProblem(ValueError):
    """A value the question cannot take, said in the reader's language."""


#: Where a question takes both, the province is asked first: it narrows the municipalities offered after it.
AREA_ORDER = {"province": 0, "municipality": 1}


def controls(atlas: Atlas, query: NamedQuery, lang: str) -> list[Control]:
    parameters = list(query.parameters)
    if {"province", "municipality"} <= {parameter.type for parameter in parameters}:
        parameters.sort(key=lambda parameter: AREA_ORDER.get(parameter.type, len(AREA_ORDER)))
    return [_control(atlas, parameter, lang) for parameter in parameters]


def public_questions(atlas: Atlas) -> dict[str, NamedQuery]:
    """The named questions a visitor may ask, by name (the internal ones are the product's own)."""
    return {query.name: query for query in atlas.questions.public()}


def question_controls(atlas: Atlas, name: str, lang: str, province: str = "") -> list[Control]:
    """The controls of the named question ``name``, with the choices the store offers now; with a ``province``
    chosen, its municipality choice offers only the municipalities of that province."""
    shown = controls(atlas, atlas.questions.get(name), lang)
    if not province:
        return shown
    inside = set(atlas.answer("areas", {"level": "municipality", "province_code": province}).code)
    return [
        replace(control, options={code: name for code, name in control.options.items() if code in inside})
        if control.code_type == "municipality"
        else control
        for control in shown
    ]


def parameter_label(parameter: Parameter, lang: str) -> str:
    names = PARAMETER_NAMES.get(parameter.name) or TYPE_NAMES.get(parameter.type)
    if names is None:
        return parameter.name.replace("_", " ").capitalize()
    return names[1] if lang == "en" else names[0]


def _control(atlas: Atlas, parameter: Parameter, lang: str) -> Control:
    label = parameter_label(parameter, lang)
    if parameter.type in CODE_PATTERNS:
        options = code_options(atlas, parameter.type, lang, ORGANISATION_KINDS.get(parameter.name))
        kind = "choice" if options else "text"
        return Control(parameter.name, label, kind, options, parameter.default, parameter.type)
    kind = CONTROL_KINDS.get(parameter.type, "text")
    return Control(parameter.name, label, kind, {}, parameter.default, whole=parameter.type == "integer")


#: Organisation parameters that only one kind of organisation can fill: a care organisation offered as the
#: library of a collaboration could only ever give an empty answer.
ORGANISATION_KINDS = {"library_org_id": "library", "care_org_id": "care"}


def code_options(atlas: Atlas, code_type: str, lang: str, kind: str | None = None) -> dict[str, str]:
    """Every value a code parameter can take (organisations: of ``kind`` only, when given), with its name in the
    reader's language, sorted by name (a kind or a status in its own order); two organisations of the same name are
    told apart by their code."""
    en = lang == "en"
    if code_type == "province":
        options = dict(load_labels(atlas, lang).provinces)
    elif code_type == "municipality":
        areas = atlas.answer("areas", {"level": "municipality"})
        options = {str(code): str(name) for code, name in zip(areas.code, areas.name, strict=True) if name}
    elif code_type == "activity":
        options = dict(load_labels(atlas, lang).activities)
    elif code_type == "organisation":
        everyone = organisations(atlas)
        if kind:
            everyone = everyone[everyone.kind == kind]
        repeated = set(everyone.name[everyone.name.duplicated()])
        options = {
            str(code): f"{name} ({code})" if name in repeated else str(name)
            for code, name in zip(everyone.id, everyone.name, strict=True)
        }
    else:
        listed = {"kind": OrganisationKind, "status": CollaborationStatus}.get(code_type)
        if listed is None:
            return {code: pair[1] if en else pair[0] for code, pair in LEVELS.items()}
        # In the order the vocabulary gives, as every other page lists them: a status's order is its course
        # (verkennend, actief, beëindigd), which sorting by name mixed up.
        return {member.value: member.label.text(lang) for member in listed}
    return dict(sorted(options.items(), key=lambda item: item[1].lower()))


def read_value(control: Control, typed: str, lang: str) -> str:
    """A value as typed or shared in a URL, as the question takes it: a code, or the code of a name."""
    value = typed.strip()
    if not value or control.kind != "choice" or value in control.options:
        return value
    # By name ("Actief", "limburg") or by its code in other capitals ("ACTIVE", "pv31"), as the command line reads it.
    by_name = {name.casefold(): code for code, name in control.options.items()}
    by_name |= {code.casefold(): code for code in control.options}
    if value.casefold() in by_name:
        return by_name[value.casefold()]
    raise QuestionProblem(
        f"{control.label}: '{value}' staat niet in de lijst; kies een waarde uit de lijst."
        if lang != "en"
        else f"{control.label}: '{value}' is not in the list; choose a value from the list."
    )


def ask(atlas: Atlas, query: NamedQuery, values: Mapping[str, str], lang: str) -> pd.DataFrame:
    """The answer to a named question with its codes, or :class:`QuestionProblem` saying in the reader's
    language what is wrong. (:func:`graph.views.answer_words.in_words` says the codes in words for the page.)"""
    try:
        return atlas.answer(query.name, dict(values))
    except QueryError as error:
        raise QuestionProblem(_engine_words(query, error, lang)) from error


def _engine_words(query: NamedQuery, error: QueryError, lang: str) -> str:
    for parameter in query.parameters:
        if parameter.name == error.parameter:
            wanted = EXPECTED.get(parameter.type, ("een waarde uit de lijst", "a value from the list"))
            label = parameter_label(parameter, lang)
            return f"{label}: vul {wanted[0]} in." if lang != "en" else f"{label}: fill in {wanted[1]}."
    return (
        "Deze vraag kon niet worden beantwoord. Probeer het opnieuw, of kies een andere vraag."
        if lang != "en"
        else "This question could not be answered. Try again, or choose another question."
    )
