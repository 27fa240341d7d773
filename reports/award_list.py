"""The year-end lists: commendation ("nêu gương"), criticism ("phê bình") and the yearly title lists,
from a :class:`models.yearend.lists.PrintableList` to a :class:`reports.parts.Document` (PDF or Word).

Portrait A4 in the Decree 30 format. A list is attached to another document, so it has no number,
signature or recipients of its own (QĐ 722/QĐ-TTg): the issuer's header and the national motto, the
title, the campaign, the reference line ("(Ban hành kèm theo Quyết định số ...)" once decided, "(Kèm
theo Tờ trình số ...)" while a title list is proposed), a boxed "DỰ THẢO" on drafts, then one table of
collectives and one of individuals (with "I. TẬP THỂ" / "II. CÁ NHÂN" when the list has both) and the
totals, which go over a page break with the last rows. Entries print in the order given (the domain
sorts them). Entries with a ``group`` print under a heading row per group; entries with an ``amount``
add a money column ("-" where none is due) and a total row, unless the award is decided higher up.
"""
from __future__ import annotations


from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

from models.common.text import joined_lower, money
from models.yearend.authority import (
    CITY_BODY, COUNCIL, LOCAL, PROPOSAL_SYMBOL, Authority, TakenNumber, document_number,
)
from models.yearend.printable import PrintableList, PrintedEntry

from reports.document import Column, DocumentHeader, PageLayout, scaled_columns, styles_for
from reports.parts import Closing, Document, Grid, Header, Heading, Row, Text, bound, render
from reports.pdf_writer import RestartPageNumbers
from reports.wording import amount_text, attachment_reference, count_text, nfc, short_date, upper

NUMBER_SUFFIX = "QĐ-HĐTĐKT"
PROPOSAL_PREFIX = "DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN"
AMOUNT_HEADING = "Số tiền thưởng (đồng)"
CRITICISM = "criticism"

_AMOUNT_MM = 30  # the money column, in mm


def decision_number(number: str, symbol: str = NUMBER_SUFFIX) -> str:
    """The number as documents print it: "15" becomes "15/QĐ-HĐTĐKT", "8" "08/QĐ-HĐTĐKT" (zero-padded
    below 10); "8/QĐ-UBND" becomes "08/QĐ-UBND"."""
    return document_number(nfc(number), symbol)


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


def _two_lines(text: str, style: ParagraphStyle, width: float, marker: str, offset: int = 0) -> str:
    """``text`` on two lines when it does not fit on one, broken at the space ``offset`` characters into
    the last ``marker`` rather than wherever the line happens to end."""
    at = text.rfind(marker)
    if at < 0 or stringWidth(text, style.fontName, style.fontSize) <= width:
        return text
    cut = at + offset
    return f"{text[:cut]}\n{text[cut + 1:]}"


def _reference(text: str, style: ParagraphStyle, width: float) -> str:
    """The reference line, broken before its last "của" when it needs two lines (so that the
    issuer's name stays whole rather than wrapping at "Thi đua / - Khen thưởng")."""
    return _two_lines(text, style, width, " của ")


def _deadlines(text: str, style: ParagraphStyle, width: float) -> str:
    """The campaign's deadlines, one per line when they need two ("Hạn đăng ký: trước ngày 03/11/2018;"
    then "hạn báo cáo kết quả: ..."), so that no date is cut from its "trước ngày"."""
    return _two_lines(nfc(text).strip(), style, width, "; ", 1)


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


def _rows(entries: tuple[PrintedEntry, ...], individuals: bool, amounts: bool, criticism: bool,
          initiatives: bool = False) -> tuple[Row, ...]:
    """One section's rows: numbered entries, a heading row before each group and, with amounts, each
    group's total (when there are several groups) and the table's total."""
    rows: list[Row] = []
    groups = [nfc(e.group).strip() for e in entries]
    several_groups = len({g for g in groups if g}) > 1
    for number, (entry, group) in enumerate(zip(entries, groups), start=1):
        if group and (number == 1 or group != groups[number - 2]):
            rows.append(Row((group,), "group", keep_with_next=True, continued=f"{group} (tiếp theo)"))
        text = joined_lower(entry.text.split("; ")) if criticism else entry.text
        cells = ([count_text(number), entry.name] + ([entry.position_unit] if individuals else [])
                 + ([entry.initiative] if initiatives else []) + [text])
        if amounts:
            cells.append(amount_text(entry.amount))
        last_of_group = number == len(entries) or groups[number] != group
        if amounts and group and several_groups and last_of_group:  # the unit's own total, to pay it
            rows.append(Row(tuple(cells), keep_with_next=True))  # the group's last row goes over with its total
            members = [e for e, g in zip(entries, groups) if g == group]
            unit = "tập thể" if not individuals else "người"
            rows.append(Row((f"Cộng {count_text(len(members))} {unit}", amount_text(sum(e.amount for e in members))),
                            "total"))
        else:
            rows.append(Row(tuple(cells)))
    if amounts and entries:
        last = rows[-1]
        rows[-1] = Row(last.cells, last.kind, True, last.continued)  # the grand total never opens a page alone
        rows.append(Row(("Tổng cộng" if several_groups else "Cộng", amount_text(sum(e.amount for e in entries))),
                        "total"))
    return tuple(rows)


def _approved_title(title: str, individuals: bool) -> str:
    """"DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU ..." becomes, once decided, "DANH SÁCH CÁ NHÂN ĐƯỢC CÔNG
    NHẬN DANH HIỆU ..." (TẬP THỂ for a collective title); other titles stay as they are."""
    words = upper(title)
    if words.startswith(PROPOSAL_PREFIX):
        who = "CÁ NHÂN" if individuals else "TẬP THỂ"
        return f"DANH SÁCH {who} ĐƯỢC CÔNG NHẬN{words[len(PROPOSAL_PREFIX):]}"
    return words


def body_lines(body: str) -> str:
    """"ỦY BAN NHÂN DÂN PHƯỜNG GÒ VẤP" on two lines, as a People's Committee heads its own documents:
    "ỦY BAN NHÂN DÂN" then the level and the place."""
    text = upper(body).strip()
    head = "ỦY BAN NHÂN DÂN"
    return f"{head}\n{text[len(head):].strip()}" if text.startswith(head + " ") else text


def authority_header(authority: Authority) -> tuple[str, str]:
    """(parent body, issuing body) of a document issued by ``authority``: a People's Committee heads
    it alone on two lines (:func:`body_lines`); any other body (a city department, "SỞ NỘI VỤ") under
    the city's People's Committee (Nghị định 30/2020/NĐ-CP, Phụ lục I: the body directly above it first)."""
    text = upper(authority.body).strip()
    if text.startswith("ỦY BAN NHÂN DÂN") or authority.level != LOCAL:
        return "", body_lines(authority.body)
    return CITY_BODY, text


def higher_note(decider: str, title: str) -> str:
    """The line a list decided higher up prints under its title: who decides, and that it carries no bonus."""
    return (f"(Hội đồng đề nghị; {nfc(decider).strip()} quyết định tặng và chi tiền thưởng, "
            "danh sách này không ghi mức thưởng)")


def award_list_document(data: PrintableList, authority: Authority | None = None, decision: bool = False,
                        proposal: TakenNumber | None = None) -> Document:
    """The list as a document attached to another: before the decision a proposal attached to the
    council's Tờ trình (a boxed "DỰ THẢO", the proposal's reference line); after it, "(Ban hành kèm
    theo Quyết định số ... ngày ... của ...)". It has no number, signature or recipients of its own.
    ``authority``: who decides the list (``None``: the council itself, as for the campaign lists); a
    list decided higher up (Tập thể lao động xuất sắc: the city) prints no bonus and says who decides.
    ``decision``: attached to the draft of its decision (blanks for the decision's number and date).
    ``proposal``: the number of the Tờ trình it is attached to, once taken (blanks without)."""
    layout = PageLayout()
    st = styles_for(layout)
    approval = data.approval
    signer = approval or data.draft_signer
    higher = authority is not None and not authority.decides_here
    council_decides = authority is None or authority.level == COUNCIL
    if approval:
        reference = attachment_reference(decision_number(approval.decision_number), approval.decision_date,
                                         approval.issuer or (authority.decider if authority else ""),
                                         prefix="Ban hành kèm theo")
    elif council_decides or decision:
        issuer = authority.decider if decision and authority else signer.issuer if signer else ""
        number = f"......../{authority.symbol}" if decision and authority else ""
        reference = attachment_reference(number, None, issuer, prefix="Ban hành kèm theo")
    else:
        reference = attachment_reference(proposal.text if proposal else f"......../{PROPOSAL_SYMBOL}",
                                         proposal.issued_on if proposal else None, signer.issuer if signer else "",
                                         kind="Tờ trình")
    reference = _reference(reference, st.reference, layout.frame_width)
    notes = [] if approval else [f"(Dự thảo - số liệu tính đến {short_date(data.as_of)})"]
    if higher:
        notes.append(higher_note(authority.decider, data.title))
    amounts = not higher and any(e.amount > 0 for e in data.entries)
    sections = [(c, individuals) for c, individuals in ((data.collectives, False), (data.individuals, True)) if c]
    parent, issuing = data.parent_body, data.issuing_body
    if (approval or decision) and authority is not None and authority.level == LOCAL:
        parent, issuing = authority_header(authority)  # the list is the deciding body's, as its decision
    header = DocumentHeader(parent_body=parent, issuing_body=issuing, place=data.place)
    title = _approved_title(data.title, bool(data.individuals)) if approval or decision else data.title
    blocks: list = [Header(header, draft=approval is None, attached=True),
                    Heading(_title(title, st.title, layout.frame_width), data.subtitle, reference, "\n".join(notes),
                            deadlines=_deadlines(data.deadlines, st.reference, layout.frame_width))]
    criticism = data.kind == CRITICISM
    if not sections:
        empty = ("Không có tập thể nào bị phê bình." if criticism
                 else "Không có tập thể, cá nhân nào trong danh sách.")
        blocks.append(Grid(tuple(_columns(layout, False, data.text_heading, amounts)), (), empty))
    for heading, (entries, individuals) in zip(("I. TẬP THỂ", "II. CÁ NHÂN"), sections):
        if len(sections) > 1:
            blocks.append(Text(heading, "section", keep_with_next=True))
        initiatives = individuals and any(e.initiative for e in entries)
        blocks.append(Grid(tuple(_columns(layout, individuals, data.text_heading, amounts, initiatives)),
                           _rows(entries, individuals, amounts, criticism, initiatives)))
    closing = []
    if amounts and len(sections) > 1:
        closing.append(Text(f"Tổng số tiền thưởng: {money(sum(e.amount for e in data.entries))} đồng.", "plain"))
    total_line = nfc(data.total_line).strip()
    if higher:
        total_line = total_line.split("; tổng số tiền thưởng")[0]
    if total_line:
        closing.append(Text(total_line, "plain"))
    # The totals go over with the table's last rows: a page never opens with the totals alone.
    blocks.append(Closing(None, (), tuple(closing)))
    return Document(f"{nfc(data.title)} - {nfc(data.subtitle)}".strip(" -"), tuple(blocks), layout)


def render_award_list(data: PrintableList, authority: Authority | None = None, fmt: str = "pdf") -> bytes:
    """The list as PDF (or Word, ``fmt="docx"``) bytes, portrait A4 (see :func:`award_list_document`).
    Same data, same bytes."""
    return render(award_list_document(data, authority), fmt)


def render_award_lists(lists: list[PrintableList], title: str = "", authorities: list | None = None,
                       fmt: str = "pdf") -> bytes:
    """Several lists bound in one document, each starting on a new page with its own page numbers."""
    authorities = authorities or [None] * len(lists)
    return render(bound([award_list_document(d, a) for d, a in zip(lists, authorities)], title), fmt)


__all__ = ["AMOUNT_HEADING", "INITIATIVE_HEADING", "RestartPageNumbers", "award_list_document", "decision_number", "higher_note", "money",
           "render_award_list", "render_award_lists"]
