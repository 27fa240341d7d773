"""The year-end lists the council approves: commendation ("nêu gương"), criticism ("phê bình"),
and later the yearly title lists, from a :class:`models.yearend.lists.PrintableList` to PDF bytes.

Portrait A4 in the Decree 30 format: the council's header with the decision's number and date
(blanks on a draft), the title, the campaign, the reference line to the decision, then one table
of collectives and one of individuals (with "I. TẬP THỂ" / "II. CÁ NHÂN" when the list has both),
the totals, the signature block and "Nơi nhận". Entries print in the order given (the domain
sorts them). Entries with a ``group`` print under a heading row per group; entries with an
``amount`` add a money column and a total row.
"""
from __future__ import annotations

from dataclasses import replace

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph

from models.yearend.lists import Approval, PrintableList, PrintedEntry
from models.store.settings import CouncilNames
from models.common.text import money

from reports.council import council_parts
from reports.paged_table import CellParagraph
from reports.document import Column, PageLayout, build_document, data_table, document_styles, header_block, scaled_columns, signature_block, styles_for, title_block
from reports.wording import attachment_reference, markup, nfc, short_date, upper

NUMBER_SUFFIX = "QĐ-HĐTĐKT"
AMOUNT_HEADING = "Số tiền thưởng (đồng)"
CRITICISM = "criticism"

_AMOUNT_MM = 30  # the money column, in mm


def decision_number(number: str) -> str:
    """The number as the header prints it: "15" becomes "15/QĐ-HĐTĐKT"; "15/QĐ-UBND" stays."""
    number = nfc(number).strip()
    return number if not number or "/" in number else f"{number}/{NUMBER_SUFFIX}"


INITIATIVE_HEADING = "Mô hình, sáng kiến, giải pháp"


def _columns(layout: PageLayout, individuals: bool, text_heading: str, amounts: bool,
             initiatives: bool = False) -> list[Column]:
    """Widths in mm on the 165 mm portrait frame (scaled if the frame differs). ``initiatives``: the
    individuals' table has the initiative each person is commended for (a campaign's list)."""
    if individuals and initiatives:
        spec = [("STT", 11, "CENTER", False), ("Họ và tên", 34, "LEFT", True),
                ("Chức vụ, đơn vị", 38, "LEFT", True), (INITIATIVE_HEADING, 42, "LEFT", True),
                (text_heading, 40, "LEFT", True)]
    elif individuals:
        spec = [("STT", 12, "CENTER", False), ("Họ và tên", 46, "LEFT", True),
                ("Chức vụ, đơn vị", 50, "LEFT", True), (text_heading, 57, "LEFT", True)]
    else:
        spec = [("STT", 12, "CENTER", False), ("Tên tập thể", 62, "LEFT", True), (text_heading, 91, "LEFT", True)]
    if amounts:
        spec.append((AMOUNT_HEADING, _AMOUNT_MM, "RIGHT", False))
        # The money column takes its room from the text columns in proportion.
        text_mm = sum(w for _h, w, _a, _wrap in spec[1:-1])
        spec = [spec[0]] + [(h, w - _AMOUNT_MM * w / text_mm, a, wr) for h, w, a, wr in spec[1:-1]] + [spec[-1]]
    return scaled_columns(spec, layout)


def _reference(text: str, style: ParagraphStyle, width: float) -> str:
    """The reference line, broken before its last "của" when it needs two lines (so that the
    issuer's name stays whole rather than wrapping at "Thi đua / - Khen thưởng")."""
    head, sep, tail = text.rpartition(" của ")
    if not sep or stringWidth(text, style.fontName, style.fontSize) <= width:
        return text
    return f"{head}\ncủa {tail}"


# A title breaks best before one of these words ("... TIÊU BIỂU XUẤT SẮC / ĐƯỢC NÊU GƯƠNG", "... CÔNG NHẬN /
# DANH HIỆU ..."); anywhere else it may split a compound such as "TIÊU BIỂU" or "TIÊN TIẾN".
_BREAK_BEFORE = {"ĐƯỢC", "ĐẠT", "BỊ", "CỦA", "VỀ", "TRONG", "NĂM", "DANH"}


def _title(text: str, style: ParagraphStyle, width: float) -> str:
    """The upper-case title, on two lines when it must be: broken at the most even of the good
    places (see ``_BREAK_BEFORE``), else as late as fits with at least three words on line two."""
    words = upper(text).split()

    def size(part: list[str]) -> float:
        return stringWidth(" ".join(part), style.fontName, style.fontSize)

    if size(words) <= width:
        return " ".join(words)
    fitting = [i for i in range(1, len(words)) if size(words[:i]) <= width and size(words[i:]) <= width]
    if not fitting:
        return " ".join(words)  # three lines or more: let the Paragraph wrap it
    good = [i for i in fitting if words[i] in _BREAK_BEFORE]
    if good:
        cut = min(good, key=lambda i: abs(size(words[:i]) - size(words[i:])))
    else:
        cut = max(fitting)
        while len(words) - cut < 3 and cut - 1 in fitting:
            cut -= 1
    return " ".join(words[:cut]) + "\n" + " ".join(words[cut:])


def _bold(style_name: str, base: ParagraphStyle, font: str) -> ParagraphStyle:
    return ParagraphStyle(style_name, parent=base, fontName=font)


def _table(entries: tuple[PrintedEntry, ...], columns: list[Column], individuals: bool, amounts: bool,
           empty_text: str, initiatives: bool = False) -> Flowable:
    """One section's table: numbered rows, a heading row before each group and, with amounts, each
    group's total (when there are several groups) and the table's total."""
    st = document_styles()
    group_style = _bold("award-group", st.cell["LEFT"], st.fonts.bold)
    total_style = _bold("award-total", st.cell["CENTER"], st.fonts.bold)
    rows: list[list] = []
    row_styles: dict[int, list[tuple]] = {}
    keep: set[int] = set()

    def total_row(label: str, amount: int) -> None:
        row_styles[len(rows)] = [("SPAN", (0, 0), (-2, 0)), ("FONTNAME", (-1, 0), (-1, 0), st.fonts.bold)]
        rows.append([Paragraph(markup(label), total_style)] + [""] * (len(columns) - 2) + [money(amount)])

    continued: dict[int, list] = {}  # a group's heading again on a page that starts inside it
    groups = [nfc(e.group).strip() for e in entries]
    several_groups = len({g for g in groups if g}) > 1
    for number, (entry, group) in enumerate(zip(entries, groups), start=1):
        if group and (number == 1 or group != groups[number - 2]):
            row_styles[len(rows)] = [("SPAN", (0, 0), (-1, 0))]
            keep.add(len(rows))
            blank = [""] * (len(columns) - 1)
            continued[len(rows)] = [CellParagraph(markup(f"{group} (tiếp theo)"), group_style), *blank]
            rows.append([CellParagraph(markup(group), group_style), *blank])
        row = [str(number), entry.name]
        if individuals:
            row.append(entry.position_unit)
        if initiatives:
            row.append(entry.initiative)
        row.append(entry.text)
        if amounts:
            row.append(money(entry.amount))
        rows.append(row)
        last_of_group = number == len(entries) or groups[number] != group
        if amounts and group and several_groups and last_of_group:  # the unit's own total, to pay it
            members = [e for e, g in zip(entries, groups) if g == group]
            unit = "tập thể" if not individuals else "người"
            keep.add(len(rows) - 1)  # the group's last row goes over a page break with its total
            total_row(f"Cộng {len(members)} {unit}", sum(e.amount for e in members))
    if amounts and entries:
        keep.add(len(rows) - 1)  # the grand total never opens a page alone
        total_row("Tổng cộng" if several_groups else "Cộng", sum(e.amount for e in entries))
    return data_table(columns, rows, empty_text=empty_text, row_styles=row_styles, keep_with_next=frozenset(keep),
                      continued=continued)


def _names(data: PrintableList, signer: Approval | None) -> CouncilNames:
    """The council's names as this list prints them: its own header lines, its signer."""
    names = CouncilNames(parent_body=data.parent_body, issuing_body=data.issuing_body, place=data.place)
    if signer is None:
        return names
    return replace(names, signer_authority=signer.signer_authority, signer_title=signer.signer_title,
                   signer_name=signer.signer_name, recipients=tuple(signer.recipients))


def render_award_list(data: PrintableList) -> bytes:
    """The list as PDF bytes (portrait A4). An approved list (``data.approval``) prints its
    decision's number, date and signer; a draft prints blanks for the number and date, a note
    with the day its figures were taken, and the council's usual signer. Same data, same bytes."""
    layout = PageLayout()
    return build_document(_story(data, layout), layout, title=f"{nfc(data.title)} - {nfc(data.subtitle)}".strip(" -"))


class RestartPageNumbers(Flowable):
    """Put at the top of a document's first page inside a bound set of documents: page numbers
    count again from 1 there (and page 1 carries none, see reports.document)."""

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        doc = self.canv._doctemplate
        doc.page_offset = doc.page - 1


def render_award_lists(lists: list[PrintableList], title: str = "") -> bytes:
    """Several lists bound in one PDF, each starting on a new page with its own page numbers."""
    layout = PageLayout()
    story: list[Flowable] = []
    for i, data in enumerate(lists):
        if i:
            story.append(PageBreak())
        story.append(RestartPageNumbers())
        story += _story(data, layout)
    return build_document(story, layout, title=title)


def _story(data: PrintableList, layout: PageLayout) -> list[Flowable]:
    st = styles_for(layout)
    approval = data.approval
    signer = approval or data.draft_signer
    number = decision_number(approval.decision_number) if approval else ""
    date = approval.decision_date if approval else None
    header, signature, recipients = council_parts(_names(data, signer), number=number,
                                                  number_suffix=NUMBER_SUFFIX, date=date)
    reference = _reference(attachment_reference(number, date, signer.issuer if signer else ""), st.reference,
                           layout.frame_width)
    note = "" if approval else f"(Dự thảo - số liệu tính đến {short_date(data.as_of)})"

    story: list[Flowable] = [header_block(header, layout)]
    story += title_block(_title(data.title, st.title, layout.frame_width), layout, subtitle=data.subtitle,
                         reference=reference, note=note)
    amounts = any(e.amount > 0 for e in data.entries)
    sections = [(c, individuals) for c, individuals in ((data.collectives, False), (data.individuals, True)) if c]
    if not sections:
        empty = ("Không có tập thể nào bị phê bình." if data.kind == CRITICISM
                 else "Không có tập thể, cá nhân nào trong danh sách.")
        story.append(_table((), _columns(layout, False, data.text_heading, amounts), False, amounts, empty))
    section_style = _bold("award-section", st.body, st.fonts.bold)
    for heading, (entries, individuals) in zip(("I. TẬP THỂ", "II. CÁ NHÂN"), sections):
        if len(sections) > 1:
            story.append(CondPageBreak(35 * mm))  # a section heading never sits alone at a page foot
            story.append(Paragraph(markup(heading), section_style))
        initiatives = individuals and any(e.initiative for e in entries)
        story.append(_table(entries, _columns(layout, individuals, data.text_heading, amounts, initiatives),
                            individuals, amounts, "", initiatives))
    if amounts and len(sections) > 1:
        story.append(Paragraph(markup(f"Tổng số tiền thưởng: {money(sum(e.amount for e in data.entries))} đồng."),
                               st.body))
    # The totals go over with the signature block, so that its page never holds the signature alone.
    closing = [Paragraph(markup(data.total_line), st.body)] if nfc(data.total_line).strip() else []
    story.append(signature_block(signature, recipients, layout, before=closing))
    return story


__all__ = ["AMOUNT_HEADING", "INITIATIVE_HEADING", "RestartPageNumbers", "decision_number", "money", "render_award_list",
           "render_award_lists"]
