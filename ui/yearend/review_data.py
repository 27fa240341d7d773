"""What the year-end review screen shows, as plain rows (no Qt): one row per unit or person
considered for a list, with its state on the list and the one-sentence why.

An approved list shows its frozen snapshot: a row is "in the list" when the snapshot has it,
whatever today's data would say.
"""
from __future__ import annotations

from dataclasses import dataclass

from models.yearend.lists import STAFF, UNIT, Adjustment, PrintableList
from models.common.codes import ListKind, label
from models.yearend.review import CampaignReview

from ui.yearend.list_data import ADDED, FROZEN_NOTE, REMOVED, ListSpec, outside_why

IN_LIST = "Trong danh sách"
NOT_IN = "Không"
STATUSES = (IN_LIST, ADDED, REMOVED, NOT_IN)
SUBJECT_LABELS = {UNIT: "Tập thể", STAFF: "Cá nhân"}


@dataclass(frozen=True)
class ReviewRow:
    order: int  # the review's own order (units by kind then name, then people by name)
    subject: str  # UNIT or STAFF
    subject_id: int
    code: str
    name: str
    where: str  # a collective: its kind of unit; a person: "chức vụ, đơn vị"
    status: str  # one of STATUSES
    text: str  # what the list prints for it (the reasons, or the achievement); "" when not in it
    why: str  # review.why: why it is, or is not, on the list
    rule_why: str  # what the rules alone say (differs from ``why`` when adjusted)
    adjustment: Adjustment | None = None
    active: bool = True
    initiative: str = ""  # a person: the initiative of the campaign they authored (issue 13)

    @property
    def in_list(self) -> bool:
        return self.status in (IN_LIST, ADDED)

    @property
    def subject_label(self) -> str:
        return SUBJECT_LABELS[self.subject]

    @property
    def key(self) -> tuple[str, int]:
        return self.subject, self.subject_id


def review_spec(kind: ListKind) -> ListSpec:
    """The words of a campaign's criticism or commendation list."""
    if kind == ListKind.CRITICISM:
        return ListSpec(label(kind).lower(), (UNIT,), "Lý do phê bình", "Ví dụ: Không triển khai kế hoạch thi đua của Hội đồng")
    return ListSpec(label(kind).lower(), (UNIT, STAFF), "Thành tích",
                    "Ví dụ: Có mô hình “Dân vận khéo” được cấp ủy biểu dương")


AS_OF_TIP = (
    "Các lý do có hạn (không đăng ký, không báo cáo kết quả) chỉ tính khi đã qua hạn; nộp đúng ngày hạn vẫn là "
    "đúng hạn.\nMặc định: hôm nay, hoặc ngày sau hạn báo cáo kết quả nếu hôm nay chưa qua hạn đó (để thấy đủ mọi "
    "lý do như khi Hội đồng họp). Gõ ngày khác rồi Enter để xét lại.\nDanh sách đã phê duyệt luôn là bản đã chốt."
)


def review_rows(review: CampaignReview, kind: ListKind, frozen: PrintableList | None = None) -> list[ReviewRow]:
    """Every collective (and, for commendation, every person) the review considered for ``kind``.
    ``frozen``: the approved snapshot, which then decides who is on the list and what it prints."""
    if frozen is not None:
        collectives, individuals = frozen.collectives, frozen.individuals
    else:
        collectives, individuals = review.entries(kind)
    listed = {e.subject_key: e for e in (*collectives, *individuals)}
    rows: list[ReviewRow] = []

    def add(subject, subject_id, code, name, where, rule_why, active=True, initiative=""):
        adjustment = review.adjustment_for(kind, subject, subject_id)
        entry = listed.pop((subject, subject_id), None)
        if adjustment is not None and adjustment.action == "add" and entry is not None:
            status = ADDED
        elif adjustment is not None and adjustment.action == "remove" and entry is None:
            status = REMOVED
        else:
            status = IN_LIST if entry is not None else NOT_IN
        rows.append(ReviewRow(len(rows), subject, subject_id, code, name, where, status,
                              entry.text if entry is not None else "", review.why(kind, subject, subject_id),
                              rule_why, adjustment, active, initiative))

    for u in review.units:
        rule = u.why_criticism if kind == ListKind.CRITICISM else u.why_commendation
        add(UNIT, u.unit_id, u.unit_code, u.unit_name, label(u.unit_kind), rule, u.active)
    if kind == ListKind.COMMENDATION:
        for p in review.people:
            add(STAFF, p.staff_id, p.code, p.full_name, p.position_unit, p.why, initiative=p.initiative_text)
    outsiders = review.outsiders
    for entry in listed.values():  # added by hand although the rules did not consider them, or frozen
        adjustment = review.adjustment_for(kind, *entry.subject_key)
        outsider = outsiders.get(entry.subject_key)
        code = outsider[2] if outsider else ""
        if adjustment is not None and adjustment.action == "add":
            rows.append(ReviewRow(len(rows), entry.subject, entry.subject_id, code, entry.name, entry.position_unit,
                                  ADDED, entry.text, review.why(kind, *entry.subject_key),
                                  outside_why(entry.subject, review.campaign.year, campaign=True), adjustment))
        else:
            rows.append(ReviewRow(len(rows), entry.subject, entry.subject_id, code, entry.name, entry.position_unit,
                                  IN_LIST, entry.text, FROZEN_NOTE, FROZEN_NOTE))
    return rows


def picker_rows(rows: list[ReviewRow], kind: ListKind, year: int, units, staff) -> list[ReviewRow]:
    """What the "add" dialog offers: the rows considered, then the other units (``units``: those in
    activity in the campaign's year) and, for commendation, the other people still working, which can
    be added by hand."""
    picked = list(rows)
    known = {r.key for r in rows}
    for u in units:
        if (UNIT, u.id) not in known:
            why = outside_why(UNIT, year, campaign=True)
            picked.append(ReviewRow(len(picked), UNIT, u.id, u.code, u.name, label(u.kind), NOT_IN, "", why, why))
    if kind == ListKind.COMMENDATION:
        for p in staff:
            if p.active and (STAFF, p.id) not in known:
                why = outside_why(STAFF, year, campaign=True)
                where = ", ".join(x for x in (p.position, p.unit_name) if x)
                picked.append(ReviewRow(len(picked), STAFF, p.id, p.code, p.full_name, where, NOT_IN, "", why, why))
    return picked


def counts_text(rows: list[ReviewRow], kind: ListKind) -> str:
    units = sum(1 for r in rows if r.in_list and r.subject == UNIT)
    people = sum(1 for r in rows if r.in_list and r.subject == STAFF)
    added = sum(1 for r in rows if r.status == ADDED)
    removed = sum(1 for r in rows if r.status == REMOVED)
    text = f"Trong danh sách: {units} tập thể"
    if kind == ListKind.COMMENDATION:
        text += f", {people} cá nhân"
    if added or removed:
        text += f" (điều chỉnh: thêm {added}, loại {removed})"
    return text
