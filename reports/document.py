"""The shared parts of an official Vietnamese administrative document (Decree 30/2020/NĐ-CP).

A report module builds a story from the pieces here (header, title, data table, signature block)
and hands it to :func:`build_document`, which returns PDF bytes. Fonts come from
:mod:`reports.fonts`, styles from :func:`document_styles`, the page template from
:class:`PageLayout`; the content stays in the report modules. Every string passes through
:func:`nfc` before it is drawn (reportlab does no mark positioning, so decomposed text would print
detached accents) and through :func:`markup` when it goes into a Paragraph.
"""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Sequence

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as _landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    KeepTogether,
    BaseDocTemplate,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from models.common.bulk import without_gc_passes
from models.store.settings import CouncilNames

from reports.fonts import FontFamily, document_fonts
from reports.paged_table import CellParagraph, PagedTable
from reports.wording import markup, nfc, place_date_line, upper

NBSP = "\u00a0"


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class DocumentHeader:
    """The two-column header: issuing body with its number on the left, national motto and the
    place-date line on the right. An empty ``number`` prints a blank to be filled in by hand
    ("Số:        /DS-HĐTĐKT"); a ``number`` without "/" gets ``number_suffix`` appended."""

    parent_body: str = CouncilNames.parent_body
    issuing_body: str = CouncilNames.issuing_body
    number: str = ""
    number_suffix: str = "DS-HĐTĐKT"
    place: str = CouncilNames.place
    date: dt.date | None = None


@dataclass(frozen=True)
class Signature:
    """The signer: authority prefix ("TM. ...", "KT. CHỦ TỊCH"), title, and name (may be empty)."""

    authority: str = "TM. HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"
    title: str = "CHỦ TỊCH"
    name: str = ""


@dataclass(frozen=True, kw_only=True)
class OfficialParts:
    """What an official document prints around its content (given by keyword): the two-column
    header, the signer and the "Nơi nhận" list. The reports' input records extend it."""

    header: DocumentHeader = field(default_factory=DocumentHeader)
    signature: Signature = field(default_factory=Signature)
    recipients: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Column:
    """One column of a data table. ``width`` is in points; ``align`` is LEFT, CENTER or RIGHT.
    ``wrap=False`` prints the cells as plain one-line strings (faster; for numbers and dates)."""

    heading: str
    width: float
    align: str = "LEFT"
    wrap: bool = True


@dataclass(frozen=True)
class PageLayout:
    """A4 page with the Decree 30 margins; landscape keeps the same logical margins."""

    landscape: bool = False
    top: float = 20 * mm
    bottom: float = 20 * mm
    left: float = 30 * mm
    right: float = 15 * mm

    @property
    def size(self) -> tuple[float, float]:
        return _landscape(A4) if self.landscape else A4

    @property
    def frame_width(self) -> float:
        return self.size[0] - self.left - self.right

    @property
    def frame_height(self) -> float:
        return self.size[1] - self.top - self.bottom


def scaled_columns(spec, layout: PageLayout) -> list[Column]:
    """Columns from ``spec`` rows (heading, width in mm, align, wrap), their widths scaled to fill
    the layout's frame."""
    scale = layout.frame_width / (sum(c[1] for c in spec) * mm)
    return [Column(h, w * mm * scale, align, wrap) for h, w, align, wrap in spec]


def number_line(header: DocumentHeader) -> str:
    """"Số: 15/DS-HĐTĐKT", or "Số:        /DS-HĐTĐKT" with a blank to fill in; empty when the
    header has neither a number nor a suffix (attached lists often carry none)."""
    number, suffix = nfc(header.number).strip(), nfc(header.number_suffix).strip()
    if number and "/" in number:
        return f"Số: {number}"
    if number:
        return f"Số: {number}/{suffix}" if suffix else f"Số: {number}"
    if suffix:
        return f"Số:{NBSP * 10}/{suffix}"
    return ""


# --------------------------------------------------------------------------- styles


@dataclass(frozen=True)
class DocumentStyles:
    """Paragraph styles of an official document, all in one font family."""

    fonts: FontFamily
    header_size: float
    parent_body: ParagraphStyle
    issuing_body: ParagraphStyle
    number: ParagraphStyle
    nation: ParagraphStyle
    motto: ParagraphStyle
    place_date: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    reference: ParagraphStyle
    body: ParagraphStyle
    table_header: ParagraphStyle
    cell: dict[str, ParagraphStyle]
    recipients_heading: ParagraphStyle
    recipient: ParagraphStyle
    signer: ParagraphStyle
    page_number_size: float = 13
    table_font_size: float = 12
    table_leading: float = 14


@lru_cache(maxsize=None)
def document_styles(header_size: float = 13) -> DocumentStyles:
    """Styles with the header lines in ``header_size`` pt (12 or 13; the motto one point larger)."""
    f = document_fonts()

    def style(name, font, size, align=TA_CENTER, leading=None, **kw):
        return ParagraphStyle(
            name, fontName=font, fontSize=size, leading=leading or round(size * 1.2, 1), alignment=align, **kw
        )

    cell = {
        "LEFT": style("cell-left", f.regular, 12, TA_LEFT, 14),
        "CENTER": style("cell-center", f.regular, 12, TA_CENTER, 14),
        "RIGHT": style("cell-right", f.regular, 12, TA_RIGHT, 14),
    }
    return DocumentStyles(
        fonts=f,
        header_size=header_size,
        parent_body=style("parent-body", f.regular, header_size),
        issuing_body=style("issuing-body", f.bold, header_size),
        number=style("number", f.regular, 13),
        nation=style("nation", f.bold, header_size),
        motto=style("motto", f.bold, header_size + 1),
        place_date=style("place-date", f.italic, 14),
        title=style("title", f.bold, 14, spaceBefore=6),
        subtitle=style("subtitle", f.bold, 14),
        reference=style("reference", f.italic, 14),
        body=style("body", f.regular, 13, TA_LEFT, 16, spaceBefore=6),
        table_header=style("table-header", f.bold, 12, TA_CENTER, 14),
        cell=cell,
        recipients_heading=style("recipients-heading", f.bolditalic, 12, TA_LEFT),
        recipient=style("recipient", f.regular, 11, TA_LEFT, 13),
        signer=style("signer", f.bold, header_size + 1),
    )


def styles_for(layout: PageLayout) -> DocumentStyles:
    """12 pt header lines on a portrait page (the two columns would not fit at 13 pt), else 13."""
    return document_styles(13 if layout.frame_width >= 200 * mm else 12)


def paragraph(text: object, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of plain ``text`` (escaped and NFC-normalised)."""
    return Paragraph(markup(text), style)


# --------------------------------------------------------------------------- header and title


def two_lines(text: str, style: ParagraphStyle, width: float) -> str:
    """``text`` unchanged if it fits on one line of ``width``, else broken once (a "\\n") where
    the two lines are most even, preferring the break after a " - " so that a name such as
    "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" does not split inside "THI ĐUA"."""
    text = nfc(text).strip()

    def fits(line: str) -> bool:
        return stringWidth(line, style.fontName, style.fontSize) <= width

    if "\n" in text or fits(text):
        return text
    words = text.split(" ")
    breaks = [i for i in range(1, len(words))]
    after_dash = [i for i in breaks if words[i - 1] == "-"]
    for candidates in (after_dash, breaks):
        good = [i for i in candidates if fits(" ".join(words[:i])) and fits(" ".join(words[i:]))]
        if good:
            best = min(good, key=lambda i: abs(
                stringWidth(" ".join(words[:i]), style.fontName, style.fontSize)
                - stringWidth(" ".join(words[i:]), style.fontName, style.fontSize)))
            return " ".join(words[:best]) + "\n" + " ".join(words[best:])
    return text  # too long even for two lines: let the Paragraph wrap it


def _longest_line_width(text: str, font: str, size: float, limit: float) -> float:
    return min(limit, max(stringWidth(line, font, size) for line in text.split("\n")))


def header_block(header: DocumentHeader, layout: PageLayout, dated: bool = True) -> Flowable:
    """The two-column header. The "Số" line and the place-date line share a row so they align;
    ``dated=False`` (a list attached to a decision) leaves that row out."""
    st = styles_for(layout)
    total = layout.frame_width
    left_w = 100 * mm if total >= 200 * mm else 75 * mm
    right_w = total - left_w

    left: list[Flowable] = []
    if nfc(header.parent_body).strip():
        left.append(paragraph(two_lines(upper(header.parent_body), st.parent_body, left_w), st.parent_body))
    issuing = two_lines(upper(header.issuing_body), st.issuing_body, left_w)
    if issuing:
        left.append(paragraph(issuing, st.issuing_body))
        # Decree 30: a solid line a third to a half as long as the line of text, centred.
        text_w = _longest_line_width(issuing, st.issuing_body.fontName, st.issuing_body.fontSize, left_w)
        left.append(HRFlowable(width=text_w * 0.4, thickness=0.6, color=colors.black, spaceBefore=2.5, hAlign="CENTER"))

    motto = "Độc lập - Tự do - Hạnh phúc"
    motto_w = stringWidth(motto, st.motto.fontName, st.motto.fontSize)
    right: list[Flowable] = [
        paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", st.nation),
        paragraph(motto, st.motto),
        HRFlowable(width=motto_w, thickness=0.6, color=colors.black, spaceBefore=2.5, hAlign="CENTER"),
    ]
    number = number_line(header)
    rows = [[left, right]]
    if dated:
        rows.append([paragraph(number, st.number) if number else "",
                     paragraph(place_date_line(header.place, header.date), st.place_date)])
    table = Table(
        rows,
        colWidths=[left_w, right_w],
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, 0), 0),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 0),
                ("TOPPADDING", (0, 1), (-1, 1), 6),
            ]
        ),
    )
    table.hAlign = "LEFT"
    return table


def rule_width(lines: Sequence[str], style: ParagraphStyle, width: float) -> float:
    """The short solid line under a trích yếu (Decree 30, Phụ lục I: a third to a half of the line
    of text above it): 0.4 of the longest line, as printed within ``width``."""
    longest = max((min(width, stringWidth(line, style.fontName, style.fontSize)) for line in lines if line.strip()),
                  default=0.0)
    return 0.4 * longest


def title_block(
    title: str, layout: PageLayout, subtitle: str = "", reference: str = "", note: str = "", rule: bool = False,
    deadlines: str = "",
) -> list[Flowable]:
    """Title (upper case, bold, centred), optional bold subtitle, the campaign's deadlines (italic),
    optional italic reference line ("(Kèm theo Quyết định số ...)", see :func:`attachment_reference`)
    and optional italic note; ``rule``: the short line under them (see :func:`rule_width`)."""
    st = styles_for(layout)
    parts: list[Flowable] = [Spacer(1, 8 * mm), paragraph(upper(title), st.title)]
    lines = upper(title).split("\n")
    if nfc(subtitle).strip():
        parts.append(paragraph(subtitle, st.subtitle))
        lines += nfc(subtitle).split("\n")
    for extra in (deadlines, reference, note):
        if nfc(extra).strip():
            parts.append(paragraph(extra, st.reference))
    if rule:
        parts.append(HRFlowable(width=rule_width(lines, st.title, layout.frame_width), thickness=0.6,
                                color=colors.black, spaceBefore=3, hAlign="CENTER"))
    parts.append(Spacer(1, 5 * mm))
    return parts


# --------------------------------------------------------------------------- data table


def grid_style(st: DocumentStyles) -> list[tuple]:
    """The rules, padding and font every ruled table of the documents shares."""
    return [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("FONTNAME", (0, 0), (-1, -1), st.fonts.regular),
        ("FONTSIZE", (0, 0), (-1, -1), st.table_font_size),
        ("LEADING", (0, 0), (-1, -1), st.table_leading),
    ]


def data_table(columns: Sequence[Column], rows: Sequence[Sequence[object]], empty_text: str = "",
               row_styles: dict[int, list[tuple]] | None = None,
               keep_with_next: frozenset[int] = frozenset(), continued: dict[int, list] | None = None) -> Flowable:
    """A ruled table with the header row repeated at the top of every page, fixed column widths
    and wrapped cells. ``rows`` hold plain text (``None`` prints empty) or ready flowables. With no
    rows, one row spanning the table shows ``empty_text``. ``row_styles``, ``keep_with_next`` and
    ``continued``: see :class:`PagedTable` (group headings, their continuations, total rows)."""
    st = document_styles()
    header = [paragraph(c.heading, st.table_header) for c in columns]
    body: list[list] = []
    for row in rows:
        cells = []
        for column, value in zip(columns, row):
            if isinstance(value, Flowable):
                cells.append(value)
            elif column.wrap:
                cells.append(CellParagraph(markup(value), st.cell[column.align]))
            else:
                cells.append(nfc(value))
        body.append(cells)
    style = grid_style(st)
    for i, column in enumerate(columns):
        style.append(("ALIGN", (i, 1), (i, -1), column.align))
    if not body:
        body = [[paragraph(empty_text, st.cell["CENTER"])] + [""] * (len(columns) - 1)]
        style.append(("SPAN", (0, 1), (-1, 1)))
    return PagedTable(header, body, [c.width for c in columns], style, row_styles=row_styles,
                      keep_with_next=keep_with_next, continued=continued)


# --------------------------------------------------------------------------- signature


def _signer(signature: Signature, st: DocumentStyles, width: float) -> list[Flowable]:
    """Authority, title, room to sign, name."""
    parts: list[Flowable] = []
    for line in (signature.authority, signature.title):
        if nfc(line).strip():
            parts.append(paragraph(two_lines(upper(line), st.signer, width), st.signer))
    parts.append(Spacer(1, 25 * mm))
    parts.append(paragraph(signature.name, st.signer))
    return parts


def signature_block(signature: Signature, recipients: Sequence[str], layout: PageLayout,
                    before: Sequence[Flowable] = (), left_signature: Signature | None = None) -> Flowable:
    """Nơi nhận on the left, the signer on the right (authority, title, room to sign, name),
    kept together on one page with the flowables ``before`` it (a totals line, say);
    ``left_signature``: a second signer on the left instead of Nơi nhận (the minutes)."""
    st = styles_for(layout)
    total = layout.frame_width
    right_w = 120 * mm if total >= 200 * mm else 95 * mm
    left_w = total - right_w

    left: list[Flowable] = []
    if left_signature is not None:
        right_w = left_w = total / 2
        left = _signer(left_signature, st, left_w)
    elif recipients:
        left.append(paragraph("Nơi nhận:", st.recipients_heading))
        for item in recipients:
            item = nfc(item).strip()
            left.append(paragraph(item if item.startswith("-") else f"- {item}", st.recipient))
    right = _signer(signature, st, right_w)
    table = Table(
        [[left or "", right]],
        colWidths=[left_w, right_w],
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )
    table.hAlign = "LEFT"
    return KeepTogether([*before, Spacer(1, 6 * mm), table])


# --------------------------------------------------------------------------- document


def _draw_page_number(layout: PageLayout, canvas, doc) -> None:
    """Page numbers from page 2 on, centred in the top margin (numbers only); drawn at the end of
    the page, so a document bound after others restarts at 1 (``page_offset``, see
    reports.award_list.RestartPageNumbers)."""
    number = doc.page - getattr(doc, "page_offset", 0)
    if number < 2:
        return
    st = styles_for(layout)
    height = layout.size[1]
    canvas.saveState()
    canvas.setFont(st.fonts.regular, st.page_number_size)
    canvas.drawCentredString(layout.left + layout.frame_width / 2, height - layout.top / 2 - 4, str(number))
    canvas.restoreState()


def build_document(story: Sequence[Flowable], layout: PageLayout, title: str = "") -> bytes:
    """The PDF of ``story`` on A4 with the Decree 30 margins and page numbers from page 2 on.
    Identical input gives byte-identical output (``invariant=1``).

    A BaseDocTemplate rather than SimpleDocTemplate: the latter's frame adds 6 pt of padding on
    each side, which would narrow the text area below the Decree 30 margins."""
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=layout.size,
        topMargin=layout.top,
        bottomMargin=layout.bottom,
        leftMargin=layout.left,
        rightMargin=layout.right,
        title=nfc(title),
        author="TĐKT",
        creator="TĐKT",
        invariant=1,
    )
    # No frame padding: the text area is exactly the page minus the Decree 30 margins.
    frame = Frame(layout.left, layout.bottom, layout.frame_width, layout.frame_height, id="text",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="document", frames=[frame], onPageEnd=partial(_draw_page_number, layout))])
    # A long list makes a few hundred thousand small objects (cells, lines, operators), hardly any in a
    # cycle: the collector's passes over them cost 0.3-0.5 s at 20,000 rows, and grow faster than the rows.
    with without_gc_passes():
        doc.build(list(story))
    return buffer.getvalue()


__all__ = [
    "Column",
    "DocumentHeader",
    "DocumentStyles",
    "PageLayout",
    "PagedTable",
    "Signature",
    "build_document",
    "data_table",
    "document_styles",
    "header_block",
    "number_line",
    "paragraph",
    "signature_block",
    "styles_for",
    "title_block",
    "two_lines",
]
