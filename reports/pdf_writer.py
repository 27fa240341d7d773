"""The PDF writer of a :class:`reports.parts.Document` (reportlab; the reference rendering).

Each block becomes the flowables of :mod:`reports.document`; a table followed by the signature block
travels with it (:class:`KeepWithTail`: the last rows go over with the signature, which so never
stands alone on a page); a draft carries a boxed "DỰ THẢO" in the top margin of its first page.
"""
from __future__ import annotations

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle

from models.common.bulk import without_gc_passes
from reports.document import (
    DocumentHeader, PageLayout, PagedTable, build_document, data_table, document_styles, grid_style, header_block,
    paragraph, signature_block, styles_for, title_block,
)
from reports.paged_table import CellParagraph
from reports.parts import Closing, Document, Grid, Header, Heading, NewPage, Spacing, Text
from reports.wording import markup, nfc

DRAFT = "DỰ THẢO"
TAIL_ROWS = 2  # the rows of a table that go over to the signature's page with it


class RestartPageNumbers(Flowable):
    """Put at the top of a document's first page inside a bound set of documents: page numbers
    count again from 1 there (and page 1 carries none, see reports.document)."""

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        doc = self.canv._doctemplate
        doc.page_offset = doc.page - 1


class DraftStamp(Flowable):
    """"DỰ THẢO" in a box, drawn in the top margin at the right edge of the text area; takes no room."""

    def __init__(self, layout: PageLayout):
        super().__init__()
        self._layout = layout

    def wrap(self, available_width, available_height):
        self._width = available_width
        return 0, 0

    def draw(self):
        st = styles_for(self._layout)
        size = 13
        text_w = self.canv.stringWidth(DRAFT, st.fonts.bold, size)
        box_w, box_h = text_w + 6 * mm, 8 * mm
        x = self._width - box_w
        y = 4 * mm  # above the top of the text area, inside the margin
        self.canv.saveState()
        self.canv.setLineWidth(1)
        self.canv.rect(x, y, box_w, box_h, stroke=1, fill=0)
        self.canv.setFont(st.fonts.bold, size)
        self.canv.drawCentredString(x + box_w / 2, y + (box_h - size * 0.7) / 2, DRAFT)
        self.canv.restoreState()


class KeepWithTail(Flowable):
    """A table and the flowables closing the document after it (totals, signature block): when they
    do not fit together, the table's last rows go over to the next page with them, so that the
    signature never opens a page alone. Uses only the table's ``wrap`` and ``split``."""

    def __init__(self, table: Flowable, tail: list[Flowable], rows: int = TAIL_ROWS,
                 _heights: dict[float, float] | None = None):
        super().__init__()
        self._table = table
        self._tail = tail
        self._rows = rows
        self._heights = {} if _heights is None else _heights  # the tail's height by width, for every page

    def _tail_height(self, width: float) -> float:
        # Asked on every page of a long table: the tail's paragraphs are wrapped once per width.
        if width not in self._heights:
            self._heights[width] = sum(f.wrap(width, 1e9)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                                       for f in self._tail)
        return self._heights[width]

    def wrap(self, availWidth, availHeight):
        self._avail_width = availWidth
        self._table_h = self._table.wrap(availWidth, availHeight)[1]
        self._tail_h = self._tail_height(availWidth)
        return availWidth, self._table_h + self._tail_h

    def split(self, availWidth, availHeight):
        table_h = self._table.wrap(availWidth, availHeight)[1]
        tail_h = self._tail_height(availWidth)
        if table_h + tail_h <= availHeight:
            return [self._table, *self._tail]
        if table_h > availHeight:  # the table breaks on this page anyway: carry the tail with its rest
            parts = self._table.split(availWidth, availHeight)
            if len(parts) < 2:
                return parts
            return [*parts[:-1], KeepWithTail(parts[-1], self._tail, self._rows, self._heights)]
        # The table fits, the tail does not: cut the table so that its last rows go with the tail.
        available = table_h - 1
        parts: list[Flowable] = []
        for _ in range(self._rows):
            attempt = self._table.split(availWidth, available)
            if len(attempt) < 2:
                break
            parts = attempt
            available = attempt[0].wrap(availWidth, availHeight)[1] - 1
        if not parts:  # too few rows to cut: the table moves to the next page with its tail
            at_top = getattr(getattr(self, "_frame", None), "_atTop", False)
            return [self._table, *self._tail] if at_top else [PageBreak(), self._table, *self._tail]
        return [*parts[:-1], PageBreak(), parts[-1], *self._tail]

    def drawOn(self, canvas, x, y, _sW=0):
        """Everything fits: the table, then the tail under it."""
        top = y + self._table_h + self._tail_h - self._table_h
        self._table.drawOn(canvas, x, top, _sW)
        for f in self._tail:
            h = f.wrap(self._avail_width, 1e9)[1]
            top -= f.getSpaceBefore() + h
            f.drawOn(canvas, x, top, _sW)
            top -= f.getSpaceAfter()


def _style(kind: str, layout: PageLayout) -> ParagraphStyle:
    st = styles_for(layout)
    f = st.fonts
    base = st.body
    table = {
        "body": dict(alignment=TA_JUSTIFY, firstLineIndent=10 * mm),
        "plain": dict(alignment=TA_LEFT),
        "bold": dict(fontName=f.bold, alignment=TA_LEFT),
        "italic": dict(fontName=f.italic, alignment=TA_LEFT),
        "bold-italic": dict(fontName=f.bolditalic, alignment=TA_LEFT),
        "small-italic": dict(fontName=f.italic, alignment=TA_LEFT, fontSize=11, leading=13, spaceBefore=4),
        "center": dict(alignment=TA_CENTER),
        "center-bold": dict(fontName=f.bold, alignment=TA_CENTER, fontSize=14, leading=17),
        "center-italic": dict(fontName=f.italic, alignment=TA_CENTER),
        "section": dict(fontName=f.bold, alignment=TA_LEFT),
        "article": dict(alignment=TA_JUSTIFY, firstLineIndent=10 * mm),
    }
    return ParagraphStyle(f"text-{kind}-{base.fontSize}", parent=base, **table[kind])


def _text(block: Text, layout: PageLayout) -> Paragraph:
    lead = f"<b>{markup(block.lead)}</b> " if nfc(block.lead).strip() else ""
    p = Paragraph(lead + markup(block.text), _style(block.kind, layout))
    p.keepWithNext = block.keep_with_next
    return p


def _two_row_header(block: Grid) -> Table:
    """The header of a grid with ``groups``: the group headings over their columns' headings, a
    column without a group spanning both rows."""
    st = document_styles()
    columns = list(block.columns)
    top, bottom, style = [], [], grid_style(st)
    col = 0
    for text, span in block.groups:
        if text is None:
            top.append(paragraph(columns[col].heading, st.table_header))
            bottom.append("")
            style.append(("SPAN", (col, 0), (col, 1)))
        else:
            top += [paragraph(text, st.table_header)] + [""] * (span - 1)
            bottom += [paragraph(c.heading, st.table_header) for c in columns[col:col + span]]
            if span > 1:
                style.append(("SPAN", (col, 0), (col + span - 1, 0)))
        col += span
    return Table([top, bottom], colWidths=[c.width for c in columns], style=TableStyle(style))


def _grid(block: Grid) -> Flowable:
    st = document_styles()
    columns = list(block.columns)
    group_style = ParagraphStyle("grid-group", parent=st.cell["LEFT"], fontName=st.fonts.bold)
    total_style = ParagraphStyle("grid-total", parent=st.cell["CENTER"], fontName=st.fonts.bold)
    rows: list[list] = []
    row_styles: dict[int, list[tuple]] = {}
    keep: set[int] = set()
    continued: dict[int, list] = {}
    blank = [""] * (len(columns) - 1)
    for row in block.rows:
        index = len(rows)
        if row.keep_with_next:
            keep.add(index)
        if row.kind == "group":
            row_styles[index] = [("SPAN", (0, 0), (-1, 0))]
            rows.append([CellParagraph(markup(row.cells[0]), group_style), *blank])
            if row.continued:
                continued[index] = [CellParagraph(markup(row.continued), group_style), *blank]
        elif row.kind == "total":
            row_styles[index] = [("SPAN", (0, 0), (-2, 0)), ("FONTNAME", (-1, 0), (-1, 0), st.fonts.bold)]
            rows.append([Paragraph(markup(row.cells[0]), total_style)] + [""] * (len(columns) - 2)
                        + [nfc(row.cells[-1])])
        elif row.kind == "bold":
            # A per-row FONTNAME would not follow the row onto its page: the row carries bold paragraphs.
            rows.append([Paragraph(f"<b>{markup(v)}</b>", st.cell[c.align]) for v, c in zip(row.cells, columns)])
        else:
            rows.append(list(row.cells))
    if block.groups:
        # data_table repeats a single header row: here that row is one cell spanning the table and
        # holding the two-row header as a nested table with the same column widths.
        header = [_two_row_header(block)] + [""] * (len(columns) - 1)
        body = []
        for row in rows:
            body.append([v if isinstance(v, Flowable) else CellParagraph(markup(v), st.cell[c.align]) if c.wrap
                         else nfc(v) for v, c in zip(row, columns)])
        style = grid_style(st) + [("SPAN", (0, 0), (-1, 0))] + [
            (name, (0, 0), (-1, 0), 0) for name in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")]
        for i, c in enumerate(columns):
            style.append(("ALIGN", (i, 1), (i, -1), c.align))
        return PagedTable(header, body, [c.width for c in columns], style, row_styles=row_styles,
                          keep_with_next=frozenset(keep))
    return data_table(columns, rows, empty_text=block.empty_text, row_styles=row_styles,
                      keep_with_next=frozenset(keep), continued=continued)


def flowables(doc: Document) -> list[Flowable]:
    """The story of ``doc``."""
    layout = doc.layout
    story: list[Flowable] = [RestartPageNumbers()]
    blocks = list(doc.blocks)
    for i, block in enumerate(blocks):
        if isinstance(block, Header):
            if block.draft:
                story.append(DraftStamp(layout))
            header = block.header
            if block.attached:
                header = DocumentHeader(parent_body=header.parent_body, issuing_body=header.issuing_body,
                                        number="", number_suffix="", place=header.place, date=None)
            story.append(header_block(header, layout, dated=not block.attached))
        elif isinstance(block, Heading):
            story += title_block(block.title, layout, subtitle=block.subtitle, reference=block.reference,
                                 note=block.note, rule=block.rule, deadlines=block.deadlines)
        elif isinstance(block, Text):
            story.append(_text(block, layout))
        elif isinstance(block, Grid):
            story.append(_grid(block))
        elif isinstance(block, Spacing):
            story.append(Spacer(1, block.mm * mm))
        elif isinstance(block, NewPage):
            story += [PageBreak(), RestartPageNumbers()]
        elif isinstance(block, Closing):
            before = [_text(t, layout) for t in block.before]
            if block.signature is None:
                tail = before
            else:
                tail = list(signature_block(block.signature, list(block.recipients), layout, before=before,
                                            left_signature=block.left)._content)  # the KeepTogether's parts
            if i and isinstance(blocks[i - 1], Grid):
                story[-1] = KeepWithTail(story[-1], tail)
            elif block.signature is None:
                story += tail
            else:
                story.append(KeepTogether(tail))
    return story


def write_pdf(doc: Document) -> bytes:
    with without_gc_passes():  # the rows of a long list too (see build_document)
        return build_document(flowables(doc), doc.layout, title=doc.title)


__all__ = ["DRAFT", "DraftStamp", "KeepWithTail", "RestartPageNumbers", "flowables", "write_pdf"]
