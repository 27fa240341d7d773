"""The December meeting package as documents: the council's Tờ trình to the chairman (with the proposed
lists attached), the Biên bản of its meeting (members present and absent, the secret-ballot votes
against each award's threshold), and each list's Quyết định (căn cứ, Điều 1 with the list attached,
Điều 2 the bonus and its source, Điều 3 who carries it out, the signature and Nơi nhận).

Each is a :class:`reports.parts.Document` drawn from a :class:`models.yearend.package.Package`, so
the same content prints as PDF or Word. The format follows Nghị định 30/2020/NĐ-CP, Phụ lục I (the
models of a Quyết định cá biệt, a Tờ trình and a Biên bản); the legal basis is in docs/law.md.
"""
from __future__ import annotations

from models.common.text import money
from models.store.settings import CouncilNames
from models.yearend.lists import default_issuer
from models.common.codes import CouncilLevel
from models.yearend.authority import (
    COUNCIL, HIGHER, LOCAL, MINUTES_SYMBOL, PROPOSAL_SYMBOL, head_of, legal_bases, local_name,
)
from models.yearend.meeting import percent_text
from models.yearend.package import Package, Proposal

from reports.award_list import authority_header, award_list_document, decision_number
from reports.document import DocumentHeader, PageLayout, Signature, scaled_columns
from reports.parts import Closing, Document, Grid, Header, Heading, Row, Spacing, Text, bound
from reports.wording import amount_text, count_text, nfc, upper, vietnamese_date

BLANK = "........"


def _council_header(package: Package, symbol: str, date=None) -> DocumentHeader:
    """The council's own header with the number its book gave the document (blank when none was taken)."""
    council = package.council
    taken = package.number(symbol)
    number = taken.text if taken else ""
    return DocumentHeader(parent_body=council.parent_body, issuing_body=council.issuing_body, number=number,
                          number_suffix=symbol, place=council.place, date=date)


def _council_signature(council: CouncilNames) -> Signature:
    return Signature(council.signer_authority, council.signer_title, council.signer_name)


def _council_name(council: CouncilNames) -> str:
    """"Hội đồng Thi đua - Khen thưởng phường Gò Vấp" (the issuer the lists name: the council's name by its level)."""
    return default_issuer(council)


def _issued_on(package: Package, symbol: str):
    taken = package.number(symbol)
    return taken.issued_on if taken else None


def _department(council: CouncilNames) -> str:
    """"Sở Nội vụ" for a department's council, "" for a People's Committee's."""
    return local_name(council) if council.level == CouncilLevel.DEPARTMENT else ""


def _award_phrase(p: Proposal, year: int, campaign: str) -> str:
    """What the decision does: "công nhận danh hiệu “Lao động tiên tiến” năm 2018"."""
    if p.award == "commendation":
        return f"nêu gương tập thể, cá nhân tiêu biểu xuất sắc trong {campaign}"
    if p.award == "criticism":
        return f"phê bình tập thể trong {campaign}"
    return f"công nhận danh hiệu “{p.label}” năm {year}"


# --------------------------------------------------------------------------- Tờ trình


def _summary_grid(package: Package, layout: PageLayout) -> Grid:
    spec = [("STT", 11, "CENTER", False), ("Danh hiệu, hình thức", 40, "LEFT", True),
            ("Số lượng", 22, "CENTER", True), ("Tiền thưởng (đồng)", 28, "RIGHT", False),
            ("Kết quả bỏ phiếu", 22, "CENTER", True), ("Cấp quyết định", 42, "LEFT", True)]
    size = len(package.members)
    rows = []
    for i, p in enumerate(package.proposals, 1):
        vote = "Chưa bỏ phiếu" if p.vote is None else f"{count_text(p.vote.agreed)}/{count_text(size)} " \
            f"({percent_text(p.vote.share(size))})"
        who = p.authority.decider + (" (đề nghị cấp trên)" if p.authority.level == HIGHER else "")
        rows.append(Row((count_text(i), p.label, f"{count_text(p.count)} {p.who}", amount_text(p.total), vote, who)))
    return Grid(tuple(scaled_columns(spec, layout)), tuple(rows), "Không có đề nghị nào.")


def proposal_document(package: Package, with_lists: bool = True) -> Document:
    """The council's Tờ trình to the chairman, then (``with_lists``) each proposed list attached."""
    layout = PageLayout()
    council = package.council
    local = next((p.authority for p in package.proposals if p.authority.level == LOCAL), None)
    chairman = local.decider if local else f"{head_of(council)[0]} {local_name(council)}"
    council_name = _council_name(council)
    numbered = package.number(PROPOSAL_SYMBOL)
    subject = (f"Về việc đề nghị công nhận danh hiệu thi đua năm {package.year}" if package.campaign_id is None
               else f"Về việc đề nghị khen thưởng, phê bình trong {package.campaign_name}")
    blocks: list = [
        Header(_council_header(package, PROPOSAL_SYMBOL, numbered.issued_on if numbered else None),
               draft=numbered is None),
        Heading("TỜ TRÌNH", subject),
        Text(f"Kính gửi: {chairman}.", "center"),
        Spacing(3),
    ]
    year = package.year + 1 if package.campaign_id is None else package.year
    for line in legal_bases(year, LOCAL, _department(council))[1:]:
        blocks.append(Text(line, "body"))
    held = package.meeting.held_on
    blocks.append(Text(f"Căn cứ kết quả họp {council_name} {vietnamese_date(held)} (có biên bản kèm theo),", "body"))
    blocks.append(Text(f"{council_name} kính trình {chairman} xem xét, quyết định như sau:", "body"))
    blocks.append(_summary_grid(package, layout))
    total = sum(p.total for p in package.proposals)
    lines = [f"Tổng số tiền thưởng đề nghị: {money(total)} đồng." if total else
             "Các danh sách đề nghị không có tiền thưởng."]
    higher: dict[str, list[str]] = {}
    for p in package.proposals:
        if p.authority.level == HIGHER and p.count:
            higher.setdefault(p.authority.decider, []).append(f"“{p.label}”")
    for decider, labels in higher.items():  # one sentence per deciding authority
        what = f"Danh hiệu {labels[0]}" if len(labels) == 1 else f"Các danh hiệu {', '.join(labels)}"
        lines.append(f"{what} do {decider} quyết định tặng: kính đề nghị {chairman} "
                     f"trình cấp có thẩm quyền xem xét, quyết định.")
    lines.append("(Có danh sách kèm theo.)")
    lines.append(f"{council_name} kính trình {chairman} xem xét, quyết định./.")
    closing = Closing(_council_signature(council), ("Như trên;", "Lưu: VT, NV."),
                      tuple(Text(line, "body") for line in lines))
    blocks.append(closing)
    doc = Document(f"Tờ trình - {package.subject}", tuple(blocks), layout)
    if not with_lists:
        return doc
    return bound([doc] + [award_list_document(p.printable, p.authority, proposal=numbered) for p in package.proposals],
                 doc.title)


# --------------------------------------------------------------------------- Biên bản


def minutes_document(package: Package) -> Document:
    """Biên bản họp Hội đồng: time, place, who chaired, members present and absent, the agenda, and
    per proposal the secret-ballot votes against the share its award requires."""
    layout = PageLayout()
    council = package.council
    m = package.meeting
    council_name = _council_name(council)
    what = (f"xét đề nghị công nhận danh hiệu thi đua năm {package.year}" if package.campaign_id is None
            else f"xét khen thưởng, phê bình trong {package.campaign_name}")
    members = package.members
    present = [x for x in members if x.id in m.present]
    absent = [x for x in members if x.id not in m.present]
    blocks: list = [
        Header(_council_header(package, MINUTES_SYMBOL, m.held_on or _issued_on(package, MINUTES_SYMBOL))),
        Heading("BIÊN BẢN", f"Họp {council_name} {what}"),
        Text(f"Thời gian: {BLANK} giờ {BLANK}, {vietnamese_date(m.held_on)}.", "plain"),
        Text(f"Địa điểm: {nfc(m.place).strip() or BLANK}.", "plain"),
        Text(f"Chủ trì: {nfc(m.chair).strip() or BLANK}. Thư ký: {nfc(m.secretary).strip() or BLANK}.", "plain"),
        Text(f"Thành phần: có mặt {count_text(len(present))}/{count_text(len(members))} thành viên Hội đồng; "
             f"vắng mặt {count_text(len(absent))}.", "plain"),
    ]
    spec = [("STT", 12, "CENTER", False), ("Họ và tên", 45, "LEFT", True), ("Chức danh trong Hội đồng", 40, "LEFT", True),
            ("Chức vụ, đơn vị", 48, "LEFT", True), ("Dự họp", 20, "CENTER", False)]
    blocks.append(Grid(tuple(scaled_columns(spec, layout)), tuple(
        Row((count_text(i), x.full_name, x.role, x.position, "Có mặt" if x in present else "Vắng"))
        for i, x in enumerate(members, 1)), "Chưa nhập thành viên Hội đồng."))
    agenda = nfc(m.agenda).strip() or (f"Xét, bỏ phiếu kín đề nghị "
                                       + "; ".join(p.label for p in package.proposals) + ".")
    blocks += [Text("Nội dung:", "section"), Text(agenda, "body"),
               Text("Kết quả bỏ phiếu kín (tỷ lệ đồng ý tính trên tổng số thành viên Hội đồng):", "section",
                    keep_with_next=True)]
    size = len(members)
    spec = [("STT", 12, "CENTER", False), ("Đề nghị", 34, "LEFT", True), ("Số lượng", 19, "CENTER", True),
            ("Phiếu phát ra", 15, "CENTER", False), ("Phiếu thu vào", 15, "CENTER", False),
            ("Phiếu hợp lệ", 15, "CENTER", False), ("Phiếu đồng ý", 15, "CENTER", False),
            ("Tỷ lệ đồng ý / yêu cầu", 22, "CENTER", True), ("Kết quả", 18, "CENTER", True)]
    rows = []
    for i, p in enumerate(package.proposals, 1):
        required = f"từ {percent_text(p.threshold)}"
        if p.vote is None:
            cells = ("", "", "", "", f"- / {required}", "Chưa bỏ phiếu")
        else:
            v = p.vote
            cells = (count_text(v.issued), count_text(v.returned), count_text(v.valid), count_text(v.agreed),
                     f"{percent_text(v.share(size))} / {required}", "Đạt" if p.passed(size) else "Không đạt")
        rows.append(Row((count_text(i), p.label, f"{count_text(p.count)} {p.who}", *cells)))
    blocks.append(Grid(tuple(scaled_columns(spec, layout)), tuple(rows), "Không có đề nghị nào."))
    passed = [p.label for p in package.proposals if p.passed(size)]
    conclusion = ("Hội đồng thống nhất đề nghị: " + "; ".join(passed) + " (có danh sách kèm theo)."
                  if passed else "Chưa có đề nghị nào đạt tỷ lệ phiếu đồng ý theo quy định.")
    blocks.append(Closing(Signature("CHỦ TRÌ", "", nfc(m.chair)), (),
                          (Text(conclusion, "body"), Text(f"Cuộc họp kết thúc lúc {BLANK} giờ {BLANK} cùng ngày.", "body")),
                          left=Signature("THƯ KÝ", "", nfc(m.secretary))))
    return Document(f"Biên bản họp - {package.subject}", tuple(blocks), layout)


# --------------------------------------------------------------------------- Quyết định


def decision_document(package: Package, proposal: Proposal, with_list: bool = True) -> Document:
    """The decision on ``proposal`` by its authority (the chairman of the People's Committee, or the
    council's chairman where the council decides), then (``with_list``) the list attached to it."""
    layout = PageLayout()
    council = package.council
    auth = proposal.authority
    approval = proposal.printable.approval
    number = decision_number(approval.decision_number, auth.symbol) if approval else ""
    date = approval.decision_date if approval else None
    if auth.level == COUNCIL:
        header = DocumentHeader(parent_body=council.parent_body, issuing_body=auth.body, number=number,
                                number_suffix=auth.symbol, place=council.place, date=date)
    else:
        parent, issuing = authority_header(auth)
        header = DocumentHeader(parent_body=parent, issuing_body=issuing, number=number, number_suffix=auth.symbol,
                                place=council.place, date=date)
    phrase = _award_phrase(proposal, package.year, package.campaign_name)
    decision_year = date.year if date else (package.year + 1 if package.campaign_id is None else package.year)
    blocks: list = [
        Header(header, draft=approval is None),
        Heading("QUYẾT ĐỊNH", f"Về việc {phrase}"),
        Text(upper(auth.decider), "center-bold"),
        Spacing(2),
    ]
    blocks += [Text(line, "body") for line in legal_bases(decision_year, auth.level, _department(council))]
    council_name = _council_name(council)
    if auth.level == COUNCIL:
        blocks.append(Text(f"Căn cứ kết quả họp {council_name} {vietnamese_date(package.meeting.held_on)},", "body"))
    else:
        numbered = package.number(PROPOSAL_SYMBOL)
        reference = (f"{numbered.text} {vietnamese_date(numbered.issued_on)}" if numbered
                     else f"{BLANK}/{PROPOSAL_SYMBOL} {vietnamese_date(None)}")
        blocks.append(Text(f"Xét đề nghị của {council_name} tại Tờ trình số {reference}.", "body"))
    blocks.append(Text("QUYẾT ĐỊNH:", "center-bold"))
    count = f"{count_text(proposal.count)} {proposal.who}"
    verb = phrase[:1].upper() + phrase[1:]
    blocks.append(Text(f"{verb} cho {count} (có danh sách kèm theo).", "article", lead="Điều 1."))
    amounts = {e.amount for e in proposal.printable.entries}
    article = 2
    if proposal.total:
        each = (f"Mỗi {proposal.who} được thưởng {money(amounts.pop())} đồng" if len(amounts) == 1
                else "Mức thưởng của mỗi tập thể, cá nhân theo danh sách kèm theo")
        blocks.append(Text(f"{each}; tổng số tiền thưởng: {money(proposal.total)} đồng, chi từ Quỹ thi đua, khen "
                           f"thưởng của {local_name(council)} theo quy định.",
                           "article", lead="Điều 2."))
        article = 3
    else:
        blocks.append(Text("Quyết định này có hiệu lực kể từ ngày ký.", "article", lead="Điều 2."))
        article = 3
    office = (f"Chánh Văn phòng {local_name(council)}" if _department(council)
              else f"Chánh Văn phòng Hội đồng nhân dân và {local_name(council)}")
    blocks.append(Text(f"{office}, Thường trực {council_name}, Thủ trưởng các "
                       f"cơ quan, đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi "
                       f"hành Quyết định này./.", "article", lead=f"Điều {article}."))
    if approval:
        signature = Signature(approval.signer_authority, approval.signer_title, approval.signer_name)
        recipients = tuple(approval.recipients) or ("Như Điều 3;", "Lưu: VT.")
    elif auth.level == COUNCIL:
        signature = _council_signature(council)
        recipients = ("Như Điều 3;", "Lưu: VT, NV.")
    else:
        signature = Signature("", auth.signer_title, "")
        recipients = ("Như Điều 3;", f"Thường trực {council_name};", "Lưu: VT.")
    blocks.append(Closing(signature, recipients))
    doc = Document(f"Quyết định - {proposal.label} - {package.subject}", tuple(blocks), layout)
    if not with_list:
        return doc
    return bound([doc, award_list_document(proposal.printable, auth, decision=True)], doc.title)


def package_documents(package: Package) -> list[tuple[str, Document]]:
    """Every document of the package, in the order they go up: the Tờ trình with its lists, the
    minutes, then each list's decision (with its list) where the decision is made at this level."""
    docs = [("01-to-trinh", proposal_document(package)), ("02-bien-ban", minutes_document(package))]
    for i, p in enumerate((p for p in package.proposals if p.authority.decides_here and p.count), 3):
        docs.append((f"{i:02d}-quyet-dinh-{p.award}", decision_document(package, p)))
    return docs


def package_bound(package: Package) -> Document:
    """The whole package as one document (one bound PDF)."""
    return bound([d for _name, d in package_documents(package)], f"Hồ sơ trình - {package.subject}")


__all__ = ["decision_document", "minutes_document", "package_bound", "package_documents", "proposal_document"]
