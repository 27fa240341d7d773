"""What the yearly titles screen shows, as plain rows (no Qt): one row per person (individual
titles) or unit (collective titles) considered for a title, with its state on the list, its key
figures, every condition and the why sentence; and the rows of a Chiến sĩ thi đua cơ sở cap group.

An approved list shows its frozen snapshot: a row is on the list when the snapshot has it.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from html import escape

from models.yearend.lists import STAFF, UNIT, Adjustment, PrintableList
from models.common.codes import COLLECTIVE_TITLES, HeadLevel, TitleCode, TitleRank, label
from models.yearend.title_checks import Condition
from models.common.text import money
from models.yearend.title_lists import total_line
from models.yearend.title_rank import CapGroup, cap_base_text
from models.yearend.title_rules import TitleRules, percent_text, share_of
from models.yearend.titles import PersonProposal, TitleProposals, UnitProposal

from ui.yearend.list_data import ADDED, FROZEN_NOTE, REMOVED, ListSpec, adjustment_text, outside_why

PROPOSED = "Đề nghị"
NOT_PROPOSED = "Không"
OUT_OF_QUOTA = "Đủ điều kiện nhưng ngoài chỉ tiêu"
STATUSES = (PROPOSED, ADDED, OUT_OF_QUOTA, REMOVED, NOT_PROPOSED)
SHORT_TITLES = {TitleCode.LDTT: "LĐTT", TitleCode.CSTDCS: "CSTĐCS", TitleCode.TTLDTT: "TTLĐTT",
                TitleCode.TTLDXS: "TTLĐXS"}
FROZEN_ONLY_NOTE = "Có trong danh sách đã phê duyệt (bản chốt); hiện không xét lại được danh hiệu năm này."
MET, FAILED = "✔", "✘"


@dataclass(frozen=True)
class TitleRow:
    """A person or a unit considered for one title. The figures a title does not use stay 0."""

    order: int  # the printed order: people by unit (the council's unit order) then name; units by kind, name
    subject: str  # UNIT or STAFF
    subject_id: int
    code: str
    name: str
    position: str  # a person's position; a unit's kind
    unit: str  # a person's unit; "" for a unit
    status: str  # one of STATUSES
    text: str  # what the list prints for it; "" when not on it
    amount: int  # the bonus, when on the list
    why: str  # why it is, or is not, on the list (adjustments included)
    rule_why: str  # what the rules alone say
    conditions: tuple[Condition, ...] = ()
    adjustment: Adjustment | None = None
    active: bool = True
    # A person's figures.
    classified: int = 0  # quarters classified (a level, not "không đánh giá")
    quarters: int = 0  # quarters with a row in the year
    excellent: int = 0  # quarters at Hoàn thành xuất sắc nhiệm vụ
    discipline: str = ""  # the most severe form taking effect in the year
    initiative: bool | None = None  # CSTĐCS: author of an initiative recognised at the cơ sở
    rank: str = ""  # CSTĐCS, where the cap ranks: "2/3"
    # A unit's figures.
    counted: int = 0
    earned_ldtt: int = 0
    completed: int = 0
    cstdcs: int = 0

    @property
    def in_list(self) -> bool:
        return self.status in (PROPOSED, ADDED)

    @property
    def key(self) -> tuple[str, int]:
        return self.subject, self.subject_id

    @property
    def subject_label(self) -> str:
        return "Tập thể" if self.subject == UNIT else "Cá nhân"

    @property
    def where(self) -> str:
        """A person's "chức vụ, đơn vị"; a unit's kind."""
        return ", ".join(x for x in (self.position, self.unit) if x)

    @property
    def ldtt_share(self) -> str:
        """"10/12 (83,3%)"."""
        if not self.counted:
            return ""
        return f"{self.earned_ldtt}/{self.counted} ({percent_text(share_of(self.earned_ldtt, self.counted))})"


def title_spec(title: TitleCode, year: int) -> ListSpec:
    """The words the add, remove and approve dialogs use for ``year``'s list of ``title``."""
    collective = title in COLLECTIVE_TITLES
    name = f"danh sách {label(title)} năm {year}"
    example = ("Ví dụ: Hoàn thành xuất sắc nhiệm vụ; đơn vị được Chủ tịch Ủy ban nhân dân tặng giấy khen" if collective
               else "Ví dụ: Hoàn thành tốt nhiệm vụ 4/4 quý; được Hội đồng xét đặc cách")
    return ListSpec(name, (UNIT,) if collective else (STAFF,), "Thành tích", example,
                    f"Danh sách đề nghị công nhận danh hiệu {label(title)} năm {year}")


def _status(entry, adjustment: Adjustment | None, eligible: bool) -> str:
    if adjustment is not None and adjustment.action == "add" and entry is not None:
        return ADDED
    if adjustment is not None and adjustment.action == "remove" and entry is None:
        return REMOVED
    if entry is not None:
        return PROPOSED
    return OUT_OF_QUOTA if eligible else NOT_PROPOSED


def _initiative(p: PersonProposal, rules: TitleRules) -> bool | None:
    # The conditions of Chiến sĩ thi đua cơ sở are: Lao động tiên tiến, then the initiative or one
    # of the achievements (when the rule set asks for them), then the cap (models.yearend.titles).
    conditions = p.decisions[TitleCode.CSTDCS].conditions
    return conditions[1].met if rules.achievements and len(conditions) > 1 else None


def title_rows(p: TitleProposals, title: TitleCode, frozen: PrintableList | None = None) -> list[TitleRow]:
    """Everyone the rules considered for ``title`` (people or units), then whoever else the list
    holds (added by hand, or kept by an approved snapshot), in the printed order."""
    title = TitleCode(title)
    entries = frozen.entries if frozen is not None else p.entries(title)
    listed = {e.subject_key: e for e in entries}
    sized = {s: len(g.ranked) for g in p.cap_groups for s in g.ranked}
    subjects = p.units if title in COLLECTIVE_TITLES else p.people
    items: list[tuple[tuple[str, int], object]] = [
        ((UNIT, s.unit_id) if isinstance(s, UnitProposal) else (STAFF, s.staff_id), s) for s in subjects]
    considered = {key for key, _s in items}
    items += [(e.subject_key, e) for e in entries if e.subject_key not in considered]
    items.sort(key=lambda item: p.order.get(item[0], ((99,),)))  # sorted first: each row is built once
    rows = []
    for order, (key, s) in enumerate(items):
        entry = listed.get(key)
        adjustment = p.adjustment_for(title, *key)
        if key not in considered:  # added though the rules never looked at it, or kept by the snapshot
            rows.append(_outside_row(order, s, adjustment, p.why(title, *key), p.year))
            continue
        decision = s.decisions[title]
        rule_why = decision.why
        common = dict(
            order=order, subject=key[0], subject_id=key[1], code=s.code,
            status=_status(entry, adjustment, decision.eligible),
            text=entry.text if entry is not None else "", amount=entry.amount if entry is not None else 0,
            why=p.why(title, *key) if adjustment is not None else rule_why, rule_why=rule_why,
            conditions=decision.conditions, adjustment=adjustment)
        if key[0] == STAFF:
            rank = decision.rank
            rows.append(TitleRow(
                name=s.full_name, position=s.position, unit=s.unit_name, **common,
                classified=sum(q.level is not None for q in s.quarters), quarters=len(s.quarters),
                excellent=s.excellent_quarters, discipline=s.discipline.form_label if s.discipline else "",
                initiative=_initiative(s, p.rules) if title == TitleCode.CSTDCS else None,
                rank=f"{rank.rank}/{sized[s.staff_id]}" if rank is not None else ""))
        else:
            rows.append(TitleRow(name=s.name, position=label(s.kind), unit="", active=s.active, **common,
                                 counted=s.counted, earned_ldtt=s.earned_ldtt, completed=s.completed,
                                 cstdcs=s.cstdcs))
    return rows


def frozen_rows(frozen: PrintableList) -> list[TitleRow]:
    """The rows of an approved list when the year's proposals cannot be computed (no rule set
    covers the year any more): what the snapshot holds, in its printed order."""
    return [TitleRow(order, e.subject, e.subject_id, "", e.name, e.position_unit,
                     e.group if e.group != e.position_unit else "", PROPOSED, e.text, e.amount, FROZEN_ONLY_NOTE,
                     FROZEN_ONLY_NOTE) for order, e in enumerate(frozen.entries)]


def _outside_row(order: int, entry, adjustment: Adjustment | None, why: str, year: int) -> TitleRow:
    added = adjustment is not None and adjustment.action == "add"
    why = why if added else FROZEN_NOTE
    unit = entry.group if entry.group != entry.position_unit else ""
    return TitleRow(order, entry.subject, entry.subject_id, "", entry.name, entry.position_unit, unit,
                    ADDED if added else PROPOSED, entry.text, entry.amount, why,
                    outside_why(entry.subject, year) if added else why, adjustment=adjustment if added else None)


def title_picker_rows(rows: list[TitleRow], title: TitleCode, year: int, units, staff) -> list[TitleRow]:
    """What the "add" dialog offers: the rows considered, then the other units (collective titles:
    ``units``, those in activity that year) or the other people still working (individual titles),
    who can be added by hand."""
    picked = list(rows)
    known = {r.key for r in rows}
    if title in COLLECTIVE_TITLES:
        others = [(UNIT, u.id, u.code, u.name, label(u.kind), "") for u in units]
    else:
        others = [(STAFF, p.id, p.code, p.full_name, p.position, p.unit_name) for p in staff if p.active]
    for subject, subject_id, code, name, position, unit in others:
        if (subject, subject_id) not in known:
            why = outside_why(subject, year)
            picked.append(TitleRow(len(picked), subject, subject_id, code, name, position, unit, NOT_PROPOSED, "", 0,
                                   why, why))
    return picked


def counts_text(rows: list[TitleRow], title: TitleCode) -> str:
    """"Tổng số: 414 cá nhân; tổng số tiền thưởng: 173.880.000 đồng (điều chỉnh: thêm 1, loại 0)"."""
    listed = [r for r in rows if r.in_list]
    text = total_line(title, len(listed), sum(r.amount for r in listed))
    added = sum(r.status == ADDED for r in rows)
    removed = sum(r.status == REMOVED for r in rows)
    if added or removed:
        text += f" (điều chỉnh: thêm {added}, loại {removed})"
    cut = sum(r.status == OUT_OF_QUOTA for r in rows)
    if cut:
        text += f"; {cut} người đủ điều kiện nhưng ngoài chỉ tiêu"
    return text


def condition_html(c: Condition) -> str:
    """One condition: ✔ met (green), ✘ not met (red), a note without a mark (grey)."""
    if c.met is None:
        return f"<span style='color:#5f6670'>&nbsp;&nbsp;&nbsp;&nbsp;{escape(c.text)}</span>"
    mark = f"<span style='color:#1b7f3b'>{MET}</span>" if c.met else f"<span style='color:#b00020'>{FAILED}</span>"
    return f"{mark} {escape(c.text)}"


def details_html(row: TitleRow, title: TitleCode) -> str:
    """The panel under the table: who, the sentence, every condition, the adjustment."""
    e = escape
    head = f"<b>{e(row.name)}</b>{f' ({e(row.code)})' if row.code else ''}"
    if row.where:
        head += f" — {e(row.where)}"
    lines = [head, f"<b>{e(label(title))}:</b> {e(row.why)}"]
    if row.status == ADDED:
        lines.append(f"<b>Thành tích in trong danh sách:</b> {e(row.text)}")
    if row.adjustment is not None:
        lines.append(f"<b>Điều chỉnh:</b> {e(adjustment_text(row.adjustment))}")
        if row.rule_why and row.rule_why != row.why:
            lines.append(f"<b>Theo quy định:</b> {e(row.rule_why)}")
    if row.conditions:
        lines.append("<b>Các điều kiện:</b>")
        lines += [condition_html(c) for c in row.conditions]
    return "<br>".join(lines)


# --------------------------------------------------------------------------- the cap of CSTĐCS


@dataclass(frozen=True)
class CapRow:
    """One eligible person of a cap group, in the group's ranking."""

    rank: int
    staff_id: int
    code: str
    name: str
    excellent: int
    council: int | None  # the council's order of priority for the year; None: not placed
    within: bool

    @property
    def council_text(self) -> str:
        return str(self.council) if self.council is not None else "—"

    @property
    def result(self) -> str:
        return "Trong chỉ tiêu" if self.within else "Ngoài chỉ tiêu"


def cap_rows(p: TitleProposals, group: CapGroup, council: list[int]) -> list[CapRow]:
    places = {s: i for i, s in enumerate(council, 1)}
    rows = []
    for i, staff_id in enumerate(group.ranked, 1):
        person = p.person(staff_id)
        rows.append(CapRow(i, staff_id, person.code, person.full_name, person.excellent_quarters,
                           places.get(staff_id), not group.binding or i <= group.quota))
    return rows


def group_label(group: CapGroup) -> str:
    """"Phòng Tài chính - Kế hoạch: 3 người, chỉ tiêu 1 — phải xếp hạng"."""
    scope = group.scope[:1].upper() + group.scope[1:]  # "toàn phường" opens the line
    text = f"{scope}: {len(group.ranked)} người, chỉ tiêu {group.quota}"
    return text + " — phải xếp hạng" if group.binding else text


_RANK_WORDS = {TitleRank.EXCELLENT_QUARTERS: f"số quý {label(HeadLevel.XUAT_SAC)}",
               TitleRank.COUNCIL_ORDER: "thứ tự ưu tiên của Hội đồng",
               TitleRank.YEARLY_RATING: "mức xếp loại cuối năm"}


def ranking_text(rules: TitleRules) -> str:
    """"số quý Hoàn thành xuất sắc nhiệm vụ, rồi thứ tự ưu tiên của Hội đồng, rồi tên"."""
    return ", rồi ".join([_RANK_WORDS[k] for k in rules.ranking] + ["tên"])


def cap_summary(group: CapGroup, rules: TitleRules) -> str:
    """The quota, where it comes from, and where the cut falls."""
    pct = percent_text(rules.cstdcs_cap_percent)
    text = (f"Chỉ tiêu {group.quota} = {pct} của {cap_base_text(rules, group)} "
            f"({label(rules.cap_scope).lower()}, làm tròn xuống). ")
    if not group.binding:
        return text + f"{len(group.ranked)} người đủ điều kiện: tất cả trong chỉ tiêu."
    out = len(group.ranked) - group.quota
    cut = f"ranh giới sau hạng {group.quota}" if group.quota else "không ai trong chỉ tiêu"
    return text + (f"{len(group.ranked)} người đủ điều kiện, xếp theo {ranking_text(rules)}: {cut}, "
                   f"{out} người ngoài chỉ tiêu.")


def movable(rules: TitleRules, a: PersonProposal, b: PersonProposal) -> bool:
    """Whether the council's order can put ``a`` and ``b`` the other way round: the rule set
    ranks by the council's order, and they tie on every criterion before it."""
    if TitleRank.COUNCIL_ORDER not in rules.ranking:
        return False
    before = rules.ranking[:rules.ranking.index(TitleRank.COUNCIL_ORDER)]
    return all(a.excellent_quarters == b.excellent_quarters for k in before if k == TitleRank.EXCELLENT_QUARTERS)


def moved_order(council: list[int], ranked: list[int], i: int, j: int) -> list[int]:
    """The year's order of priority with the group's people ``ranked[i]`` and ``ranked[j]``
    swapped: the whole group takes places in its new ranking, where its first placed member
    stood (at the end when none was placed); everyone else keeps their place."""
    desired = list(ranked)
    desired[i], desired[j] = desired[j], desired[i]
    members = set(desired)
    rest = [s for s in council if s not in members]
    first = next((k for k, s in enumerate(council) if s in members), None)
    at = len(rest) if first is None else sum(1 for s in council[:first] if s not in members)
    return rest[:at] + desired + rest[at:]


def money_text(amount: int) -> str:
    return money(amount) if amount else ""


def decimal_text(value: Decimal) -> str:
    """A percentage or multiple as typed: Decimal("0.3") -> "0,3", Decimal("15") -> "15"."""
    value = value.normalize()
    return (format(value, "f") if value == value.to_integral_value() else str(value)).replace(".", ",")


__all__ = [
    "ADDED", "CapRow", "NOT_PROPOSED", "OUT_OF_QUOTA", "PROPOSED", "REMOVED", "STATUSES", "TitleRow", "cap_rows",
    "cap_summary", "condition_html", "counts_text", "details_html", "frozen_rows", "group_label", "moved_order",
    "movable", "title_picker_rows", "title_rows", "title_spec",
]
