"""A factsheet as a one-page PDF, laid out with ReportLab's document engine (pure Python, from PyPI).

The content goes into a frame that shrinks it to the page when it would run over, so the report is always
exactly one A4. Text uses the PDF standard font Helvetica (every Dutch letter, nothing to install), and every
value from data is escaped before it enters ReportLab's paragraph markup.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import KeepInFrame, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from graph.views.factsheet import Factsheet
from graph.views.factsheet_content import ReportContent, safe_url
from graph.views.factsheet_map import CARE, LIBRARY, picture

MARGIN = 12 * mm
FRAME_PADDING = 6  # the page frame's own padding (ReportLab's default), inside the margin
GREY = colors.HexColor("#57606a")
RULE = colors.HexColor("#d0d7de")
HEAD = colors.HexColor("#f6f8fa")
OUTLINE = colors.HexColor("#6e7781")


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()["Normal"]
    body = ParagraphStyle("body", parent=base, fontName="Helvetica", fontSize=8.2, leading=10.2)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=7.4, leading=9, textColor=GREY),
        "cell": ParagraphStyle("cell", parent=body, fontSize=7.6, leading=9.2),
        "title": ParagraphStyle("title", parent=body, fontName="Helvetica-Bold", fontSize=16, leading=19),
        "sentence": ParagraphStyle("sentence", parent=body, fontName="Helvetica-Bold", fontSize=9.6, leading=12),
        "h2": ParagraphStyle(
            "h2", parent=body, fontName="Helvetica-Bold", fontSize=10.4, leading=13, spaceBefore=6, spaceAfter=2
        ),
    }


def _map(sheet: Factsheet, width: float, height: float) -> Drawing:
    """The map's shapes as PDF vector graphics (PDF's y grows upwards, the picture's downwards)."""
    drawing = Drawing(width, height)
    shapes = picture(sheet, width, height)
    for rings, fill in shapes.areas:
        for ring in rings:
            points = [value for x, y in ring for value in (x, height - y)]
            drawing.add(Polygon(points, fillColor=colors.HexColor(fill), strokeColor=OUTLINE, strokeWidth=0.4))
    for (x1, y1), (x2, y2), colour in shapes.lines:
        drawing.add(Line(x1, height - y1, x2, height - y2, strokeColor=colors.HexColor(colour), strokeWidth=1.3))
    for (x, y), colour in shapes.sites:
        drawing.add(
            Circle(x, height - y, 2.6, fillColor=colors.HexColor(colour), strokeColor=colors.white, strokeWidth=0.4)
        )
    return drawing


def _table(rows: list[list[object]], widths: list[float] | None, numeric_from: int) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), "Helvetica", 7.6),
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 7.6),
                ("BACKGROUND", (0, 0), (-1, 0), HEAD),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def pdf(report: ReportContent, sheet: Factsheet) -> bytes:
    styles = _styles()
    width = A4[0] - 2 * MARGIN - 2 * FRAME_PADDING

    def para(value: str, style: str = "body") -> Paragraph:
        return Paragraph(escape(value), styles[style])

    map_width = 62 * mm
    figures = [[para(row[0], "cell"), *row[1:]] for row in report.figure_rows]
    header: list[object] = [para(cell, "cell") for cell in report.figure_header]
    areas = (len(report.figure_header) - 1) // 2
    label_width = width - map_width - 2 * mm - areas * 30 * mm
    figure_widths = [label_width] + [18 * mm, 12 * mm] * areas
    left: list[Flowable] = [
        para(report.label("figures"), "h2"),
        _table([header, *figures], figure_widths, 1),
        *(para(note, "small") for note in report.notes),
    ]
    legend = Paragraph(
        f'<font color="{LIBRARY}" size="11">•</font> {escape(report.label("library_sites"))} '
        f'<font color="{CARE}" size="11">•</font> {escape(report.label("care_sites"))}',
        styles["small"],
    )
    right: list[Flowable] = [para(report.label("map"), "h2"), _map(sheet, map_width, 48 * mm), legend]
    top = Table([[left, right]], colWidths=[width - map_width - 2 * mm, map_width + 2 * mm])
    top.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))

    story: list[Flowable] = [
        Paragraph(f"{escape(report.title)}: {escape(report.name)}", styles["title"]),
        para(report.subtitle, "small"),
        Spacer(0, 3),
        para(report.sentence, "sentence"),
        top,
        para(report.stories_title, "h2"),
    ]
    for item in report.stories:
        link = safe_url(item.source_url)
        source = f' · <a href="{escape(link)}" color="#0969da">{escape(report.label("source"))}</a>' if link else ""
        story.append(Paragraph(f"<b>{escape(item.heading)}</b>", styles["body"]))
        story.append(Paragraph(escape(item.details) + source, styles["small"]))
        story.append(Paragraph(escape(item.text), styles["body"]))
        story.append(Spacer(0, 2.5))
    if report.more:
        story.append(para(report.more, "small"))
    story += [para(report.label("chances"), "h2"), para(report.chances_intro, "small")]
    if report.chance_rows:
        columns = len(report.chance_header)
        widths = [34 * mm, 34 * mm, 14 * mm] + [(width - 82 * mm - (22 * mm if columns > 4 else 0))]
        widths += [22 * mm] if columns > 4 else []
        rows = [[para(cell, "cell") for cell in row] for row in [report.chance_header, *report.chance_rows]]
        story.append(_table(rows, widths, 99))
    story.append(para(report.label("trend"), "h2"))
    if report.trend_rows:
        columns = len(report.trend_rows[0]) - 1
        first = 34 * mm
        story.append(_table(report.trend_rows, [first] + [(width - first) / columns] * columns, 1))  # type: ignore[arg-type]
    else:
        story.append(para(report.label("no_trend"), "small"))
    story += [
        Spacer(0, 6),
        Paragraph(
            f"{escape(report.made_on)} · {escape(report.label('source_line'))} · {escape(report.label('page_at'))}: "
            f'<a href="{escape(report.url)}" color="#0969da">{escape(report.url)}</a>',
            styles["small"],
        ),
    ]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"{report.title}: {report.name}",
        author="Passend Werk Atlas",
        lang=report.lang,
    )
    # One page, always: what would not fit is scaled down as a whole instead of running onto a second page.
    document.build([KeepInFrame(width, A4[1] - 2 * MARGIN - 2 * FRAME_PADDING - 1, story, mode="shrink")])
    return buffer.getvalue()
