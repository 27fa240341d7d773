"""The Word writer of a :class:`reports.parts.Document` (python-docx), for the office to edit before
signing. Same content and layout rules as the PDF (reports.pdf_writer, the reference): A4 with the
Decree 30 margins, Times New Roman (the PDF's Liberation Serif is metric-compatible with it), the
same sizes, the header row of every table repeated on each page (``w:tblHeader``), rows that never
break across pages, the last rows kept with the signature block, page numbers from page 2 on.
"""
from __future__ import annotations

import io

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from reports.document import DocumentHeader, PageLayout, number_line
from reports.parts import Closing, Document, Grid, Header, Heading, NewPage, Spacing, Text
from reports.pdf_writer import DRAFT, TAIL_ROWS
from reports.wording import nfc, place_date_line, upper

FONT = "Times New Roman"
ALIGN = {"LEFT": WD_ALIGN_PARAGRAPH.LEFT, "CENTER": WD_ALIGN_PARAGRAPH.CENTER, "RIGHT": WD_ALIGN_PARAGRAPH.RIGHT}
MOTTO = "Độc lập - Tự do - Hạnh phúc"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def _points(value: float) -> Pt:
    return Pt(round(value, 2))


def _set_font(run, size: float, bold=False, italic=False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold = bold or None
    run.italic = italic or None
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), FONT)


def _paragraph(container, text: str = "", size: float = 13, bold=False, italic=False, align="LEFT",
               before: float = 0, after: float = 0, indent: float = 0, keep=False):
    p = container.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY if align == "JUSTIFY" else ALIGN[align]
    fmt = p.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.line_spacing = 1.15 if size >= 13 else 1.0
    if indent:
        fmt.first_line_indent = Mm(indent)
    if keep:
        fmt.keep_with_next = True
    for i, line in enumerate(nfc(text).split("\n")):
        if i:
            p.add_run().add_break(WD_BREAK.LINE)
        if line:
            _set_font(p.add_run(line), size, bold, italic)
    return p


def _border(p, sides=("bottom",), size=6) -> None:
    """Solid borders on ``p`` (in eighths of a point)."""
    pPr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for side in sides:
        edge = OxmlElement(f"w:{side}")
        for key, value in (("val", "single"), ("sz", str(size)), ("space", "1"), ("color", "000000")):
            edge.set(qn(f"w:{key}"), value)
        borders.append(edge)
    pPr.append(borders)


def _short_line(container, line_width: float, room: float) -> None:
    """A centred solid line ``line_width`` points long in a column ``room`` points wide."""
    p = _paragraph(container, "", size=4, align="CENTER")
    side = max(0.0, (room - line_width) / 2)
    p.paragraph_format.left_indent = _points(side)
    p.paragraph_format.right_indent = _points(side)
    _border(p)


def _no_borders(table) -> None:
    tblPr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    tblPr.append(borders)


def _widths(table, widths) -> None:
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = _points(width)


def _row_flag(row, name: str) -> None:
    trPr = row._tr.get_or_add_trPr()
    flag = OxmlElement(f"w:{name}")
    flag.set(qn("w:val"), "true")
    trPr.append(flag)


def _cell_text(cell, text: str, size: float = 12, bold=False, italic=False, align="LEFT", keep=False) -> None:
    """``text`` as the cell's only paragraph (a merged cell holds its parts' paragraphs: all go)."""
    for p in list(cell.paragraphs):
        p._p.getparent().remove(p._p)
    _paragraph(cell, text, size=size, bold=bold, italic=italic, align=align, keep=keep)


class _Writer:
    def __init__(self, doc: Document):
        self.layout: PageLayout = doc.layout
        self.docx = new_docx()
        self._setup(self.docx.sections[0])
        body = self.docx.element.body
        for p in list(body.iterchildren(qn("w:p"))):  # the template's empty first paragraph
            body.remove(p)
        self.blocks = list(doc.blocks)
        self.docx.core_properties.title = nfc(doc.title)
        self.docx.core_properties.author = "TĐKT"

    @property
    def header_size(self) -> float:
        return 13 if self.layout.frame_width >= 200 * 72 / 25.4 else 12

    def _setup(self, section) -> None:
        layout = self.layout
        width, height = layout.size
        section.orientation = WD_ORIENT.LANDSCAPE if layout.landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = _points(width), _points(height)
        section.top_margin, section.bottom_margin = _points(layout.top), _points(layout.bottom)
        section.left_margin, section.right_margin = _points(layout.left), _points(layout.right)
        section.header_distance = Mm(8)
        section.different_first_page_header_footer = True  # page numbers from page 2 on (Decree 30)
        section.header.is_linked_to_previous = False
        p = section.header.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "2"
        run.append(text)
        field.append(run)
        p._p.append(field)
        sectPr = section._sectPr
        numbers = OxmlElement("w:pgNumType")
        numbers.set(qn("w:start"), "1")
        sectPr.append(numbers)

    # ------------------------------------------------------------------ blocks

    def header(self, block: Header) -> None:
        h: DocumentHeader = block.header
        size = self.header_size
        total = self.layout.frame_width
        left_w = 100 * 72 / 25.4 if total >= 200 * 72 / 25.4 else 75 * 72 / 25.4
        if block.draft:
            p = _paragraph(self.docx, "", align="RIGHT")
            run = p.add_run(f" {DRAFT} ")
            _set_font(run, 13, bold=True)
            bdr = OxmlElement("w:bdr")
            for key, value in (("val", "single"), ("sz", "8"), ("space", "2"), ("color", "000000")):
                bdr.set(qn(f"w:{key}"), value)
            run._element.get_or_add_rPr().append(bdr)
        rows = 1 if block.attached else 2
        table = self.docx.add_table(rows=rows, cols=2)
        _no_borders(table)
        _widths(table, [left_w, total - left_w])
        left, right = table.rows[0].cells
        left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
        right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
        if nfc(h.parent_body).strip():
            _paragraph(left, upper(h.parent_body), size=size, align="CENTER")
        if nfc(h.issuing_body).strip():
            _paragraph(left, upper(h.issuing_body), size=size, bold=True, align="CENTER")
            longest = max(len(line) for line in upper(h.issuing_body).split("\n"))
            _short_line(left, min(left_w, longest * size * 0.62) * 0.4, left_w)
        _paragraph(right, NATION, size=size, bold=True, align="CENTER")
        _paragraph(right, MOTTO, size=size + 1, bold=True, align="CENTER")
        _short_line(right, len(MOTTO) * (size + 1) * 0.5, total - left_w)
        if not block.attached:
            number, date = table.rows[1].cells
            _cell_text(number, number_line(h), size=13, align="CENTER")
            _cell_text(date, place_date_line(h.place, h.date), size=14, italic=True, align="CENTER")

    def heading(self, block: Heading) -> None:
        _paragraph(self.docx, upper(block.title), size=14, bold=True, align="CENTER", before=18)
        lines = upper(block.title).split("\n")
        if nfc(block.subtitle).strip():
            _paragraph(self.docx, block.subtitle, size=14, bold=True, align="CENTER")
            lines += nfc(block.subtitle).split("\n")
        for extra in (block.deadlines, block.reference, block.note):
            if nfc(extra).strip():
                _paragraph(self.docx, extra, size=14, italic=True, align="CENTER")
        if block.rule:
            longest = max(len(line) for line in lines)
            _short_line(self.docx, min(self.layout.frame_width, longest * 14 * 0.6) * 0.4, self.layout.frame_width)
        _paragraph(self.docx, "", size=8)

    def text(self, block: Text, container=None) -> None:
        kind = block.kind
        align = {"body": "JUSTIFY", "article": "JUSTIFY", "center": "CENTER", "center-bold": "CENTER",
                 "center-italic": "CENTER"}.get(kind, "LEFT")
        bold = kind in ("bold", "bold-italic", "center-bold", "section")
        italic = kind in ("italic", "bold-italic", "small-italic", "center-italic")
        size = 14 if kind == "center-bold" else 11 if kind == "small-italic" else 13
        p = _paragraph(container or self.docx, "", size=size, align=align, before=6,
                       indent=10 if kind in ("body", "article") else 0, keep=block.keep_with_next)
        if nfc(block.lead).strip():
            _set_font(p.add_run(nfc(block.lead) + " "), size, bold=True)
        for i, line in enumerate(nfc(block.text).split("\n")):
            if i:
                p.add_run().add_break(WD_BREAK.LINE)
            _set_font(p.add_run(line), size, bold, italic)

    def grid(self, block: Grid, keep_last: bool) -> None:
        columns = block.columns
        rows = block.rows
        top = 2 if block.groups else 1
        table = self.docx.add_table(rows=top + max(1, len(rows)), cols=len(columns))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        _widths(table, [c.width for c in columns])
        for head in table.rows[:top]:
            _row_flag(head, "tblHeader")  # repeated at the top of every page
            _row_flag(head, "cantSplit")
        head = table.rows[top - 1]
        for cell, column in zip(head.cells, columns):
            _cell_text(cell, column.heading, bold=True, align="CENTER")
        col = 0
        for text, span in block.groups:
            upper_cell = table.rows[0].cells[col]
            if text is None:
                merged = upper_cell.merge(head.cells[col])
                _cell_text(merged, columns[col].heading, bold=True, align="CENTER")
            else:
                merged = upper_cell.merge(table.rows[0].cells[col + span - 1]) if span > 1 else upper_cell
                _cell_text(merged, text, bold=True, align="CENTER")
            col += span
        if not rows:
            row = table.rows[top]
            merged = row.cells[0].merge(row.cells[-1])
            _cell_text(merged, block.empty_text, align="CENTER")
            return
        for index, (row, data) in enumerate(zip(table.rows[top:], rows)):
            _row_flag(row, "cantSplit")
            keep = data.keep_with_next or (keep_last and index >= len(rows) - TAIL_ROWS)
            if data.kind == "group":
                merged = row.cells[0].merge(row.cells[-1])
                _cell_text(merged, data.cells[0], bold=True, keep=keep)
            elif data.kind == "total":
                label = row.cells[0].merge(row.cells[-2])
                _cell_text(label, data.cells[0], bold=True, align="CENTER", keep=keep)
                _cell_text(row.cells[-1], data.cells[-1], bold=True, align=columns[-1].align, keep=keep)
            else:
                for cell, column, value in zip(row.cells, columns, data.cells):
                    _cell_text(cell, "" if value is None else str(value), align=column.align, keep=keep,
                               bold=data.kind == "bold")

    def closing(self, block: Closing) -> None:
        for t in block.before:
            self.text(Text(t.text, t.kind, t.lead, keep_with_next=block.signature is not None))
        if block.signature is None:
            return
        _paragraph(self.docx, "", size=8, keep=True)
        total = self.layout.frame_width
        right_w = 120 * 72 / 25.4 if total >= 200 * 72 / 25.4 else 95 * 72 / 25.4
        if block.left is not None:
            right_w = total / 2
        table = self.docx.add_table(rows=1, cols=2)
        _no_borders(table)
        _widths(table, [total - right_w, right_w])
        _row_flag(table.rows[0], "cantSplit")
        left, right = table.rows[0].cells
        left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
        right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
        if block.left is not None:
            self._signer(left, block.left)
        elif block.recipients:
            _paragraph(left, "Nơi nhận:", size=12, bold=True, italic=True)
            for item in block.recipients:
                item = nfc(item).strip()
                _paragraph(left, item if item.startswith("-") else f"- {item}", size=11)
        else:
            _paragraph(left, "")
        self._signer(right, block.signature)

    def _signer(self, cell, signature) -> None:
        size = self.header_size + 1
        for line in (signature.authority, signature.title):
            if nfc(line).strip():
                _paragraph(cell, upper(line), size=size, bold=True, align="CENTER")
        for _ in range(4):
            _paragraph(cell, "", size=size)
        _paragraph(cell, signature.name, size=size, bold=True, align="CENTER")

    def new_page(self) -> None:
        section = self.docx.add_section(WD_SECTION.NEW_PAGE)
        self._setup(section)

    def write(self) -> bytes:
        for i, block in enumerate(self.blocks):
            if isinstance(block, Header):
                self.header(block)
            elif isinstance(block, Heading):
                self.heading(block)
            elif isinstance(block, Text):
                self.text(block)
            elif isinstance(block, Grid):
                following = self.blocks[i + 1] if i + 1 < len(self.blocks) else None
                self.grid(block, keep_last=isinstance(following, Closing))
            elif isinstance(block, Closing):
                self.closing(block)
            elif isinstance(block, Spacing):
                _paragraph(self.docx, "", size=block.mm * 72 / 25.4 * 0.8)
            elif isinstance(block, NewPage):
                self.new_page()
        out = io.BytesIO()
        self.docx.save(out)
        return out.getvalue()


def write_docx(doc: Document) -> bytes:
    """``doc`` as the bytes of a .docx file."""
    return _Writer(doc).write()


__all__ = ["write_docx"]
