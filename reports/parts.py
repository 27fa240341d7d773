"""One description of an official document, rendered by two writers.

A report builds a :class:`Document` (a list of blocks: header, heading, paragraphs, tables, signature
block, page breaks) once; :mod:`reports.pdf_writer` draws it with reportlab (the reference) and
:mod:`reports.docx_writer` writes it with python-docx for the office to edit before signing. The
layout rules (Nghị định 30/2020/NĐ-CP, Phụ lục I: A4, margins 20-25 / 15-20 / 30-35 / 15-20 mm, Times
13-14 pt, the header's two columns, the short line under the issuing body, the motto and the trích yếu,
the header row of a table repeated on every page, the signature block with the last rows) live in the
writers, once each; the content lives here. :func:`render` picks the writer by the output's extension.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Sequence, Union

from reports.document import Column, DocumentHeader, PageLayout, Signature

# What a paragraph looks like: body text (justified, first line indented), a bold or italic line,
# a centred line, an article of a decision ("Điều 1." bold then the text), a section heading.
TextKind = Literal["body", "plain", "bold", "italic", "bold-italic", "small-italic", "center", "center-bold",
                   "center-italic", "section", "article"]
RowKind = Literal["data", "group", "total", "bold"]


@dataclass(frozen=True)
class Header:
    """The two-column header. ``attached``: a list attached to another document prints the issuer and
    the national motto only (no number, place or date of its own). ``draft``: a boxed "DỰ THẢO"."""

    header: DocumentHeader
    draft: bool = False
    attached: bool = False


@dataclass(frozen=True)
class Heading:
    """Tên loại and trích yếu: the title (bold, upper case), the subtitle, the campaign's deadlines
    (italic, "Hạn đăng ký: trước ngày ...", see ``Campaign.deadlines_line``), the italic reference line
    ("(Ban hành kèm theo Quyết định số ...)") and note; a short solid line under the trích yếu."""

    title: str
    subtitle: str = ""
    reference: str = ""
    note: str = ""
    rule: bool = True
    deadlines: str = ""


@dataclass(frozen=True)
class Text:
    text: str
    kind: TextKind = "body"
    lead: str = ""  # bold words before the text on the same line ("Điều 1.")
    keep_with_next: bool = False


@dataclass(frozen=True)
class Row:
    """One row of a :class:`Grid`: data cells, a group heading spanning the table (``cells[0]``), a
    total (a label spanning all but the last column, then the amount) or a bold row of data cells. ``keep_with_next``: never the
    last row of a page. ``continued``: the group heading printed again when a page starts inside it."""

    cells: tuple
    kind: RowKind = "data"
    keep_with_next: bool = False
    continued: str = ""


@dataclass(frozen=True)
class Grid:
    """A ruled table whose header row repeats on every page. ``groups``: a header row above the column
    headings, as (text, number of columns) from the left; ``None`` for text: that column's heading
    spans both header rows."""

    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    empty_text: str = ""
    groups: tuple[tuple[str | None, int], ...] = ()


@dataclass(frozen=True)
class Closing:
    """Nơi nhận on the left, the signer on the right; ``before`` (a totals line) goes with it, and the
    table just before it never leaves it alone on a page. Without a signature (a list attached to a
    decision signs nothing of its own) only ``before`` closes the document, with the last rows."""

    signature: Signature | None
    recipients: tuple[str, ...] = ()
    before: tuple[Text, ...] = ()
    left: Signature | None = None  # a second signer in place of Nơi nhận (the minutes' secretary)


@dataclass(frozen=True)
class NewPage:
    """The next document of a bound set starts here, on a new page, its page numbers from 1."""


@dataclass(frozen=True)
class Spacing:
    """Vertical room, in millimetres."""

    mm: float


Block = Union[Header, Heading, Text, Grid, Closing, NewPage, Spacing]


@dataclass(frozen=True)
class Document:
    title: str
    blocks: tuple[Block, ...]
    layout: PageLayout = field(default_factory=PageLayout)


def bound(documents: Sequence[Document], title: str = "") -> Document:
    """Several documents one after the other, each from a new page with its own page numbers."""
    blocks: list[Block] = []
    for i, doc in enumerate(documents):
        if i:
            blocks.append(NewPage())
        blocks += doc.blocks
    layout = documents[0].layout if documents else PageLayout()
    return Document(title or (documents[0].title if documents else ""), tuple(blocks), layout)


FORMATS = ("pdf", "docx")


def format_of(path) -> str:
    """"pdf" or "docx" from the output's extension (upper or lower case); anything else: "" """
    suffix = str(path).rsplit(".", 1)[-1].lower() if "." in str(path) else ""
    return suffix if suffix in FORMATS else ""


def render(doc: Document, fmt: str = "pdf") -> bytes:
    """The document's bytes in ``fmt`` ("pdf": reportlab, the reference; "docx": python-docx)."""
    if fmt == "docx":
        from reports.docx_writer import write_docx

        return write_docx(doc)
    from reports.pdf_writer import write_pdf

    return write_pdf(doc)


__all__ = ["Block", "Closing", "Document", "FORMATS", "Grid", "Header", "Heading", "NewPage", "Row", "Spacing",
           "Text", "bound", "format_of", "render"]
