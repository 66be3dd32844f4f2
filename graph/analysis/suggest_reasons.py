"""The reasons behind a suggestion's score, as short sentences in Dutch or English."""

from __future__ import annotations

from graph.model.formats import km
from graph.model.language import Lang, language

# (one, many) per language: what the care organisation and the library already do with the other kind.
EXPERIENCE_PHRASES = (
    {
        "nl": ("{name} werkt al met {count} andere bibliotheek", "{name} werkt al met {count} andere bibliotheken"),
        "en": ("{name} already works with {count} other library", "{name} already works with {count} other libraries"),
    },
    {
        "nl": ("{name} werkt al met {count} zorgorganisatie", "{name} werkt al met {count} zorgorganisaties"),
        "en": (
            "{name} already works with {count} care organisation",
            "{name} already works with {count} care organisations",
        ),
    },
)


#: How a suggestion's reasons are joined into one text (its ``reasons`` column), and split again.
SEPARATOR = "; "


def reason_list(text: str) -> list[str]:
    """The reasons of one suggestion, from its ``reasons`` text."""
    return [part.strip() for part in str(text or "").split(SEPARATOR) if part.strip()]


def _as_one(name: str) -> str:
    # A name may hold the separator itself ("Zorg; Welzijn"): written with a no-break space, which reads the
    # same, it stays inside its reason when the reasons are split again.
    return name.replace(SEPARATOR, ";\u00a0")


def reasons(
    lang: str,
    distance: float,
    gap_place: str,
    care: tuple[str, int],
    library: tuple[str, int],
    shared: list[str],
) -> list[str]:
    nl = language(lang) == Lang.NL
    sentences = [f"{km(distance, lang)} van elkaar" if nl else f"{km(distance, lang)} apart"]
    if gap_place:
        sentences.append(f"nog geen samenwerking in {gap_place}" if nl else f"no collaboration in {gap_place} yet")
    for (name, count), phrases in zip((care, library), EXPERIENCE_PHRASES, strict=True):
        if count:
            phrase = phrases["nl" if nl else "en"][0 if count == 1 else 1]
            sentences.append(phrase.format(name=_as_one(name), count=count))
    if shared:
        listed = ", ".join(label.lower() for label in shared)
        sentences.append(f"beide doen al: {listed}" if nl else f"both already do: {listed}")
    return sentences
