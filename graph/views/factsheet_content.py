"""A factsheet's report content in words: cut to fit one A4 page, in the reader's language.

The content is cut to fit one A4 page (the first collaborations, the best chances, the last years), with a
line that says how many more the atlas has. Markdown and HTML (:mod:`graph.views.factsheet_report`) and the PDF
(:mod:`graph.views.factsheet_pdf`) lay out the same content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.analysis.suggest_reasons import SEPARATOR, reason_list
from graph.model.enums import FollowUpState
from graph.model.formats import number, rate
from graph.model.language import language
from graph.store.labels import Labels
from graph.views.dates import since, start_phrase
from graph.views.factsheet import CHANCE_RADIUS_KM, Factsheet
from graph.views.factsheet_text import area_name, inhabitants, page_url, sentence, status_detail, text, title

MAX_STORIES = 3
STORY_CHARACTERS = 200
#: An organisation's name in the chances table wraps in its cell; only a name longer than this is cut (at 40,
#: "Stichting Openbare Bibliotheek Maas en …" lost which library it was). At 80, five chances with two long
#: names each no longer printed on one A4.
NAME_CHARACTERS = 64
REASON_CHARACTERS = 110
TREND_YEARS = 12


@dataclass
class Story:
    heading: str
    details: str
    text: str
    source_url: str


@dataclass
class ReportContent:
    """What a report says, in one language, as plain text (each format escapes it its own way)."""

    lang: str
    title: str
    name: str
    subtitle: str
    sentence: str
    figure_header: list[str]
    figure_rows: list[list[str]]
    stories_title: str
    stories: list[Story]
    more: str
    chances_intro: str
    chance_header: list[str]
    chance_rows: list[list[str]]
    trend_rows: list[list[str]]
    made_on: str
    url: str
    notes: list[str] = field(default_factory=list)

    def label(self, key: str, **values: object) -> str:
        return text(key, self.lang, **values)


def shorten(value: str, limit: int) -> str:
    value = re.sub(r"\s+", " ", str(value or "")).strip()
    return value if len(value) <= limit else value[: limit - 1].rsplit(" ", 1)[0] + " …"


# What tells an organisation from another of its name, at the end of the name as every page says it:
# "(Woerden)", "(Venlo) · twin-venlo" or "· twin-venlo".
_TELLS_APART = re.compile(r"(.*?\S)\s*(\([^()]*\)(?: · \S+)?|· \S+)")


def shorten_name(value: str, limit: int) -> str:
    """An organisation's name cut to ``limit`` characters before what tells it apart, which stays whole:
    "Stichting Samen Sterk voor … (Woerden)". Cut at its end, the place was gone, and with it which one it was."""
    value = re.sub(r"\s+", " ", str(value or "")).strip()
    found = _TELLS_APART.fullmatch(value)
    if len(value) <= limit or found is None or len(found.group(2)) > limit // 2:
        return shorten(value, limit)
    head, tail = found.groups()
    return shorten(head, limit - len(tail) - 1) + " " + tail


def whole_reasons(reasons: str, limit: int) -> str:
    """As many whole reasons (the ranking joins them with "; ") as fit in ``limit`` characters, best first; a
    reason is never cut off mid-sentence ("… werkt al met 2 andere …" said nothing). The first one is kept even
    when it alone is longer."""
    kept: list[str] = []
    for part in reason_list(reasons):
        if kept and len(SEPARATOR.join([*kept, part])) > limit:
            break
        kept.append(part)
    return SEPARATOR.join(kept)


def content(sheet: Factsheet, lang: str, base_url: str, labels: Labels | None = None) -> ReportContent:
    lang = language(lang)
    sheet = sheet.said_in(lang)
    area = sheet.area
    subtitle = inhabitants(area.population, lang)
    if not area.is_province and len(sheet.comparison) > 1:  # a municipality in a province the reference names
        subtitle = f"{text('province_of', lang, name=area_name(sheet.comparison[0][0], lang))} · {subtitle}"
    compared = [(area.name, sheet.figures), *((area_name(name, lang), f) for name, f in sheet.comparison)]
    header = [text("figure", lang)]
    for name, _ in compared:
        header += [name, text("per_100k", lang)]
    keys = ["library_sites", "care_sites", "active_collaborations", "exploring_collaborations", "ended_collaborations"]
    if area.is_province:
        keys.append("covered_municipalities")
    rows = []
    for key in keys:
        row = [text(key, lang)]
        for _, figures in compared:
            value = int(getattr(figures, key))
            per = None if key == "covered_municipalities" else figures.per_100k(value)
            row += [number(value, lang), rate(per, lang) if per is not None else ""]
        rows.append(row)
    own = not sheet.collaborations.empty
    frame = sheet.collaborations if own else sheet.examples
    stories = [_story(row, lang, labels, None if own else float(str(row.distance_km))) for row in frame.itertuples()]
    more = len(stories) - MAX_STORIES
    chance_header = [text(key, lang) for key in ("library", "care_organisation", "distance", "reasons")]
    if sheet.for_coordinator:
        chance_header.append(text("follow_up", lang))
    chance_rows = []
    for chance in sheet.chances.itertuples():
        cells = [
            shorten_name(str(chance.library_organisation), NAME_CHARACTERS),
            shorten_name(str(chance.care_organisation), NAME_CHARACTERS),
            f"{number(float(str(chance.distance_km)), lang, 1)} km",
            whole_reasons(str(chance.reasons), REASON_CHARACTERS),
        ]
        if sheet.for_coordinator:
            cells.append(FollowUpState.label_of(chance.follow_up, lang))
        chance_rows.append(cells)
    if sheet.chances.empty:
        intro = text("no_chances", lang, km=number(CHANCE_RADIUS_KM, lang))
    else:
        intro = text("chances_intro", lang, km=number(CHANCE_RADIUS_KM, lang))
        if not bool(sheet.chances.in_area.iloc[0]):
            intro += " " + text("chances_nearby", lang)
    trend = sheet.trend.tail(TREND_YEARS)
    trend_rows = []
    if not trend.empty:
        trend_rows = [
            [text("year", lang), *(str(year) for year in trend.year)],
            [area.name, *(str(value) for value in trend.area)],
            [area_name(sheet.trend_comparison, lang), *(str(value) for value in trend.comparison)],
        ]
    return ReportContent(
        lang=lang,
        title=title(sheet, lang),
        name=area.name,
        subtitle=subtitle,
        sentence=sentence(sheet, lang),
        figure_header=header,
        figure_rows=rows,
        stories_title=text("collaborations" if own else "examples_nearby", lang),
        stories=stories[:MAX_STORIES],
        more=text("more_collaborations", lang, n=more) if more > 0 else "",
        chances_intro=intro,
        chance_header=chance_header,
        chance_rows=chance_rows,
        trend_rows=trend_rows,
        made_on=text("made_on", lang, day=since(sheet.made_on.isoformat(), lang)),  # 26 november 2026
        url=page_url(base_url, sheet, lang),
        notes=[text("counting_note", lang)] + ([] if own or stories else [text("no_collaborations", lang)]),
    )


def _count(value: object) -> int:
    """A count from an answer; none where the source gives none (an empty cell, which a table reads as NaN)."""
    try:
        return int(str(value).removesuffix(".0"))
    except ValueError:
        return 0


def _story(row: object, lang: str, labels: Labels | None, distance_km: float | None) -> Story:
    get = row.__getattribute__
    details = [status_detail(str(get("status")), lang), str(get("municipality"))]
    if get("start_date"):
        details.append(start_phrase(str(get("start_date")), lang))
    if get("end_date"):
        details.append(text("ended", lang, date=since(str(get("end_date")), lang)))
    participants = _count(get("participants"))
    if participants:
        details.append(text("participants", lang, n=participants))
    if labels is not None and get("activities"):
        details.append(labels.activity_list(str(get("activities"))))
    if distance_km is not None:
        details.append(text("km_away", lang, km=number(distance_km, lang, 1)))
    return Story(
        heading=f"{get('library')} × {get('care_organisation')}",
        details=" · ".join(detail for detail in details if detail),
        text=shorten(str(get("description")), STORY_CHARACTERS),
        source_url=str(get("source_url") or ""),
    )


def safe_url(url: str) -> str:
    """Only web addresses become links; anything else is shown as text."""
    return url if re.match(r"^https?://[^\s<>\"']+$", url) else ""
