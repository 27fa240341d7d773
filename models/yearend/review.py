"""The year-end review of a campaign: who is proposed for commendation and for criticism, and why.

Criticism (collectives): every reason of :class:`ReviewReason` that applies to a participating
unit on the chosen day; a reason tied to a deadline applies only once the deadline has passed
(the deadline day itself is on time when the campaign says "chậm nhất ngày X", late when it says
"trước ngày X"). Commendation: collectives whose initiative the council
assessed "Tiêu biểu xuất sắc" and that have no criticism reason; individuals who made the campaign
succeed - the authors of the initiatives the council assessed "Tiêu biểu xuất sắc" (and, as a
setting, "Hiệu quả"), with no quarter of the campaign's period below the chosen level
(``models.yearend.review_people``). Every unit and person considered gets a one-sentence answer to
"why" or "why not". The printed lists carry the campaign's deadlines as worded
(``Campaign.deadlines_line``) under their subtitle.
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
from models.common.dates import format_date, from_iso
from models.people.heads import known_from
from models.common.errors import DomainError, ValidationError
from models.campaigns.initiatives import Initiative, list_initiatives
from models.yearend.review_people import PersonReview, review_people
from models.common.codes import KIND_ORDER
from models.people.succession import active_in_year, unit_ends
from models.store.settings import council_names
from models.common.text import joined_lower, money, name_sort_key, sort_key
from models.common.bulk import without_gc_passes

TITLES = {
    ListKind.COMMENDATION: "DANH SÁCH TẬP THỂ, CÁ NHÂN TIÊU BIỂU XUẤT SẮC ĐƯỢC NÊU GƯƠNG",
    ListKind.CRITICISM: "DANH SÁCH TẬP THỂ BỊ PHÊ BÌNH",
}


@dataclass(frozen=True)
class ReviewSettings:
    """How a campaign is reviewed: the criticism reasons switched off; for the individuals, the level
    no quarter of the campaign's period may fall below, and whether the authors of initiatives assessed
    "Hiệu quả" are proposed too (else only "Tiêu biểu xuất sắc")."""

    disabled_reasons: frozenset[ReviewReason] = frozenset()
    required_level: HeadLevel = HeadLevel.TOT
    include_effective: bool = False

    @property
    def individuals_text(self) -> str:
        """"cá nhân: tác giả mô hình Tiêu biểu xuất sắc, các quý của đợt từ ... trở lên" (screens)."""
        which = "Tiêu biểu xuất sắc hoặc Hiệu quả" if self.include_effective else "Tiêu biểu xuất sắc"
        level = label(self.required_level)
        return f"cá nhân: tác giả mô hình {which}, các quý của đợt từ {level[0].lower()}{level[1:]} trở lên"


def review_settings(db: Database, campaign_id: int) -> ReviewSettings:
    row = next(db.query("SELECT disabled_reasons, required_level, include_effective FROM review_config "
                        "WHERE campaign_id = ?", [campaign_id]), None)
    if row is None:
        return ReviewSettings()
    known = {r.value for r in ReviewReason}
    return ReviewSettings(frozenset(ReviewReason(r) for r in json.loads(row["disabled_reasons"]) if r in known),
                          HeadLevel(row["required_level"]), bool(row["include_effective"]))


def save_review_settings(db: Database, campaign_id: int, settings: ReviewSettings) -> None:
    get_campaign(db, campaign_id)
    if not isinstance(settings.required_level, HeadLevel):
        raise ValidationError({"required_level": "Chưa chọn mức xếp loại quý tối thiểu"})
    for kind in ListKind:
        if current_approval(db, ListKey(kind, campaign_id=campaign_id)) is not None:
            raise DomainError(f"{label(kind)} của đợt này đã được phê duyệt; hãy mở lại trước khi đổi cách xét")
    with db.atomic():
        db.execute(
            "INSERT INTO review_config (campaign_id, disabled_reasons, required_level, include_effective) "
            "VALUES (?, ?, ?, ?) ON CONFLICT(campaign_id) DO UPDATE SET disabled_reasons = excluded.disabled_reasons, "
            "required_level = excluded.required_level, include_effective = excluded.include_effective",
            [campaign_id, json.dumps(sorted(r.value for r in settings.disabled_reasons)),
             settings.required_level.value, int(settings.include_effective)],
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
        return joined_lower(label(f.reason) for f in self.findings)


@dataclass(frozen=True)
class CampaignReview(AdjustedLists):
    campaign: Campaign
    as_of: dt.date
    settings: ReviewSettings
    units: tuple[UnitReview, ...]  # by kind of unit, then name
    people: tuple[PersonReview, ...]  # the authors of the campaign's initiatives, by name
    adjusted: dict[ListKind, tuple[Adjustment, ...]] = field(default_factory=dict)
    # Rows for subjects added by an adjustment that the rules did not consider (a person who authored
    # none of the campaign's initiatives, a unit outside the campaign), with their unit kind for the
    # order, a person's code and the unit they print under.
    outsiders: dict[tuple[str, int], tuple] = field(default_factory=dict)

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
        base = {key: entry for key, (entry, *_rest) in self.outsiders.items()}
        base.update({(UNIT, u.unit_id): _unit_entry(u, "") for u in self.units if (UNIT, u.unit_id) in wanted})
        base.update({(STAFF, p.staff_id): _person_entry(p, "") for p in self.people
                     if (STAFF, p.staff_id) in wanted})
        merged = apply_adjustments(collectives + individuals, adjusted, base)
        kinds = {u.unit_id: u.unit_kind for u in self.units}
        codes = {p.staff_id: p.code for p in self.people}
        for (subject, subject_id), (_entry, unit_kind, code, *_unit) in self.outsiders.items():
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
            note = self.added_note(subject, subject_id) if adjustment.action == Action.ADD else ""
            return adjustment.why + note
        if subject == UNIT:
            unit = self.unit(subject_id)
            if unit is None:
                return "Đơn vị không tham gia đợt thi đua này."
            return unit.why_criticism if kind == ListKind.CRITICISM else unit.why_commendation
        person = self.person(subject_id)
        if person is None:
            return (f"Không xét: không là tác giả mô hình, sáng kiến, giải pháp nào của đợt thi đua được Hội đồng "
                    f"đánh giá; muốn nêu gương, Hội đồng thêm vào danh sách và ghi rõ lý do.")
        if kind == ListKind.CRITICISM:
            return "Danh sách phê bình chỉ gồm tập thể."
        return person.why

    def added_note(self, subject: str, subject_id: int) -> str:
        """For a person added by hand whose unit is proposed for criticism: the sentence saying so."""
        person = self.person(subject_id) if subject == STAFF else None
        unit_id = person.unit_id if person else None
        if person is None:
            outsider = self.outsiders.get((subject, subject_id))
            unit_id = outsider[3] if outsider and len(outsider) > 3 else None
        unit = self.unit(unit_id) if unit_id is not None else None
        if person is not None and person.criticised_unit:
            return f" Lưu ý: {person.criticised_unit}."
        if unit is not None and unit.criticised:
            return f" Lưu ý: {unit.unit_name} bị đề nghị phê bình ({unit.reasons_text})."
        return ""


def _unit_entry(u: UnitReview, text: str) -> PrintedEntry:
    return PrintedEntry(UNIT, u.unit_id, u.unit_name, label(u.unit_kind), text)


def _person_entry(p: PersonReview, text: str) -> PrintedEntry:
    return PrintedEntry(STAFF, p.staff_id, p.full_name, p.position_unit, text, initiative=p.initiative_text)


def list_key(campaign_id: int, kind: ListKind) -> ListKey:
    return ListKey(kind.value, campaign_id=campaign_id)


# --------------------------------------------------------------------------- units


# Said of a registration or report dated on the deadline day itself (only on time "chậm nhất ngày" X).
_ON_THE_DAY = ", đúng ngày hạn: đợt ghi hạn “chậm nhất ngày”"


def _unit_findings(inits: list[Initiative], p, as_of: dt.date, head, year: int) -> tuple[list[Finding], list[str]]:
    """All reasons that apply (before switching any off) and, for the "why not" sentence, what
    went right. ``p``: the participant, with its deadlines and whether their day is on time."""
    findings: list[Finding] = []
    good: list[str] = []
    reg = p.deadline_text(p.registration_deadline)
    rep = p.deadline_text(p.report_deadline)
    if not inits:
        if as_of > p.registration_due:
            findings.append(Finding(ReviewReason.NOT_REGISTERED, f"hạn đăng ký {reg}"))
        else:
            good.append(f"chưa đến hạn đăng ký ({reg})")
    else:
        first = inits[0]
        if first.registered_on > p.registration_due:
            findings.append(Finding(ReviewReason.REGISTERED_LATE,
                                    f"đăng ký ngày {format_date(first.registered_on)}, hạn {reg}"))
        else:
            on_the_day = _ON_THE_DAY if first.registered_on == p.registration_deadline else ""
            good.append(f"đăng ký đúng hạn ({format_date(first.registered_on)}{on_the_day})")
        not_reported = [i for i in inits if i.reported_on is None or i.reported_on > as_of]
        late = [i for i in inits if i.reported_on is not None and p.report_due < i.reported_on <= as_of]
        if not_reported and as_of > p.report_due:
            findings.append(Finding(ReviewReason.NOT_REPORTED, f"hạn báo cáo {rep}"))
        elif not_reported:
            good.append(f"chưa đến hạn báo cáo ({rep})")
        if late:
            findings.append(Finding(ReviewReason.REPORTED_LATE,
                                    f"báo cáo ngày {format_date(late[0].reported_on)}, hạn {rep}"))
        elif not not_reported:
            on_the_day = [i.reported_on for i in inits if i.reported_on == p.report_deadline]
            good.append("báo cáo kết quả đúng hạn" + (f" ({format_date(on_the_day[0])}{_ON_THE_DAY})" if on_the_day else ""))
        assessed = [i for i in inits if i.assessment is not None and i.reported_on is not None and i.reported_on <= as_of]
        if any(i.assessment == Assessment.KHONG_HIEU_QUA for i in assessed):
            findings.append(Finding(ReviewReason.INEFFECTIVE, "Hội đồng đánh giá Không hiệu quả"))
        elif assessed:
            good.append(f"được đánh giá {assessed[0].assessment_label}")
    if head is not None:
        level, decided, _day = head
        when = f", quyết định ngày {format_date(decided)}" if decided else ""
        if level == HeadLevel.KHONG_HOAN_THANH:
            findings.append(Finding(ReviewReason.HEAD_FAILED, f"đánh giá năm {year}{when}"))
        else:
            good.append(f"người đứng đầu {label(level)[0].lower() + label(level)[1:]} năm {year}{when}")
    return findings, good


def _review_unit(p, inits: list[Initiative], head, head_later, as_of: dt.date, year: int,
                 settings: ReviewSettings, ends: dt.date | None = None) -> UnitReview:
    """``head``: (level, decided on, counted from) of the head's evaluation known on ``as_of``;
    ``head_later``: the one decided after ``as_of`` (not counted; the why sentence says so)."""
    all_findings, good = _unit_findings(inits, p, as_of, head, year)
    later = ""
    if head_later is not None:
        _level, decided, day = head_later
        when = f"quyết định ngày {format_date(decided)}" if decided else f"chưa ghi ngày quyết định, tính từ {format_date(day)}"
        later = f" Đánh giá người đứng đầu năm {year} ({when}) chưa tính vì sau ngày xét."
    findings = [f for f in all_findings if f.reason not in settings.disabled_reasons]
    switched_off = [f for f in all_findings if f.reason in settings.disabled_reasons]
    if not active_in_year(p.unit_active, ends, year):  # merged after the year: still reviewed for it
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
    why_c += later
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
    heads, heads_later = {}, {}  # decided by as_of; decided after it (not counted, but said)
    for u, lv, decided in db.execute(
            "SELECT unit_id, level, decided_on FROM head_evaluation WHERE year = ?", [campaign.year]):
        day = known_from(from_iso(decided), campaign.year)
        (heads if day <= as_of else heads_later)[u] = (HeadLevel(lv), from_iso(decided), day)
    units = []
    ends = unit_ends(db)
    for p in members:
        if p.joined_on > as_of and p.joined_on > campaign.start_date:  # had not joined yet on that day
            continue
        mine = sorted(by_unit.get(p.unit_id, ()), key=lambda i: (i.registered_on, i.id))
        units.append(_review_unit(p, mine, heads.get(p.unit_id), heads_later.get(p.unit_id), as_of, campaign.year,
                                  settings, ends.get(p.unit_id)))
    units.sort(key=lambda u: (KIND_ORDER[u.unit_kind], sort_key(u.unit_name)))
    names = {u.unit_id: u.unit_name for u in units if u.active}
    criticised = {u.unit_id: f"{u.unit_name} bị đề nghị phê bình ({u.reasons_text})" for u in units if u.criticised}
    considered = [i for u in units if u.active for i in by_unit.get(u.unit_id, ())]
    with without_gc_passes():  # some 20,000 records at once, none in a cycle
        people = review_people(db, campaign, considered, as_of, settings.required_level, settings.include_effective,
                               criticised, names)
    adjusted = {kind: tuple(adjustments(db, list_key(campaign_id, kind))) for kind in ListKind}
    known = {(UNIT, u.unit_id) for u in units} | {(STAFF, p.staff_id) for p in people}
    wanted = {a.subject_key for items in adjusted.values() for a in items if a.action == Action.ADD} - known
    return CampaignReview(campaign, as_of, settings, tuple(units), tuple(people), adjusted,
                          _outsiders(db, wanted, as_of))


def _outsiders(db: Database, wanted: set[tuple[str, int]], as_of: dt.date):
    """Printed rows for subjects added by hand that the rules did not consider."""
    from models.people.staff import unit_printed_under

    found = {}
    for subject, subject_id in wanted:
        if subject == UNIT:
            row = next(db.query("SELECT name, kind FROM unit WHERE id = ?", [subject_id]), None)
            if row:
                kind = UnitKind(row["kind"])
                found[(UNIT, subject_id)] = (PrintedEntry(UNIT, subject_id, row["name"], label(kind), ""), kind, "", None)
            continue
        row = next(db.query("SELECT code, full_name, position FROM staff WHERE id = ?", [subject_id]), None)
        if row:
            unit_id = unit_printed_under(db, subject_id, as_of)
            unit = db["unit"].get(unit_id)["name"] if unit_id else ""
            where = ", ".join(x for x in (row["position"], unit) if x)
            found[(STAFF, subject_id)] = (PrintedEntry(STAFF, subject_id, row["full_name"], where, ""), None, row["code"],
                                          unit_id)
    return found


def totals_line(collectives: list, individuals: list, kind: ListKind) -> str:
    if kind == ListKind.CRITICISM:
        return f"Tổng số: {money(len(collectives))} tập thể."
    return f"Tổng số: {money(len(collectives))} tập thể, {money(len(individuals))} cá nhân."


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
        deadlines=review.campaign.deadlines_line,
    )


def printable_list(db: Database, campaign_id: int, kind: ListKind, as_of: dt.date) -> PrintableList:
    """What prints: the frozen snapshot of an approved list, else the current draft."""
    approved = current_approval(db, list_key(campaign_id, kind))
    if approved is not None:
        return approved.printable()
    return draft_list(db, campaign_review(db, campaign_id, as_of), kind)
