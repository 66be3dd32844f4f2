"""Texts of *Vragen*: the named questions and the free SPARQL console (Dutch, English). Read through
:func:`ui.i18n.text`."""

from __future__ import annotations

QUESTION_TEXTS: dict[str, tuple[str, str]] = {
    "question": ("Vraag", "Question"),
    "run": ("Uitvoeren", "Run"),
    "ask_true": ("✔ ja (de vraag heeft een antwoord)", "✔ yes (the query has an answer)"),
    "ask_false": ("✘ nee (de vraag heeft geen antwoord)", "✘ no (the query has no answer)"),
    "rows": ("{n} rijen", "{n} rows"),
    "rows_one": ("1 rij", "1 row"),
    "show_sparql": ("Toon de SPARQL", "Show the SPARQL"),
    "console": ("Vrije SPARQL (alleen lezen)", "Free SPARQL (read-only)"),
    "console_help": (
        "Alleen SELECT, ASK, CONSTRUCT en DESCRIBE op de openbare gegevens; voorvoegsels zoals pw:, org:, "
        "schema: en skos: zijn al bekend.",
        "Only SELECT, ASK, CONSTRUCT and DESCRIBE on the public data; prefixes such as pw:, org:, schema: and "
        "skos: are predefined.",
    ),
    "console_query": ("SPARQL-vraag", "SPARQL query"),
    "truncated": ("Afgekapt na {n} rijen.", "Truncated after {n} rows."),
    "truncated_triples": ("Afgekapt na {n} triples.", "Truncated after {n} triples."),
    "answer": ("Antwoord", "Answer"),
    "console_running": ("De vraag wordt beantwoord …", "Answering the question …"),
}
