"""A factsheet as a one-page report: Markdown, self-contained HTML or PDF, from the same content.

Every value from data is escaped for the format it goes into, so a name can never become markup or a link.
"""

from __future__ import annotations

import re
import unicodedata
from html import escape

from graph.store.labels import Labels
from graph.views.factsheet import Factsheet
from graph.views.factsheet_content import ReportContent, content, safe_url
from graph.views.factsheet_map import CARE, LIBRARY, svg
from graph.views.factsheet_pdf import pdf

FORMATS = ("pdf", "html", "md")


# What Markdown would read as emphasis, code, a link, a table cell or inline HTML; the rest stays readable.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!~])")


def _md(value: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(value)).replace("\n", " ")


def markdown(report: ReportContent) -> str:
    def table(header: list[str], rows: list[list[str]]) -> list[str]:
        lines = ["| " + " | ".join(_md(cell) for cell in header) + " |", "|" + " --- |" * len(header)]
        return lines + ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in rows]

    lines = [f"# {_md(report.title)}: {_md(report.name)}", "", _md(report.subtitle), "", f"**{_md(report.sentence)}**"]
    lines += ["", f"## {_md(report.label('figures'))}", "", *table(report.figure_header, report.figure_rows)]
    lines += ["", *(f"*{_md(note)}*" for note in report.notes)]
    lines += ["", f"## {_md(report.stories_title)}", ""]
    for story in report.stories:
        lines += [f"**{_md(story.heading)}** — {_md(story.details)}", "", _md(story.text)]
        if safe_url(story.source_url):
            lines += ["", f"{_md(report.label('source'))}: <{story.source_url}>"]
        lines.append("")
    if report.more:
        lines += [_md(report.more), ""]
    lines += [f"## {_md(report.label('chances'))}", "", _md(report.chances_intro), ""]
    if report.chance_rows:
        lines += [*table(report.chance_header, report.chance_rows), ""]
    lines += [f"## {_md(report.label('trend'))}", ""]
    if report.trend_rows:
        lines += table(report.trend_rows[0], report.trend_rows[1:])
    else:
        lines.append(_md(report.label("no_trend")))
    lines += ["", "---", "", f"{_md(report.made_on)} · {_md(report.label('source_line'))} · <{report.url}>", ""]
    return "\n".join(lines)


CSS = """
@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 8.2pt;
       line-height: 1.25; color: #1f2328; margin: 0 auto; max-width: 186mm; }
h1 { font-size: 16pt; margin: 0; } h2 { font-size: 10.5pt; margin: 6px 0 2px; border-bottom: 1px solid #d0d7de; }
.sub { color: #57606a; margin: 1px 0 6px; } .sentence { font-size: 10pt; font-weight: 600; margin: 4px 0 6px; }
.top { display: flex; gap: 10px; align-items: flex-start; } .top > div { flex: 1; min-width: 0; }
svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; } th, td { padding: 2px 4px; border-bottom: 1px solid #eaeef2;
       text-align: left; vertical-align: top; } th { background: #f6f8fa; }
td.n, th.n { text-align: right; white-space: nowrap; } table.fixed { table-layout: fixed; font-size: 7.6pt; }
.story { margin: 0 0 4px; break-inside: avoid; } .story p { margin: 1px 0; } .muted { color: #57606a; }
.legend span { display: inline-block; width: 8px; height: 8px; border-radius: 4px; margin: 0 3px 0 6px; }
footer { margin-top: 8px; padding-top: 4px; border-top: 1px solid #d0d7de; color: #57606a; font-size: 7.6pt; }
a { color: #0969da; }
"""


def html(report: ReportContent, sheet: Factsheet) -> str:
    """A self-contained page (inline style and map, no scripts, nothing fetched) that prints on one A4."""
    e = escape

    def cells(row: list[str], tag: str, numeric_from: int) -> str:
        return "".join(
            f'<{tag} class="n">{e(cell)}</{tag}>' if index >= numeric_from else f"<{tag}>{e(cell)}</{tag}>"
            for index, cell in enumerate(row)
        )

    figures = "".join(f"<tr>{cells(row, 'td', 1)}</tr>" for row in report.figure_rows)
    stories = []
    for story in report.stories:
        link = safe_url(story.source_url)
        source = f' · <a href="{e(link)}">{e(report.label("source"))}</a>' if link else ""
        stories.append(
            f'<div class="story"><p><b>{e(story.heading)}</b></p><p class="muted">{e(story.details)}{source}</p>'
            f"<p>{e(story.text)}</p></div>"
        )
    if report.more:
        stories.append(f'<p class="muted">{e(report.more)}</p>')
    chances = ""
    if report.chance_rows:
        body = "".join(f"<tr>{cells(row, 'td', 99)}</tr>" for row in report.chance_rows)
        widths = ["25%", "25%", "7%", "43%"] if len(report.chance_header) == 4 else ["23%", "23%", "7%", "35%", "12%"]
        columns = "".join(f'<col style="width:{width}">' for width in widths)
        header = cells(report.chance_header, "th", 99)
        chances = f'<table class="fixed"><colgroup>{columns}</colgroup><tr>{header}</tr>{body}</table>'

    if report.trend_rows:
        trend_body = "".join(f"<tr>{cells(row, 'td', 1)}</tr>" for row in report.trend_rows[1:])
        trend = f"<table><tr>{cells(report.trend_rows[0], 'th', 1)}</tr>{trend_body}</table>"
    else:
        trend = f'<p class="muted">{e(report.label("no_trend"))}</p>'
    legend = (
        f'<div class="legend muted"><span style="background:{LIBRARY}"></span>{e(report.label("library_sites"))}'
        f'<span style="background:{CARE}"></span>{e(report.label("care_sites"))}</div>'
    )
    notes = "".join(f'<p class="muted">{e(note)}</p>' for note in report.notes)
    return f"""<!DOCTYPE html>
<html lang="{report.lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(report.title)}: {e(report.name)}</title><style>{CSS}</style></head>
<body>
<h1>{e(report.title)}: {e(report.name)}</h1>
<p class="sub">{e(report.subtitle)}</p>
<p class="sentence">{e(report.sentence)}</p>
<h2>{e(report.label("figures"))}</h2>
<table><tr>{cells(report.figure_header, "th", 1)}</tr>{figures}</table>{notes}
<div class="top"><div><h2>{e(report.stories_title)}</h2>{"".join(stories)}</div>
<div style="flex:0 0 210px"><h2>{e(report.label("map"))}</h2>{svg(sheet, 210, 170, report.name)}{legend}</div></div>
<h2>{e(report.label("chances"))}</h2><p class="muted">{e(report.chances_intro)}</p>{chances}
<h2>{e(report.label("trend"))}</h2>{trend}
<footer>{e(report.made_on)} · {e(report.label("source_line"))} ·
{e(report.label("page_at"))}: <a href="{e(report.url)}">{e(report.url)}</a></footer>
</body></html>
"""


def render(sheet: Factsheet, output_format: str, lang: str, base_url: str, labels: Labels | None = None) -> bytes:
    """The report as bytes in ``pdf``, ``html`` or ``md``."""
    report = content(sheet, lang, base_url, labels)
    if output_format == "md":
        return markdown(report).encode("utf-8")
    if output_format == "html":
        return html(report, sheet).encode("utf-8")
    if output_format == "pdf":
        return pdf(report, sheet)
    raise ValueError(f"onbekend formaat {output_format!r} (unknown format); kies uit / choose from: {FORMATS}")


def file_name(sheet: Factsheet, output_format: str, lang: str) -> str:
    """``gebiedsprofiel-venlo.pdf``, ``area-profile-province-north-holland.pdf``: named in the reader's language
    after the area, as the page names it, with its accents dropped rather than its letters (``fryslan``, not
    ``frysl-n``). A province says so: Utrecht and Groningen are each a province and a municipality, and the
    command line writes the reports of every area into one folder."""
    name = unicodedata.normalize("NFKD", sheet.said_in(lang).area.name)
    plain = "".join(letter for letter in name if not unicodedata.combining(letter))
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or sheet.area.code.lower()
    english = lang == "en"
    kind = ("province-" if english else "provincie-") if sheet.area.is_province else ""
    return f"{'area-profile' if english else 'gebiedsprofiel'}-{kind}{slug}.{output_format}"
