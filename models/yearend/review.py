"""The year-end review of a campaign: who is proposed for commendation and for criticism, and why.

Criticism (collectives): every reason of :class:`ReviewReason` that applies to a participating
unit on the chosen day; a reason tied to a deadline applies only once the deadline has passed
(the deadline day itself is on time). Commendation: collectives whose initiative the council
assessed "Tiêu biểu xuất sắc" and that have no criticism reason; individuals rated at the required
level (by default "Hoàn thành xuất sắc nhiệm vụ") in every classified quarter of the campaign's
year, with at least ``min_quarters`` quarters classified. Every unit and person considered gets a
one-sentence answer to "why" or "why not".
"""
from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from sqlite_utils import Database

from models.yearend.lists import (
    STAFF, UNIT, Action, AdjustedLists, Adjustment, ListKey, PrintableList, PrintedEntry, adjustments, apply_adjustments, current_approval,
    draft_signer,
)
from models.campaigns.campaigns import Campaign, get_campaign, participants
from models.common.codes import Assessment, HeadLevel, ListKind, ReviewReason, UnitKind, label
from models.common.dates import format_date
from models.common.errors import DomainError, ValidationError
from models.campaigns.initiatives import Initiative, list_initiatives
from models.common.codes import KIND_ORDER
from models.store.settings import council_names
from models.common.text import name_sort_key, sort_key
from models.yearend.titles import without_gc_passes

TITLES = {
    ListKind.COMMENDATION: "DANH SÁCH TẬP THỂ, CÁ NHÂN TIÊU BIỂU XUẤT SẮC ĐƯỢC NÊU GƯƠNG",
    ListKind.CRITICISM: "DANH SÁCH TẬP THỂ BỊ PHÊ BÌNH",
}


@dataclass(frozen=True)
class ReviewSettings:
    disabled_reasons: frozenset[ReviewReason] = frozenset()
    min_quarters: int = 2
    required_level: HeadLevel = HeadLevel.XUAT_SAC


def review_settings(db: Database, campaign_id: int) -> ReviewSettings:
    row = next(db.query("SELECT disabled_reasons, min_quarters, required_level FROM review_config "
                        "WHERE campaign_id = ?", [campaign_id]), None)
    if row is None:
        return ReviewSettings()
    known = {r.value for r in ReviewReason}
    return ReviewSettings(frozenset(ReviewReason(r) for r in json.loads(row["disabled_reasons"]) if r in known),
                          row["min_quarters"], HeadLevel(row["required_level"]))


def save_review_settings(db: Database, campaign_id: int, settings: ReviewSettings) -> None:
    get_campaign(db, campaign_id)
    if not 1 <= settings.min_quarters <= 4:
        raise ValidationError({"min_quarters": "Số quý được xếp loại tối thiểu phải từ 1 đến 4"})
    for kind in ListKind:
        if current_approval(db, ListKey(kind, campaign_id=campaign_id)) is not None:
            raise DomainError(f"{label(kind)} của đợt này đã được phê duyệt; hãy mở lại trước khi đổi cách xét")
    with db.atomic():
        db.execute(
            "INSERT INTO review_config (campaign_id, disabled_reasons, min_quarters, required_level) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(campaign_id) DO UPDATE SET disabled_reasons = excluded.disabled_reasons, "
            "min_quarters = excluded.min_quarters, required_level = excluded.required_level",
            [campaign_id, json.dumps(sorted(r.value for r in settings.disabled_reasons)), settings.min_quarters,
             settings.required_level.value],
        )


@dataclass(frozen=True)
class Finding:
    reason: ReviewReason
    detail: str  # "đăng ký ngày 05/11/2018, hạn 03/11/2018"

    @property
    def text(self) -> str:
        return f"{label(self.reason)} ({self.detail})" if self.detail else label(self.reason)


@dataclass(frozen=True)
class UnitReview:
    unit_id: int
    unit_code: str
    unit_name: str
    unit_kind: UnitKind
    findings: tuple[Finding, ...]  # the criticism reasons that apply (switched-off ones left out)
    commended: bool
    commendation_text: str  # what the list prints for it when commended
    why_criticism: str
    why_commendation: str
    active: bool = True

    @property
    def criticised(self) -> bool:
        return bool(self.findings)

    @property
    def reasons_text(self) -> str:
        return "; ".join(label(f.reason) for f in self.findings)


@dataclass(frozen=True)
class PersonReview:
    staff_id: int
    code: str
    full_name: str
    position: str
    unit_id: int
    unit_name: str
    quarters: tuple[tuple[int, HeadLevel | None], ...]  # (quarter, level; None: not classified)
    commended: bool
    text: str
    why: str

    @property
    def position_unit(self) -> str:
        return f"{self.position}, {self.unit_name}" if self.position else self.unit_name


@dataclass(frozen=True)
class CampaignReview(AdjustedLists):
    campaign: Campaign
    as_of: dt.date
    settings: ReviewSettings
    units: tuple[UnitReview, ...]  # by kind of unit, then name
    people: tuple[PersonReview, ...]  # everyone classified in the year in a participating unit, by name
    adjusted: dict[ListKind, tuple[Adjustment, ...]] = field(default_factory=dict)
    # Rows for subjects added by an adjustment that the rules did not consider (a person with no
    # classification that year, a unit outside the campaign), with their unit kind for the order.
    outsiders: dict[tuple[str, int], tuple[PrintedEntry, UnitKind | None, str]] = field(default_factory=dict)
    # People classified in the year whose last classified quarter belongs to a unit outside the
    # campaign: staff id -> (that quarter, the unit's name).
    elsewhere: dict[int, tuple[int, str]] = field(default_factory=dict)

    # by id, built once: the screens look up every row (a scan per lookup was quadratic, 30 s at 20,000 staff)
    @cached_property
    def _units_by_id(self) -> dict[int, UnitReview]:
        return {u.unit_id: u for u in self.units}

    @cached_property
    def _people_by_id(self) -> dict[int, PersonReview]:
        return {p.staff_id: p for p in self.people}

    def unit(self, unit_id: int) -> UnitReview | None:
        return self._units_by_id.get(unit_id)

    def person(self, staff_id: int) -> PersonReview | None:
        return self._people_by_id.get(staff_id)

    def candidates(self, kind: ListKind) -> tuple[list[PrintedEntry], list[PrintedEntry]]:
        """(collectives, individuals) the rules propose, before adjustments."""
        if kind == ListKind.CRITICISM:
            return [_unit_entry(u, u.reasons_text) for u in self.units if u.criticised], []
        return ([_unit_entry(u, u.commendation_text) for u in self.units if u.commended],
                [_person_entry(p, p.text) for p in self.people if p.commended])

    def entries(self, kind: ListKind) -> tuple[list[PrintedEntry], list[PrintedEntry]]:
        """(collectives, individuals) of the list with the secretary's adjustments applied."""
        collectives, individuals = self.candidates(kind)
        adjusted = list(self.adjusted.get(kind, ()))
        # Rows only for the subjects added by hand: one per person would cost ~0.1 s on 20,000 staff.
        wanted = {a.subject_key for a in adjusted if a.action == Action.ADD}
        base = {key: entry for key, (entry, _kind, _code) in self.outsiders.items()}
        base.update({(UNIT, u.unit_id): _unit_entry(u, "") for u in self.units if (UNIT, u.unit_id) in wanted})
        base.update({(STAFF, p.staff_id): _person_entry(p, "") for p in self.people
                     if (STAFF, p.staff_id) in wanted})
        merged = apply_adjustments(collectives + individuals, adjusted, base)
        kinds = {u.unit_id: u.unit_kind for u in self.units}
        codes = {p.staff_id: p.code for p in self.people}
        for (subject, subject_id), (_entry, unit_kind, code) in self.outsiders.items():
            if subject == UNIT:
                kinds[subject_id] = unit_kind
            else:
                codes[subject_id] = code
        collectives = sorted((e for e in merged if e.subject == UNIT),
                             key=lambda e: (KIND_ORDER[kinds[e.subject_id]], sort_key(e.name)))
        individuals = sorted((e for e in merged if e.subject == STAFF and kind != ListKind.CRITICISM),
                             key=lambda e: (name_sort_key(e.name), codes[e.subject_id]))
        return collectives, individuals

    def why(self, kind: ListKind, subject: str, subject_id: int) -> str:
        """One sentence: why the unit or person is, or is not, on the list ``kind``."""
        adjustment = self.adjustment_for(kind, subject, subject_id)
        if adjustment is not None:
            return adjustment.why
        if subject == UNIT:
            unit = self.unit(subject_id)
            if unit is None:
                return "Đơn vị không tham gia đợt thi đua này."
            return unit.why_criticism if kind == ListKind.CRITICISM else unit.why_commendation
        person = self.person(subject_id)
        if person is None and subject_id in self.elsewhere:
            quarter, unit_name = self.elsewhere[subject_id]
            return (f"Không xét: quý được xếp loại cuối cùng của năm {self.campaign.year} (quý {quarter}) thuộc "
                    f"{unit_name}, đơn vị không tham gia đợt thi đua.")
        if person is None:
            return f"Không xét: không có kết quả xếp loại quý nào năm {self.campaign.year}."
        if kind == ListKind.CRITICISM:
            return "Danh sách phê bình chỉ gồm tập thể."
        return person.why


def _unit_entry(u: UnitReview, text: str) -> PrintedEntry:
    return PrintedEntry(UNIT, u.unit_id, u.unit_name, label(u.unit_kind), text)


def _person_entry(p: PersonReview, text: str) -> PrintedEntry:
    return PrintedEntry(STAFF, p.staff_id, p.full_name, p.position_unit, text)


def list_key(campaign_id: int, kind: ListKind) -> ListKey:
    return ListKey(kind.value, campaign_id=campaign_id)


# --------------------------------------------------------------------------- units


def _unit_findings(inits: list[Initiative], registration_deadline: dt.date, report_deadline: dt.date,
                   as_of: dt.date, head: HeadLevel | None, year: int) -> tuple[list[Finding], list[str]]:
    """All reasons that apply (before switching any off) and, for the "why not" sentence, what
    went right."""
    findings: list[Finding] = []
    good: list[str] = []
    reg = format_date(registration_deadline)
    rep = format_date(report_deadline)
    if not inits:
        if as_of > registration_deadline:
            findings.append(Finding(ReviewReason.NOT_REGISTERED, f"hạn đăng ký {reg}"))
        else:
            good.append(f"chưa đến hạn đăng ký ({reg})")
    else:
        first = inits[0]
        if first.registered_on > registration_deadline:
            findings.append(Finding(ReviewReason.REGISTERED_LATE,
                                    f"đăng ký ngày {format_date(first.registered_on)}, hạn {reg}"))
        else:
            good.append(f"đăng ký đúng hạn ({format_date(first.registered_on)})")
        not_reported = [i for i in inits if i.reported_on is None or i.reported_on > as_of]
        late = [i for i in inits if i.reported_on is not None and report_deadline < i.reported_on <= as_of]
        if not_reported and as_of > report_deadline:
            findings.append(Finding(ReviewReason.NOT_REPORTED, f"hạn báo cáo {rep}"))
        elif not_reported:
            good.append(f"chưa đến hạn báo cáo ({rep})")
        if late:
            findings.append(Finding(ReviewReason.REPORTED_LATE,
                                    f"báo cáo ngày {format_date(late[0].reported_on)}, hạn {rep}"))
        elif not not_reported:
            good.append("báo cáo kết quả đúng hạn")
        assessed = [i for i in inits if i.assessment is not None and i.reported_on is not None and i.reported_on <= as_of]
        if any(i.assessment == Assessment.KHONG_HIEU_QUA for i in assessed):
            findings.append(Finding(ReviewReason.INEFFECTIVE, "Hội đồng đánh giá Không hiệu quả"))
        elif assessed:
            good.append(f"được đánh giá {assessed[0].assessment_label}")
    if head == HeadLevel.KHONG_HOAN_THANH:
        findings.append(Finding(ReviewReason.HEAD_FAILED, f"đánh giá năm {year}"))
    elif head is not None:
        good.append(f"người đứng đầu {label(head)[0].lower() + label(head)[1:]} năm {year}")
    return findings, good


def _review_unit(p, inits: list[Initiative], head: HeadLevel | None, as_of: dt.date, year: int,
                 settings: ReviewSettings) -> UnitReview:
    all_findings, good = _unit_findings(inits, p.registration_deadline, p.report_deadline, as_of, head, year)
    findings = [f for f in all_findings if f.reason not in settings.disabled_reasons]
    switched_off = [f for f in all_findings if f.reason in settings.disabled_reasons]
    if not p.unit_active:
        return UnitReview(p.unit_id, p.unit_code, p.unit_name, p.unit_kind, (), False, "",
                          "Không xét: đơn vị đã ngừng hoạt động.", "Không xét: đơn vị đã ngừng hoạt động.", False)
    if findings:
        why_c = "Bị đề nghị phê bình: " + "; ".join(f.text for f in findings) + "."
    else:
        parts = good or ["không có lý do nào"]
        why_c = "Không bị phê bình: " + ", ".join(parts)
        if switched_off:
            why_c += " (lý do " + ", ".join(f"“{label(f.reason)}”" for f in switched_off) + " không áp dụng trong đợt này)"
        why_c += "."
    reported = [i for i in inits if i.reported_on is not None and i.reported_on <= as_of]
    best = next((i for i in reported if i.assessment == Assessment.TIEU_BIEU), None)
    commended = best is not None and not findings
    text = ""
    if best is not None:
        text = f"{best.kind_label} “{best.title}” được Hội đồng đánh giá Tiêu biểu xuất sắc"
    if commended:
        why_m = f"Đủ điều kiện nêu gương: {text[0].lower() + text[1:]}."
    elif best is not None:
        why_m = ("Không đủ điều kiện nêu gương: mô hình được đánh giá Tiêu biểu xuất sắc nhưng đơn vị có lý do bị phê "
                 f"bình ({'; '.join(label(f.reason) for f in findings)}).")
    elif not inits:
        why_m = "Không đủ điều kiện nêu gương: đơn vị không đăng ký mô hình, sáng kiến, giải pháp."
    elif not reported:
        why_m = "Không đủ điều kiện nêu gương: chưa báo cáo kết quả."
    elif all(i.assessment is None for i in reported):
        why_m = "Không đủ điều kiện nêu gương: Hội đồng chưa đánh giá kết quả."
    else:
        assessed = next(i for i in reported if i.assessment is not None)
        why_m = (f"Không đủ điều kiện nêu gương: {assessed.kind_label.lower()} “{assessed.title}” được đánh giá "
                 f"{assessed.assessment_label} (cần Tiêu biểu xuất sắc).")
    return UnitReview(p.unit_id, p.unit_code, p.unit_name, p.unit_kind, tuple(findings), commended, text, why_c, why_m)


# --------------------------------------------------------------------------- people


def _review_people(db: Database, year: int, unit_names: dict[int, str], settings: ReviewSettings,
                   elsewhere: dict[int, tuple[int, int]]) -> list[PersonReview]:
    """Everyone classified in ``year`` whose last classified quarter belongs to a unit of
    ``unit_names``; the others go into ``elsewhere`` (staff id -> (quarter, unit id))."""
    rows = db.execute(
        "SELECT c.staff_id, c.quarter, c.level, c.unit_id FROM classification c WHERE c.year = ? "
        "ORDER BY c.staff_id, c.quarter", [year],
    ).fetchall()
    by_person: dict[int, list[tuple[int, str | None, int]]] = defaultdict(list)
    for staff_id, quarter, level, unit_id in rows:
        by_person[staff_id].append((quarter, level, unit_id))
    if not by_person:
        return []
    staff = {r["id"]: r for r in db.query("SELECT id, code, full_name, position FROM staff")}
    required = settings.required_level
    order = list(HeadLevel)  # best first
    levels = {lv.value: lv for lv in order}  # one dict look-up per quarter rather than an Enum call
    rank = {lv: i for i, lv in enumerate(order)}
    required_label = label(required)
    at_least = required_label if required == order[0] else f"từ {required_label[0].lower()}{required_label[1:]} trở lên"
    result = []
    for staff_id, quarters in by_person.items():
        unit_id = quarters[-1][2]
        if unit_id not in unit_names:  # the person's unit does not take part in the campaign
            elsewhere[staff_id] = (quarters[-1][0], unit_id)
            continue
        code, full_name, position = staff[staff_id]["code"], staff[staff_id]["full_name"], staff[staff_id]["position"]
        graded = tuple((q, levels[lv] if lv else None) for q, lv, _u in quarters)
        classified = [(q, lv) for q, lv in graded if lv is not None]
        below = [(q, lv) for q, lv in classified if rank[lv] > rank[required]]
        n = len(classified)
        if below:
            q, lv = below[0]
            why = f"Không đủ điều kiện nêu gương: quý {q}/{year} xếp loại {label(lv)}."
            commended, text = False, ""
        elif n < settings.min_quarters:
            why = (f"Không đủ điều kiện nêu gương: chỉ có {n} quý được xếp loại trong năm {year} "
                   f"(cần ít nhất {settings.min_quarters}).")
            commended, text = False, ""
        else:
            listed = ", ".join(str(q) for q, _ in classified)
            text = f"{at_least[0].upper()}{at_least[1:]} {n}/{n} quý được xếp loại năm {year}"
            why = f"Đủ điều kiện nêu gương: {at_least[0].lower()}{at_least[1:]} cả {n} quý được xếp loại năm {year} (quý {listed})."
            commended = True
        result.append(PersonReview(
            staff_id, code, full_name, position, unit_id, unit_names[unit_id],
            graded, commended, text, why))
    result.sort(key=lambda p: (name_sort_key(p.full_name), p.code))
    return result


# --------------------------------------------------------------------------- the review


def campaign_review(db: Database, campaign_id: int, as_of: dt.date) -> CampaignReview:
    """Both lists' candidates for the campaign on ``as_of``, with every explanation."""
    campaign = get_campaign(db, campaign_id)
    members = participants(db, campaign_id)
    if not members:
        raise DomainError(f"Đợt thi đua “{campaign.name}” chưa có đơn vị tham gia nào: không có gì để xét")
    settings = review_settings(db, campaign_id)
    by_unit: dict[int, list[Initiative]] = defaultdict(list)
    for i in list_initiatives(db, campaign_id):
        if i.registered_on <= as_of:
            by_unit[i.unit_id].append(i)
    heads = {u: HeadLevel(lv) for u, lv in db.execute(
        "SELECT unit_id, level FROM head_evaluation WHERE year = ?", [campaign.year])}
    units = []
    for p in members:
        if p.joined_on > as_of and p.joined_on > campaign.start_date:  # had not joined yet on that day
            continue
        mine = sorted(by_unit.get(p.unit_id, ()), key=lambda i: (i.registered_on, i.id))
        units.append(_review_unit(p, mine, heads.get(p.unit_id), as_of, campaign.year, settings))
    units.sort(key=lambda u: (KIND_ORDER[u.unit_kind], sort_key(u.unit_name)))
    names = {u.unit_id: u.unit_name for u in units if u.active}
    elsewhere: dict[int, tuple[int, int]] = {}
    with without_gc_passes():  # some 20,000 records at once, none in a cycle
        people = _review_people(db, campaign.year, names, settings, elsewhere)
    adjusted = {kind: tuple(adjustments(db, list_key(campaign_id, kind))) for kind in ListKind}
    known = {(UNIT, u.unit_id) for u in units} | {(STAFF, p.staff_id) for p in people}
    wanted = {a.subject_key for items in adjusted.values() for a in items if a.action == Action.ADD} - known
    unit_names = dict(db.execute("SELECT id, name FROM unit").fetchall()) if elsewhere else {}
    return CampaignReview(campaign, as_of, settings, tuple(units), tuple(people), adjusted,
                          _outsiders(db, wanted, as_of),
                          {s: (q, unit_names.get(u, "")) for s, (q, u) in elsewhere.items()})


def _outsiders(db: Database, wanted: set[tuple[str, int]], as_of: dt.date):
    """Printed rows for subjects added by hand that the rules did not consider."""
    from models.people.staff import unit_printed_under

    found = {}
    for subject, subject_id in wanted:
        if subject == UNIT:
            row = next(db.query("SELECT name, kind FROM unit WHERE id = ?", [subject_id]), None)
            if row:
                kind = UnitKind(row["kind"])
                found[(UNIT, subject_id)] = (PrintedEntry(UNIT, subject_id, row["name"], label(kind), ""), kind, "")
            continue
        row = next(db.query("SELECT code, full_name, position FROM staff WHERE id = ?", [subject_id]), None)
        if row:
            unit_id = unit_printed_under(db, subject_id, as_of)
            unit = db["unit"].get(unit_id)["name"] if unit_id else ""
            where = ", ".join(x for x in (row["position"], unit) if x)
            found[(STAFF, subject_id)] = (PrintedEntry(STAFF, subject_id, row["full_name"], where, ""), None, row["code"])
    return found


def totals_line(collectives: list, individuals: list, kind: ListKind) -> str:
    if kind == ListKind.CRITICISM:
        return f"Tổng số: {len(collectives)} tập thể."
    return f"Tổng số: {len(collectives)} tập thể, {len(individuals)} cá nhân."


def draft_list(db: Database, review: CampaignReview, kind: ListKind) -> PrintableList:
    """The list as it stands now (candidates with adjustments), unapproved."""
    council = council_names(db)
    collectives, individuals = review.entries(kind)
    return PrintableList(
        kind=kind.value, title=TITLES[kind], subtitle=review.campaign.subtitle,
        parent_body=council.parent_body, issuing_body=council.issuing_body, place=council.place,
        as_of=review.as_of, collectives=tuple(collectives), individuals=tuple(individuals),
        text_heading="Lý do" if kind == ListKind.CRITICISM else "Thành tích",
        draft_signer=draft_signer(council), total_line=totals_line(collectives, individuals, kind),
    )


def printable_list(db: Database, campaign_id: int, kind: ListKind, as_of: dt.date) -> PrintableList:
    """What prints: the frozen snapshot of an approved list, else the current draft."""
    approved = current_approval(db, list_key(campaign_id, kind))
    if approved is not None:
        return approved.printable()
    return draft_list(db, campaign_review(db, campaign_id, as_of), kind)
