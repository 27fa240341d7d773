"""The yearly title lists as the council prints and approves them, and its order of priority.

One list per year and title, keyed ``ListKey(kind=<title code>, year=Y)`` (:func:`list_key`).
Adjust it with ``models.yearend.lists.adjust`` / ``cancel_adjustment`` (reasons kept, never
printed), approve it with ``award_lists.approve(db, list_key(year, title), approval,
draft_list(...), now)`` which freezes the printed content, reopen it with ``award_lists.reopen``.
:func:`printable_list` gives what prints: the frozen snapshot of an approved list, else the draft.

The council's order of priority for a year (:func:`set_council_order`) ranks people eligible for
Chiến sĩ thi đua cơ sở after the number of excellent quarters, when the rule set says so.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlite_utils import Database

from models.yearend.lists import PrintableList, current_approval, draft_signer
from models.common.award_codes import AwardKind
from models.common.codes import COLLECTIVE_TITLES, BonusBaseDay, TitleCode, label
from models.common.errors import DomainError, ValidationError
from models.store.settings import council_names
from models.common.text import money
from models.quarters.classifications import classification_rows
from models.yearend.title_rules import rule_for
from models.yearend.titles import TitleProposals, list_key, title_proposals

TEXT_HEADING = "Thành tích"


def list_title(title: TitleCode, year: int) -> str:
    """The list's heading: "DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU LAO ĐỘNG TIÊN TIẾN NĂM 2018", and
    the same for the other titles."""
    return f"DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU {label(title).upper()} NĂM {year}"


def total_line(title: TitleCode, count: int, total: int) -> str:
    """The total under the table: "Tổng số: 12 cá nhân; tổng số tiền thưởng: 5.040.000 đồng" (the
    count alone when there is no base salary)."""
    who = "tập thể" if title in COLLECTIVE_TITLES else "cá nhân"
    line = f"Tổng số: {money(count)} {who}"
    return f"{line}; tổng số tiền thưởng: {money(total)} đồng" if total else line


def salary_line(proposals: TitleProposals) -> str:
    """"Mức lương cơ sở 2.340.000 đồng theo Nghị định 73/2024/NĐ-CP", printed under the total of
    a list whose rule set pays on the base salary of the decision's date (so that the reader knows
    which); empty otherwise, and when no base salary is known."""
    if proposals.rules.bonus_base_day != BonusBaseDay.DECISION_DATE or proposals.salary is None:
        return ""
    return proposals.salary.stated


def draft_list(db: Database, proposals: TitleProposals, title: TitleCode, as_of: dt.date) -> PrintableList:
    """The list of ``title`` as it stands (the rules' proposals with the adjustments), unapproved;
    ``as_of`` is the day its figures were taken."""
    title = TitleCode(title)
    council = council_names(db)
    entries = tuple(proposals.entries(title))
    total = total_line(title, len(entries), sum(e.amount for e in entries))
    stated = salary_line(proposals)
    collective = title in COLLECTIVE_TITLES
    return PrintableList(
        kind=title.value, title=list_title(title, proposals.year), subtitle="",
        parent_body=council.parent_body, issuing_body=council.issuing_body, place=council.place, as_of=as_of,
        collectives=entries if collective else (), individuals=() if collective else entries,
        text_heading=TEXT_HEADING, draft_signer=draft_signer(council),
        total_line=f"{total}\n{stated}" if stated else total,
    )


def decided_list(db: Database, proposals: TitleProposals, title: TitleCode, as_of: dt.date,
                 decided_on: dt.date) -> PrintableList:
    """The list of ``title`` as a decision of ``decided_on`` approves it: under a rule set paying on
    the base salary of the decision's date, the bonuses are worked out again for that day."""
    if proposals.rules.bonus_base_day == BonusBaseDay.DECISION_DATE:
        proposals = title_proposals(db, proposals.year, on=decided_on)
    return draft_list(db, proposals, title, as_of)


def printable_list(db: Database, year: int, title: TitleCode, as_of: dt.date) -> PrintableList:
    """What prints for ``year``'s list of ``title``: the frozen snapshot of an approved list
    (whatever changed since), else the current draft taken on ``as_of``."""
    approved = current_approval(db, list_key(year, title))
    if approved is not None:
        return approved.printable()
    return draft_list(db, title_proposals(db, year, on=as_of), title, as_of)


def title_years(db: Database) -> list[int]:
    """The years whose titles can be proposed, newest first: those with a quarterly result, and those
    with a year-end rating whose rule set judges by it (the sets of 2024 on); a rating kept for the
    history of an earlier year (the award register) does not open its titles: a year before 2024, or
    one whose Lao động tiên tiến the register already holds, typed or imported (not written by an
    approval of the program, whose lists stay open to view)."""
    classified = {r[0] for r in db.execute("SELECT DISTINCT year FROM classification")}
    rated = {r[0] for r in db.execute("SELECT DISTINCT year FROM yearly_rating")} - classified
    recorded = {r[0] for r in db.execute("SELECT DISTINCT year FROM award WHERE kind = ? AND approval_id IS NULL",
                                         [AwardKind.LDTT.value])}
    # a year the program has approved a list of stays open, even with an award typed beside (a supplement)
    recorded -= {r[0] for r in db.execute("SELECT DISTINCT year FROM award WHERE approval_id IS NOT NULL")}
    return sorted(classified | {y for y in rated - recorded if _by_rating(db, y)}, reverse=True)


def require_year_results(db: Database, year: int) -> None:
    """:class:`DomainError` when ``year`` has no quarterly result, no year-end rating and no approved
    title list: nobody to consider."""
    rated = db.execute("SELECT 1 FROM yearly_rating WHERE year = ? LIMIT 1", [year]).fetchone()
    if (not classification_rows(db, year) and not rated
            and not any(current_approval(db, list_key(year, t)) for t in TitleCode)):
        if _by_rating(db, year):  # the rule set of the year judges by the year-end rating: ask for it
            raise DomainError(f"Năm {year} chưa có xếp loại chất lượng cuối năm nào: hãy nhập xếp loại cuối năm "
                              "(màn hình Xếp loại cuối năm, hoặc lệnh import ratings) để xét danh hiệu")
        raise DomainError(f"Năm {year} chưa có kết quả xếp loại quý nào: không có ai để xét danh hiệu")


def _by_rating(db: Database, year: int) -> bool:
    try:
        return rule_for(db, year).by_rating
    except DomainError:  # no rule set for the year: said when the titles are computed
        return False


def year_printable_lists(db: Database, year: int, as_of: dt.date) -> list[PrintableList]:
    """The four title lists of ``year`` as they print, in :class:`TitleCode` order: an approved list's
    snapshot, whatever the rules say now, else its draft taken on ``as_of`` (proposals computed once)."""
    proposals = None
    lists = []
    for title in TitleCode:
        approved = current_approval(db, list_key(year, title))
        if approved is not None:
            lists.append(approved.printable())
            continue
        proposals = proposals or title_proposals(db, year, on=as_of)
        lists.append(draft_list(db, proposals, title, as_of))
    return lists


# --------------------------------------------------------------------------- the council's order


def council_order(db: Database, year: int) -> list[int]:
    """Staff ids in the council's order of priority for ``year`` (first = highest priority)."""
    return [r[0] for r in db.execute("SELECT staff_id FROM title_priority WHERE year = ? ORDER BY priority", [year])]


def set_council_order(db: Database, year: int, staff_ids: Sequence[int]) -> None:
    """Replace ``year``'s order of priority with ``staff_ids`` (first = 1); an empty sequence
    clears it. Refused while the year's Chiến sĩ thi đua cơ sở list is approved."""
    ids = list(staff_ids)
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise ValidationError({"year": f"Năm “{year}” không hợp lệ (từ 2000 đến 2100)"})
    if len(set(ids)) != len(ids):
        raise ValidationError({"staff_ids": "Mỗi cán bộ chỉ có một vị trí trong thứ tự ưu tiên"})
    if ids:
        marks = ",".join("?" * len(ids))
        (known,) = db.execute(f"SELECT count(*) FROM staff WHERE id IN ({marks})", ids).fetchone()
        if known != len(ids):
            raise ValidationError({"staff_ids": "Có cán bộ không có trong danh sách cán bộ"})
    approved = current_approval(db, list_key(year, TitleCode.CSTDCS))
    if approved is not None:
        raise DomainError(
            f"Danh sách {label(TitleCode.CSTDCS)} năm {year} đã được phê duyệt theo Quyết định số "
            f"{approved.approval.decision_number}; hãy mở lại danh sách trước khi đổi thứ tự ưu tiên")
    with db.atomic():
        db.execute("DELETE FROM title_priority WHERE year = ?", [year])
        db.conn.executemany("INSERT INTO title_priority (year, staff_id, priority) VALUES (?, ?, ?)",
                            [(year, staff_id, i) for i, staff_id in enumerate(ids, 1)])


__all__ = [
    "council_order", "decided_list", "draft_list", "list_key", "list_title", "money", "printable_list", "salary_line",
    "set_council_order", "title_years", "total_line",
]
